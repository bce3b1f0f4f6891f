"""Run the local Pixop-compatible server (the sandbox) until Ctrl+C or SIGTERM.

The top-level CLI calls ``add_arguments(parser)`` and ``run(args)``; ``python -m
pixop_desktop.sandbox.cli`` runs it on its own. Printing the sandbox's own demo credentials is
fine: they exist only here.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

DEFAULT_PORT = 8765


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1, this computer only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port to listen on; 0 picks a free one (default: {DEFAULT_PORT})")
    parser.add_argument("--data", type=Path, default=None, metavar="DIR",
                        help="folder for the sandbox's videos and state "
                             "(default: 'sandbox' in the app's data folder)")
    parser.add_argument("--user", action="append", default=[], metavar="EMAIL:PASSWORD",
                        help="an extra user (repeatable); the demo user always exists")
    parser.add_argument("--api-key", default=None, metavar="KEY",
                        help="the API key of the demo user for the current API")
    parser.add_argument("--token-ttl", type=int, default=900, metavar="SECONDS",
                        help="how long a v1 JWT stays valid (default: 900)")
    parser.add_argument("--allow-private-urls", action="store_true",
                        help="let URL imports use private/loopback addresses and any port "
                             "(for local testing only)")


def _users(values: list[str]) -> list[str]:
    for value in values:
        email, sep, password = value.partition(":")
        if not sep or not email or not password:
            raise ValueError(f"--user needs EMAIL:PASSWORD, got {email or value!r}")
    return values


def run(args: argparse.Namespace) -> int:
    from pixop_desktop import paths
    from pixop_desktop.sandbox import DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_PASSWORD, Sandbox

    try:
        users = _users(args.user)
    except ValueError as exc:
        print(f"pixop-desktop sandbox: {exc}", file=sys.stderr)
        return 2
    data = args.data or paths.data_dir() / "sandbox"
    api_key = args.api_key or DEFAULT_API_KEY
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set())
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with Sandbox(data_dir=data, host=args.host, port=args.port, users=users, api_key=api_key,
                     token_ttl=args.token_ttl, allow_private_urls=args.allow_private_urls,
                     log_level="warning") as server:
            print(f"Pixop sandbox running at {server.url}", flush=True)
            print(f"  email:    {DEFAULT_EMAIL}\n  password: {DEFAULT_PASSWORD}\n"
                  f"  API key:  {api_key}\n  data:     {data}\nPress Ctrl+C to stop.", flush=True)
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
