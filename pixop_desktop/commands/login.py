"""Sign in: check email and password (or an API key) with the server, then keep them in the OS keyring."""

from __future__ import annotations

import argparse
import getpass
import sys

from pixop_desktop.commands._common import context_from
from pixop_desktop.connection import open_client
from pixop_desktop.credentials import ENV_EMAIL, ENV_PASSWORD, Credentials, environment_value
from pixop_desktop.settings import save_settings

HELP = "sign in to Pixop and keep the credentials in the OS keyring"


class LoginFailed(Exception):
    def __init__(self, title: str, message: str) -> None:
        super().__init__(f"{title}: {message}")
        self.title, self.message = title, message


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--email", help="the account's email (default: $PIXOP_EMAIL, else asked)")
    parser.add_argument("--api-key-stdin", action="store_true",
                        help="read an API key (for URL/S3 imports) from standard input instead of "
                             "asking for email and password")


def run(args: argparse.Namespace) -> int:
    ctx = context_from(args)
    if args.api_key_stdin:
        return _login_api_key(ctx)
    email = (args.email or environment_value(ENV_EMAIL) or _ask_email(ctx.settings.email)).strip()
    password = environment_value(ENV_PASSWORD) or getpass.getpass(f"Pixop password for {email}: ")
    if not email or not password:
        raise LoginFailed("Not signed in", "Both an email and a password are needed.")
    with open_client(ctx.server.url, Credentials(email, password), ctx.team_id) as client:
        info = client.accounts.whoami()
    source = ctx.store.save(email=email, password=password)
    ctx.settings.server, ctx.settings.server_kind, ctx.settings.email = ctx.server.url, ctx.server.kind, email
    save_settings(ctx.settings)
    team = info.team.name if info.team and info.team.name else (info.team.id if info.team else "-")
    print(f"Signed in to {ctx.server.url} as {info.user.email or email} (team: {team}).")
    print(f"Credentials {_where(source, ctx.store.backend_name)}.")
    return 0


def _login_api_key(ctx) -> int:
    key = sys.stdin.readline().strip()
    if not key:
        raise LoginFailed("No API key", "Pipe the API key into this command, e.g. "
                                        "'pixop-desktop login --api-key-stdin < key.txt'.")
    with open_client(ctx.server.url, Credentials(api_key=key), ctx.team_id) as client:
        _check_api_key(client)
    source = ctx.store.save(api_key=key)
    print(f"API key for {ctx.server.url} {_where(source, ctx.store.backend_name)}.")
    return 0


def _check_api_key(client) -> None:
    """One harmless current-API call; a wrong key fails with WrongCredentials."""
    next(iter(client.imports.iter_input_locations()), None)


def _ask_email(default: str) -> str:
    prompt = f"Pixop email [{default}]: " if default else "Pixop email: "
    return input(prompt).strip() or default


def _where(source: str, backend_name: str) -> str:
    return f"saved in {backend_name}" if source == "keyring" else "kept for this session only"
