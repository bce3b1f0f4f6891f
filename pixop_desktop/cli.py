"""The ``pixop-desktop`` command: the GUI by default, subcommands for headless use.

The subcommands live in ``pixop_desktop.commands``, grouped by what they act on; each
module exports ``COMMANDS``, a list of ``Command(name, help, add_arguments, run)``.
Adding a subcommand is one entry there plus one line in :data:`COMMANDS` below, which
says where it lives (so a path given as the first word is told from a command without
importing anything). Modules are imported when the parser is built; a module that fails
to import leaves its subcommands in place, reporting why they are unavailable, instead of
breaking every other command.

Failures end with exit status 1 (130 on Ctrl+C) and ONE line on stderr,
``pixop-desktop: <title>: <message>``; the traceback, if any, goes to the log file.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from typing import Sequence

from pixop_desktop import __version__
from pixop_desktop.commands import Command
from pixop_desktop.commands.errors import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, PROG, CommandFailed
from pixop_desktop.errors import UserFacingError

#: (subcommand, the module exporting it), in the order ``--help`` lists them.
COMMANDS: list[tuple[str, str]] = [
    ("gui", "pixop_desktop.commands.gui"),
    ("sandbox", "pixop_desktop.commands.sandbox"),
    ("login", "pixop_desktop.commands.account"),
    ("logout", "pixop_desktop.commands.account"),
    ("account", "pixop_desktop.commands.account"),
    ("projects", "pixop_desktop.commands.account"),
    ("videos", "pixop_desktop.commands.account"),
    ("upload", "pixop_desktop.commands.transfer"),
    ("download", "pixop_desktop.commands.transfer"),
    ("presets", "pixop_desktop.commands.presets"),
    ("queue", "pixop_desktop.commands.queue"),
    ("run-queue", "pixop_desktop.commands.queue_run"),
    ("approve", "pixop_desktop.commands.queue"),
    ("reject", "pixop_desktop.commands.queue"),
    ("cancel", "pixop_desktop.commands.queue"),
    ("retry", "pixop_desktop.commands.queue"),
    ("remove", "pixop_desktop.commands.queue"),
    ("clear-finished", "pixop_desktop.commands.queue"),
    ("edit", "pixop_desktop.commands.queue"),
    ("estimate", "pixop_desktop.commands.estimate"),
    ("watch", "pixop_desktop.commands.watch"),
    ("import-url", "pixop_desktop.commands.imports"),
    ("import-s3", "pixop_desktop.commands.imports"),
    ("mimir", "pixop_desktop.commands.imports"),
    ("doctor", "pixop_desktop.commands.doctor"),
    ("update", "pixop_desktop.commands.update"),
]

log = logging.getLogger(__name__)


def _unavailable(name: str, error: BaseException) -> Command:
    """Stands in for a subcommand whose module could not be imported."""

    def add_arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)

    def run(args: argparse.Namespace) -> int:
        raise CommandFailed("Command unavailable", f"'{name}' cannot run in this installation: {error}")

    return Command(name, f"(unavailable: {error})", add_arguments, run)


def _load(name: str, module_name: str) -> Command:
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        return _unavailable(name, exc)
    for command in getattr(module, "COMMANDS", ()):
        if command.name == name:
            return command
    return _unavailable(name, LookupError(f"{module_name} does not export it"))


def _common_options(defaults: bool) -> argparse.ArgumentParser:
    """Options accepted before or after the subcommand (``--server X projects`` = ``projects --server X``)."""
    parent = argparse.ArgumentParser(add_help=False)
    default = None if defaults else argparse.SUPPRESS
    parent.add_argument("--server", metavar="URL", default=default,
                        help="Pixop server root, e.g. https://api.pixop.com (default: $PIXOP_SERVER, then Settings)")
    parent.add_argument("--team", metavar="TEAM_ID", default=default,
                        help="act for this team instead of the account's default team")
    parent.add_argument("-v", "--verbose", action="store_true", default=False if defaults else argparse.SUPPRESS,
                        help="also log to the terminal, with details")
    return parent


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, Command]]:
    parser = argparse.ArgumentParser(
        prog=PROG, parents=[_common_options(defaults=True)],
        description="Send videos to Pixop for enhancement and get the results back. "
                    "Without a subcommand, opens the app window.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check that this installation works (Qt, keyring, a tiny clip through the "
                             "built-in sandbox) and exit 0, or 1 naming what failed")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands: dict[str, Command] = {}
    for name, module_name in COMMANDS:
        command = _load(name, module_name)
        command_parser = sub.add_parser(name, help=command.help, description=command.help,
                                        parents=[_common_options(defaults=False)])
        command.add_arguments(command_parser)
        commands[name] = command
    return parser, commands


class _NotACommand(Exception):
    """The first word is neither a subcommand nor something that looks like a file or folder."""

    def __init__(self, word: str) -> None:
        super().__init__(word)
        self.word = word


#: Common options that take a value (``--server URL``): the value is not the first positional word.
_OPTIONS_WITH_VALUE = ("--server", "--team")
#: Options of the ``gui`` subcommand alone; given without a subcommand they mean the gui.
_GUI_OPTIONS = ("--sandbox",)


def with_default_command(argv: Sequence[str]) -> list[str]:
    """``argv`` with ``gui`` put in front of the first positional word when that is a path.

    The Linux menu entry runs ``pixop-desktop %F`` and Windows "Open with" runs
    ``pixop-desktop.exe FILE...``: a bare path means "open the app with these files".
    A word that is neither a command nor path-like raises :class:`_NotACommand`.
    macOS's old ``-psn_…`` process-serial argument is dropped.
    """
    argv = [token for token in argv if not token.startswith("-psn_")]
    commands = {name for name, _module in COMMANDS}
    index = 0
    while index < len(argv):
        token = argv[index]
        if token == "--":  # everything after it is a path
            return [*argv[:index], "gui", *argv[index:]] if index + 1 < len(argv) else argv
        if _takes_value(token):
            index += 2
            continue
        if _is_gui_option(token):  # ``pixop-desktop --sandbox``: only the gui subcommand knows it
            return [*argv[:index], "gui", *argv[index:]]
        if token.startswith("-"):
            index += 1
            continue
        if token in commands:
            return argv
        if _looks_like_path(token):
            return [*argv[:index], "gui", *argv[index:]]
        raise _NotACommand(token)
    return argv


def _takes_value(token: str) -> bool:
    """``--server`` / ``--team`` or an abbreviation argparse accepts (``--serv``), without ``=VALUE``."""
    return token.startswith("--") and len(token) > 2 and "=" not in token and any(
        option.startswith(token) for option in _OPTIONS_WITH_VALUE)


def _is_gui_option(token: str) -> bool:
    name = token.split("=", 1)[0]
    return len(name) > 3 and any(option.startswith(name) for option in _GUI_OPTIONS)


def _looks_like_path(word: str) -> bool:
    """An existing file or folder, or a word shaped like one (a folder part or a file extension)."""
    return (os.path.lexists(word) or "/" in word or "\\" in word or word.startswith("~")
            or bool(os.path.splitext(word)[1]))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _never_fail_to_print()
    try:
        argv = with_default_command(argv)
    except _NotACommand as exc:
        print(f"{PROG}: invalid choice: '{_one_line(exc.word)}' is neither a command nor a file or folder "
              f"(see '{PROG} --help')", file=sys.stderr)
        return EXIT_USAGE
    parser, commands = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            args = parser.parse_args([*argv, "gui"])
    except SystemExit as exc:  # --help, --version, usage errors: argparse already printed
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    from pixop_desktop.logging_setup import setup_logging, shutdown_logging

    setup_logging(logging.DEBUG if args.verbose else logging.INFO, console=args.verbose)
    try:
        if args.self_test:
            from pixop_desktop.commands.self_test import run_self_test

            return run_self_test()
        return _run(commands[args.command], args)
    finally:
        shutdown_logging()


def _run(command: Command, args: argparse.Namespace) -> int:
    from pixop_desktop import notices

    def say(text: str) -> None:
        print(f"{PROG}: {_one_line(text)}", file=sys.stderr, flush=True)

    unsubscribe = notices.subscribe(say)
    try:
        return _run_command(command, args)
    finally:
        unsubscribe()


def _run_command(command: Command, args: argparse.Namespace) -> int:
    try:
        status = command.run(args)
        return EXIT_OK if status is None else int(status)
    except KeyboardInterrupt:
        print(f"{PROG}: Interrupted — work in flight is kept; run the same command again to go on.",
              file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # the one place where any failure becomes one line
        if isinstance(exc, UserFacingError):
            title, message = exc.title, exc.message
            log.info("%s failed: %s: %s", args.command, title, message, exc_info=True)
        else:
            log.exception("%s failed unexpectedly", args.command)
            from pixop_desktop.logging_setup import log_file_path

            title = "Unexpected error"
            message = f"{type(exc).__name__}: {exc} (details in {log_file_path()})"
        print(f"{PROG}: {_one_line(title)}: {_one_line(message)}", file=sys.stderr)
        return EXIT_FAILED


def _never_fail_to_print() -> None:
    """A console or file in a narrow encoding (Windows' cp1252 when output is redirected, say, from
    Task Scheduler or ``> log``) cannot hold every file name: what it cannot hold is written as an
    escape (\\u2192) instead of stopping the command with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # absent on a test's StringIO
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(errors="backslashreplace")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
