"""The ``pixop-desktop`` command: the GUI by default, subcommands for headless use.

Adding a subcommand is one module with ``HELP`` (one line), ``add_arguments(parser)``
and ``run(args) -> int``, plus one line in :data:`COMMANDS`. Modules are
imported when the parser is built; a module that fails to import leaves its
subcommand in place, reporting why it is unavailable, instead of breaking every
other command.

Failures end with exit status 1 (130 on Ctrl+C) and ONE line on stderr,
``pixop-desktop: <title>: <message>``; the traceback, if any, goes to the log file.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from types import ModuleType
from typing import Sequence

from pixop_desktop import __version__

PROG = "pixop-desktop"
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

#: (subcommand, module). Each module has HELP, add_arguments(parser), run(args) -> int.
COMMANDS: list[tuple[str, str]] = [
    ("gui", "pixop_desktop.commands.gui"),
    ("sandbox", "pixop_desktop.sandbox.cli"),
    ("login", "pixop_desktop.commands.login"),
    ("logout", "pixop_desktop.commands.logout"),
    ("account", "pixop_desktop.commands.account"),
    ("projects", "pixop_desktop.commands.projects"),
    ("videos", "pixop_desktop.commands.videos"),
    ("upload", "pixop_desktop.commands.upload"),
    ("download", "pixop_desktop.commands.download"),
    ("presets", "pixop_desktop.commands.presets"),
    ("queue", "pixop_desktop.commands.queue_cmd"),
    ("run-queue", "pixop_desktop.commands.run_queue"),
    ("approve", "pixop_desktop.commands.approve"),
    ("reject", "pixop_desktop.commands.reject"),
    ("cancel", "pixop_desktop.commands.cancel"),
    ("retry", "pixop_desktop.commands.retry"),
    ("remove", "pixop_desktop.commands.remove"),
    ("clear-finished", "pixop_desktop.commands.clear_finished"),
    ("edit", "pixop_desktop.commands.edit"),
    ("watch", "pixop_desktop.commands.watch"),
    ("import-url", "pixop_desktop.commands.import_url"),
    ("import-s3", "pixop_desktop.commands.import_s3"),
    ("mimir", "pixop_desktop.commands.mimir"),
]

log = logging.getLogger(__name__)


class _Unavailable:
    """Stands in for a command module that could not be imported."""

    def __init__(self, name: str, error: BaseException) -> None:
        self.HELP = f"(unavailable: {error})"
        self._name, self._error = name, error

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)

    def run(self, args: argparse.Namespace) -> int:
        raise CommandFailed("Command unavailable",
                            f"'{self._name}' cannot run in this installation: {self._error}")


class CommandFailed(Exception):
    """A command's own failure, told as a title and a message."""

    def __init__(self, title: str, message: str) -> None:
        super().__init__(f"{title}: {message}")
        self.title, self.message = title, message


def _load(name: str, module_name: str) -> ModuleType | _Unavailable:
    try:
        return importlib.import_module(module_name)
    except ImportError as exc:
        return _Unavailable(name, exc)


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


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, object]]:
    parser = argparse.ArgumentParser(
        prog=PROG, parents=[_common_options(defaults=True)],
        description="Send videos to Pixop for enhancement and get the results back. "
                    "Without a subcommand, opens the app window.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check that this installation works (Qt, keyring, a tiny clip through the "
                             "built-in sandbox) and exit 0, or 1 naming what failed")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules: dict[str, object] = {}
    for name, module_name in COMMANDS:
        module = _load(name, module_name)
        help_text = getattr(module, "HELP", None) or _first_line(module.__doc__)
        command_parser = sub.add_parser(name, help=help_text, description=help_text,
                                        parents=[_common_options(defaults=False)])
        module.add_arguments(command_parser)
        modules[name] = module
    return parser, modules


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
    try:
        argv = with_default_command(argv)
    except _NotACommand as exc:
        print(f"{PROG}: invalid choice: '{_one_line(exc.word)}' is neither a command nor a file or folder "
              f"(see '{PROG} --help')", file=sys.stderr)
        return EXIT_USAGE
    parser, modules = build_parser()
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
        return _run(modules[args.command], args)
    finally:
        shutdown_logging()


def _run(module, args: argparse.Namespace) -> int:
    from pixop_desktop import notices

    def say(text: str) -> None:
        print(f"{PROG}: {_one_line(text)}", file=sys.stderr, flush=True)

    unsubscribe = notices.subscribe(say)
    try:
        return _run_command(module, args)
    finally:
        unsubscribe()


def _run_command(module, args: argparse.Namespace) -> int:
    try:
        status = module.run(args)
        return EXIT_OK if status is None else int(status)
    except KeyboardInterrupt:
        print(f"{PROG}: Interrupted — work in flight is kept; run the same command again to go on.",
              file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # the one place where any failure becomes one line
        title = getattr(exc, "title", None)
        message = getattr(exc, "message", None)
        if isinstance(title, str) and isinstance(message, str):
            log.info("%s failed: %s: %s", args.command, title, message, exc_info=True)
        else:
            log.exception("%s failed unexpectedly", args.command)
            from pixop_desktop.logging_setup import log_file_path

            title = "Unexpected error"
            message = f"{type(exc).__name__}: {exc} (details in {log_file_path()})"
        print(f"{PROG}: {_one_line(title)}: {_one_line(message)}", file=sys.stderr)
        return EXIT_FAILED


def _first_line(text: str | None) -> str | None:
    lines = (text or "").strip().splitlines()
    return lines[0] if lines else None


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
