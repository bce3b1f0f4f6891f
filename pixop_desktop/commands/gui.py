"""Open the app window (the default when no subcommand is given)."""

from __future__ import annotations

import argparse

HELP = "open the app window (the default)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sandbox", action="store_true",
                        help="start the built-in sandbox server on this computer and use its demo account "
                             "(no Pixop account needed)")


def run(args: argparse.Namespace) -> int:
    from pixop_desktop.ui.app import run_gui  # Qt only from here on

    return run_gui(server=args.server, team_id=args.team, sandbox=args.sandbox)
