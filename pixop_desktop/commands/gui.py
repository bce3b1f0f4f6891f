"""Open the app window (the default when no subcommand is given), optionally with files to add.

``pixop-desktop FILE...`` is what the Linux menu entry (``%F``) and Windows "Open with" run;
``cli.main`` puts ``gui`` in front of a bare path.
"""

from __future__ import annotations

import argparse
import os

from pixop_desktop.commands import Command

def add_gui_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sandbox", action="store_true",
                        help="start the built-in sandbox server on this computer and use its demo account "
                             "(no Pixop account needed)")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="videos or folders to add to the queue, as if dropped on the window "
                             "(handed to the app window if it is already open)")


def gui(args: argparse.Namespace) -> int:
    from pixop_desktop.ui.app import run_gui  # Qt only from here on

    paths = [os.path.abspath(p) for p in args.paths]  # relative to where the person launched us
    return run_gui(server=args.server, team_id=args.team, sandbox=args.sandbox, paths=paths)


COMMANDS = [
    Command("gui", "open the app window (the default), adding any files or folders given", add_gui_arguments, gui),
]
