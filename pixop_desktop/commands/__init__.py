"""The ``pixop-desktop`` subcommands, grouped by what they act on.

Each module exports ``COMMANDS``: a list of :class:`Command` (name, one-line help,
``add_arguments(parser)``, ``run(args) -> int``); ``pixop_desktop.cli`` builds the parser
from them. Nothing here imports ``pixop_desktop.cli`` (it imports us): what a command
shares with it — ``CommandFailed``, the exit statuses, the program name — is in
``errors.py``.

Qt-free: the ``gui`` command imports ``pixop_desktop.ui`` only when it runs.
"""

from __future__ import annotations

import argparse
from typing import Callable, NamedTuple


class Command(NamedTuple):
    """One subcommand: its name, its one-line help, how it reads its options and what it does."""

    name: str
    help: str | None
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], "int | None"]
