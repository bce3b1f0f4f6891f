"""List the team's projects."""

from __future__ import annotations

import argparse

from pixop_desktop.commands._common import add_json_option, connected, print_json, print_table

HELP = "list the team's projects"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    with connected(args) as (client, _ctx):
        projects = list(client.videos.iter_projects())
    if args.json:
        print_json(projects)
    else:
        print_table(["ID", "NAME", "CREATED"], ([p.id, p.name, p.date_created] for p in projects))
    return 0
