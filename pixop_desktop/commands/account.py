"""Show who you are signed in as: user, team, the other teams you can switch to."""

from __future__ import annotations

import argparse

from pixop_desktop.commands._common import connected, print_json

HELP = "show the signed-in user, the current team and the other teams"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON (for scripts)")


def run(args: argparse.Namespace) -> int:
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
