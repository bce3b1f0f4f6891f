"""Run the local Pixop-compatible server (the sandbox) until Ctrl+C or SIGTERM.

The top-level CLI calls ``add_arguments(parser)`` and ``run(args)``; ``python -m
pixop_desktop.sandbox.cli`` runs it on its own. Printing the sandbox's own credentials (the demo
user's and every ``--user``) is fine: they exist only here, and the banner is how one learns them.

``--user`` with the demo user's email is refused: the demo password is fixed so that the app and
the docs can always name it. ``--user`` for an email already in the data folder sets its password.
A wildcard ``--host`` (0.0.0.0, ::) prints a loopback URL the app accepts, plus a warning that
other computers can now reach the sandbox.
"""

from __future__ import annotations

import argparse
import ipaddress
import signal
import sys
import threading
from pathlib import Path

from pixop_desktop.sandbox.variants import VARIANTS

DEFAULT_PORT = 8765
_WILDCARD_URL_HOSTS = {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "[::1]"}


def _port_number(text: str) -> int:
    """argparse type: a TCP port, 0 (any free port) to 65535."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"must be a whole number from 0 to 65535, not {text!r}")
    return value


def _positive_seconds(text: str) -> int:
    """argparse type: a whole number of seconds, at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of seconds, at least 1, not {text!r}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1, this computer only)")
    parser.add_argument("--port", type=_port_number, default=DEFAULT_PORT,
                        help=f"port to listen on; 0 picks a free one (default: {DEFAULT_PORT})")
    parser.add_argument("--data", type=Path, default=None, metavar="DIR",
                        help="folder for the sandbox's videos and state "
                             "(default: 'sandbox' in the app's data folder)")
    parser.add_argument("--user", action="append", default=[], metavar="EMAIL:PASSWORD",
                        help="an extra user (repeatable; sets the password if the user exists); "
                             "the demo user always exists with its fixed password")
    parser.add_argument("--api-key", default=None, metavar="KEY",
                        help="the API key of the demo user for the current API")
    parser.add_argument("--token-ttl", type=_positive_seconds, default=900, metavar="SECONDS",
                        help="how long a v1 JWT stays valid (default: 900)")
    parser.add_argument("--allow-private-urls", action="store_true",
                        help="let URL imports use private/loopback addresses and any port "
                             "(for local testing only)")
    parser.add_argument("--variant", action="append", default=[], metavar="NAME",
                        choices=sorted(VARIANTS),
                        help="answer one way real Pixop may (repeatable): "
                             + "; ".join(f"{name}: {what}" for name, what in VARIANTS.items()))


def _users(values: list[str], demo_email: str) -> list[tuple[str, str]]:
    users = []
    for value in values:
        email, sep, password = value.partition(":")
        if not sep or not email or not password:
            raise ValueError(f"--user needs EMAIL:PASSWORD, got {email or value!r}")
        if email.strip().lower() == demo_email.lower():
            raise ValueError(f"--user: {email} is the demo user, whose password cannot be changed; "
                             "choose another email")
        users.append((email, password))
    return users


def _data_folder(folder: Path) -> Path:
    """The data folder, created if missing; ValueError with a plain reason if it cannot be used."""
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"--data {folder} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValueError(f"cannot create the data folder {folder}: {exc.strerror or exc}") from None
    return folder


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _shown_url(host: str, port: int, url: str) -> str:
    """A URL the app can use: a wildcard bind is reached through loopback."""
    shown = _WILDCARD_URL_HOSTS.get(host)
    return f"http://{shown}:{port}" if shown else url


def _warn_if_reachable(host: str, demo_password: str) -> None:
    if not _is_loopback(host):
        print(f"pixop-desktop sandbox: warning: listening on {host or 'all addresses'}, so other "
              f"computers can reach the sandbox and log in with its demo password "
              f"({demo_password}) and the users below.", file=sys.stderr, flush=True)


def _banner(url: str, demo: tuple[str, str], users: list[tuple[str, str]], api_key: str,
            data: Path, variants: list[str] = ()) -> str:
    """Where the sandbox is and every login it accepts (the demo user's first, as always)."""
    lines = [f"Pixop sandbox running at {url}", f"  email:    {demo[0]}", f"  password: {demo[1]}",
             f"  API key:  {api_key}", f"  data:     {data}"]
    lines += [f"  user:     {email}  password: {password}" for email, password in users]
    lines += [f"  variant:  {name} ({VARIANTS[name]})" for name in variants]
    lines.append("Press Ctrl+C to stop.")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from pixop_desktop import paths
    from pixop_desktop.sandbox import DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_PASSWORD, Sandbox

    try:
        users = _users(args.user, DEFAULT_EMAIL)
        data = _data_folder(args.data or paths.data_dir() / "sandbox")
    except ValueError as exc:
        print(f"pixop-desktop sandbox: {exc}", file=sys.stderr)
        return 2
    api_key = args.api_key or DEFAULT_API_KEY
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set())
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with Sandbox(data_dir=data, host=args.host, port=args.port, users=users, api_key=api_key,
                     token_ttl=args.token_ttl, allow_private_urls=args.allow_private_urls,
                     log_level="warning", variants=args.variant) as server:
            _warn_if_reachable(args.host, DEFAULT_PASSWORD)
            url = _shown_url(args.host, server.port, server.url)
            print(_banner(url, (DEFAULT_EMAIL, DEFAULT_PASSWORD), users, api_key, data,
                          server.variants.names()), flush=True)

            while not stop.wait(0.5):  # a timed wait keeps Ctrl+C responsive on Windows
                pass
    except OSError as exc:
        print(f"pixop-desktop sandbox: cannot listen on {args.host}:{args.port}: "
              f"{exc.strerror or exc}", file=sys.stderr)
        return 1
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("Sandbox stopped.", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pixop-desktop sandbox",
                                     description="Run a local Pixop-compatible server.")
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
