"""``update [--check]``: ask the update server for a newer signed version, and (without --check)
download and verify it; it is put in place the next time the app starts (pixop_desktop/updates)."""

from __future__ import annotations

import argparse

from pixop_desktop.commands import Command
from pixop_desktop.commands.errors import EXIT_OK


def add_update_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="only say whether a newer version is available")


def update(args: argparse.Namespace) -> int:
    from pixop_desktop.settings import load_settings
    from pixop_desktop.updates.install import current_installation
    from pixop_desktop.updates.schedule import check_for_update, updater_for

    installation = current_installation()
    updater = updater_for(load_settings(), installation)  # UpdatesUnavailable says why not
    result = check_for_update(updater, download=not args.check,
                              system_managed=installation is not None and installation.system_managed)
    print(result.sentence())
    return EXIT_OK


COMMANDS = [
    Command("update", "check for a newer version of Pixop Desktop and download it (signed and verified; "
                      "installed at the next start); --check only looks", add_update_arguments, update),
]
