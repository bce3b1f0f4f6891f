"""List videos, all of the team's or one project's."""

from __future__ import annotations

import argparse

from pixop_desktop.commands._common import add_json_option, connected, print_json, print_table

HELP = "list videos (all, or one project's)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", metavar="PROJECT_ID", help="only this project's videos")
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    with connected(args) as (client, _ctx):
        videos = list(client.videos.iter_videos(project_id=args.project))
    if args.json:
        print_json(videos)
    else:
        rows = ([v.id, v.name or v.filename, v.project_id, v.parent_id, v.date_created] for v in videos)
        print_table(["ID", "NAME", "PROJECT", "FROM", "CREATED"], rows)
    return 0
