"""``pixop-desktop import-s3 LOCATION_ID KEY... | --list``: import objects from an S3 input location.

``--list`` shows the team's input locations. Each KEY becomes one import, named after the
key's last component, and one queue job (see import_run.py).
"""

from __future__ import annotations

import argparse

from pixop_desktop.cli import CommandFailed
from pixop_desktop.commands._common import add_json_option, connected, print_json, print_table
from pixop_desktop.commands.import_run import PlannedImport, add_common_arguments, run_imports
from pixop_desktop.imports.params import S3Import
from pixop_desktop.imports.url_rules import ImportRefused

HELP = "have Pixop import objects from one of the team's S3 input locations"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("location_id", nargs="?", metavar="LOCATION_ID", help="the input location (see --list)")
    parser.add_argument("keys", nargs="*", metavar="KEY", help="object keys to import, e.g. incoming/clip.mp4")
    parser.add_argument("--list", action="store_true", help="list the team's S3 input locations")
    add_json_option(parser)
    add_common_arguments(parser)


def run(args: argparse.Namespace) -> int:
    if args.list:
        return _list(args)
    if not args.location_id or not args.keys:
        raise CommandFailed("Nothing to import", "Give an input location id and at least one object key "
                                                 "(see 'import-s3 --list').")
    wanted = [S3Import(args.location_id, key, project_id=args.project,
                       full_ingestion=args.full_ingestion).with_defaults() for key in args.keys]
    refusals = [r for item in wanted for r in item.refusals()]
    if refusals:
        raise ImportRefused(refusals)
    return run_imports(args, [PlannedImport(item.object_key, item) for item in wanted])


def _list(args: argparse.Namespace) -> int:
    with connected(args) as (client, _ctx):
        locations = list(client.imports.iter_input_locations())
    if args.json:
        print_json(locations)
    elif not print_table(["ID", "NAME", "BUCKET"], [(loc.id, loc.name, loc.bucket) for loc in locations]):
        print("(this team has no S3 input locations)")
    return 0
