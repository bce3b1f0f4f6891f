"""``pixop-desktop sandbox``: run the built-in Pixop-compatible server (its code is ``pixop_desktop.sandbox.cli``)."""

from __future__ import annotations

from pixop_desktop.commands import Command
from pixop_desktop.sandbox import cli as sandbox_cli

#: The first line of the sandbox's own docstring, so its help and ``python -m pixop_desktop.sandbox.cli``
#: never disagree (which is why the frozen app keeps docstrings).
HELP = next(iter((sandbox_cli.__doc__ or "").strip().splitlines()), None)

COMMANDS = [Command("sandbox", HELP, sandbox_cli.add_arguments, sandbox_cli.run)]
