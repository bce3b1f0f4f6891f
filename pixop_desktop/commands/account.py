"""The account: ``login``, ``logout``, ``account``, and listing ``projects`` and ``videos``.

``login`` checks email and password (or an API key) with the server, then keeps them in the
OS keyring; ``logout`` forgets them.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from pixop_desktop.commands import Command
from pixop_desktop.commands._common import add_json_option, connected, context_from, print_json, print_table
from pixop_desktop.commands.errors import CommandFailed
from pixop_desktop.credentials import ENV_EMAIL, ENV_PASSWORD, Credentials, environment_value
from pixop_desktop.services.connection import open_client
from pixop_desktop.settings import save_settings


# ----- login ---------------------------------------------------------------------------------

def add_login_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--email", help="the account's email (default: $PIXOP_EMAIL, else asked)")
    parser.add_argument("--api-key-stdin", action="store_true",
                        help="read an API key (for URL/S3 imports) from standard input instead of "
                             "asking for email and password")


def login(args: argparse.Namespace) -> int:
    ctx = context_from(args)
    if args.api_key_stdin:
        return _login_api_key(ctx)
    email = (args.email or environment_value(ENV_EMAIL) or _ask_email(ctx.settings.email)).strip()
    password = environment_value(ENV_PASSWORD) or getpass.getpass(f"Pixop password for {email}: ")
    if not email or not password:
        raise CommandFailed("Not signed in", "Both an email and a password are needed.")
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
        raise CommandFailed("No API key", "Pipe the API key into this command, e.g. "
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


# ----- logout --------------------------------------------------------------------------------

def add_logout_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def logout(args: argparse.Namespace) -> int:
    ctx = context_from(args)
    ctx.store.delete()
    print(f"Signed out of {ctx.server.url}: saved credentials removed.")
    if not ctx.store.environment_credentials().is_empty:
        print("Note: PIXOP_EMAIL / PIXOP_PASSWORD / PIXOP_API_KEY are still set in this environment.")
    return 0


# ----- account -------------------------------------------------------------------------------

def add_account_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON (for scripts)")


def account(args: argparse.Namespace) -> int:
    """Who you are signed in as: user, team, the other teams you can switch to."""
    with connected(args) as (client, ctx):
        info = client.accounts.whoami()
    if args.json:
        data = info.model_dump(exclude={"user": {"api_request_signature_secret"}})
        print_json(data)
        return 0
    user = info.user
    print(f"Server:      {ctx.server.url} ({ctx.server.label})")
    print(f"User:        {user.name or '-'} <{user.email or '-'}>")
    print(f"Team:        {_team(info.team)}")
    others = ", ".join(_team(team) for team in info.other_teams) or "-"
    print(f"Other teams: {others}")
    print(f"Credentials: {ctx.store.describe()}")
    return 0


def _team(team) -> str:
    if team is None:
        return "-"
    return f"{team.name} ({team.id})" if team.name else team.id


# ----- projects and videos -------------------------------------------------------------------

def projects(args: argparse.Namespace) -> int:
    with connected(args) as (client, _ctx):
        found = list(client.videos.iter_projects())
    if args.json:
        print_json(found)
    else:
        print_table(["ID", "NAME", "CREATED"], ([p.id, p.name, p.date_created] for p in found))
    return 0


def add_videos_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", metavar="PROJECT_ID", help="only this project's videos")
    add_json_option(parser)


def videos(args: argparse.Namespace) -> int:
    with connected(args) as (client, _ctx):
        found = list(client.videos.iter_videos(project_id=args.project))
    if args.json:
        print_json(found)
    else:
        rows = ([v.id, v.name or v.filename, v.project_id, v.parent_id, v.date_created] for v in found)
        print_table(["ID", "NAME", "PROJECT", "FROM", "CREATED"], rows)
    return 0


COMMANDS = [
    Command("login", "sign in to Pixop and keep the credentials in the OS keyring", add_login_arguments, login),
    Command("logout", "forget the credentials saved for the server", add_logout_arguments, logout),
    Command("account", "show the signed-in user, the current team and the other teams",
            add_account_arguments, account),
    Command("projects", "list the team's projects", add_json_option, projects),
    Command("videos", "list videos (all, or one project's)", add_videos_arguments, videos),
]
