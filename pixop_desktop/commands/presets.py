"""``presets list|show|export|import|delete``: named processing settings."""

from __future__ import annotations

import argparse
import json
import sys

from pixop_desktop.commands import Command
from pixop_desktop.commands._common import add_json_option, print_table, printable
from pixop_desktop.presets import (
    PresetError, damaged_preset_files, delete_preset, export_preset, get_preset, import_preset, list_presets,
)

def add_presets_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list the built-in and your own presets")
    add_json_option(listing)
    show = actions.add_parser("show", help="show a preset's description and exact settings (JSON)")
    show.add_argument("name", metavar="NAME|FILE", help="a preset's name or a preset file")
    show.add_argument("--source", metavar="VIDEO",
                      help="a local video: also say what the output would be made from it")
    export = actions.add_parser("export", help="write a preset to a file others can import")
    export.add_argument("name", metavar="NAME")
    export.add_argument("file", metavar="FILE")
    imported = actions.add_parser("import", help="add a preset from a preset file")
    imported.add_argument("file", metavar="FILE")
    imported.add_argument("--overwrite", action="store_true",
                          help="replace your preset of the same name (otherwise the import is numbered, e.g. “Name (2)”)")
    delete = actions.add_parser("delete", help="delete one of your own presets")
    delete.add_argument("name", metavar="NAME")


def presets(args: argparse.Namespace) -> int:
    return {"list": _list, "show": _show, "export": _export, "import": _import,
            "delete": _delete}[args.action](args)


def _list(args: argparse.Namespace) -> int:
    presets = list_presets()
    if args.json:
        json.dump([{"name": p.name, "description": p.description, "builtIn": p.built_in,
                    "request": p.request.to_json()} for p in presets], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print_table(["NAME", "KIND", "DESCRIPTION"],
                    ([p.name, "built-in" if p.built_in else "yours", p.description] for p in presets))
    for path, reason in damaged_preset_files():
        print(f"pixop-desktop: left out the damaged preset file {printable(str(path))}: "
              f"{printable(reason)} Fix it or delete it, then import the preset again.",
              file=sys.stderr)
    return 0


def _show(args: argparse.Namespace) -> int:
    preset = get_preset(args.name)
    kind = "built-in preset" if preset.built_in else f"your preset ({preset.path})" if preset.path else "preset"
    print(f"{preset.name} — {kind}")
    if preset.description:
        print(preset.description)
    print(json.dumps(preset.request.to_json(), indent=2))
    if args.source:
        print("Output: " + _describe_for(preset, args.source))
    return 0


def _describe_for(preset, video: str) -> str:
    from pixop_desktop.processing import ProcessingRequestError, plan_output
    from pixop_desktop.presets.source import source_info_from_file

    source = source_info_from_file(video)
    try:
        return plan_output(preset.request, source).describe()
    except ProcessingRequestError as exc:
        raise PresetError("Preset does not fit this video", str(exc)) from None


def _export(args: argparse.Namespace) -> int:
    path = export_preset(args.name, args.file)
    print(f"Exported “{get_preset(args.name).name}” to {path}")
    return 0


def _import(args: argparse.Namespace) -> int:
    preset = import_preset(args.file, overwrite=args.overwrite)
    print(f"Imported “{preset.name}”")
    return 0


def _delete(args: argparse.Namespace) -> int:
    name = get_preset(args.name).name
    delete_preset(args.name)
    print(f"Deleted “{name}”")
    return 0


COMMANDS = [
    Command("presets", "list, show, export, import and delete processing presets", add_presets_arguments, presets),
]
