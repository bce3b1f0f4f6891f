"""What the subcommands share: where to connect, a client, plain tables, JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator, TextIO

from pixop_desktop.connection import ServerChoice, choose_server, choose_team, open_client, require_credentials
from pixop_desktop.credentials import CredentialStore
from pixop_desktop.settings import Settings, load_settings


@dataclass
class CommandContext:
    """Everything a command needs to know before talking to a server."""

    settings: Settings
    server: ServerChoice
    team_id: str | None
    store: CredentialStore


def context_from(args: argparse.Namespace) -> CommandContext:
    settings = load_settings()
    server = choose_server(getattr(args, "server", None), settings)
    team_id = choose_team(getattr(args, "team", None), server, settings)
    return CommandContext(settings, server, team_id, CredentialStore(server.url))


def apply_transfer_limit(args: argparse.Namespace, settings: Settings) -> None:
    """Set the shared bandwidth limiter: ``--limit MBPS`` if given (0 = none), else the saved setting.

    Every transfer of this process (direct or queued) shares ``default_limiter()``,
    as in the app, so the limit a person saved holds for the headless commands too.
    """
    from pixop_desktop.transfer.throttle import default_limiter

    mbps = getattr(args, "limit", None)
    if mbps is None:
        mbps = settings.bandwidth_limit_mbps
    default_limiter().set_rate(int(max(0.0, mbps) * 1_000_000 / 8))


def add_bandwidth_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=float, metavar="MBPS",
                        help="limit all transfers together to this many megabits per second (0: no limit; "
                             "default: the limit saved in the app's Settings)")


@contextmanager
def connected(args: argparse.Namespace) -> Iterator[tuple[Any, CommandContext]]:
    """A PixopClient for the chosen server with the stored credentials; closed afterwards.

    Also applies the bandwidth limit (``apply_transfer_limit``) before anything moves.
    """
    ctx = context_from(args)
    apply_transfer_limit(args, ctx.settings)
    credentials = require_credentials(ctx.store)
    client = open_client(ctx.server.url, credentials, ctx.team_id)
    try:
        yield client, ctx
    finally:
        client.close()


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON (for scripts) instead of a table")


def print_json(data: Any, out: TextIO | None = None) -> None:
    """Models (or lists of them) as JSON; secret fields are excluded by the caller."""
    out = out or sys.stdout
    if isinstance(data, list):
        data = [item.model_dump() if hasattr(item, "model_dump") else item for item in data]
    elif hasattr(data, "model_dump"):
        data = data.model_dump()
    json.dump(data, out, indent=2, default=_json_default)
    out.write("\n")


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "value"):  # enums
        return value.value
    return str(value)


def print_table(headers: Sequence[str], rows: Iterable[Sequence[Any]], out: TextIO | None = None) -> int:
    """Left-aligned columns; returns the number of rows. Cells are made single-line (server text is untrusted)."""
    out = out or sys.stdout
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(headers)]
    for row in [list(headers), *cells]:
        out.write("  ".join(value.ljust(width) for value, width in zip(row, widths)).rstrip() + "\n")
    return len(cells)


def printable(text: str) -> str:
    """``text`` safe for one line of output: control characters (a newline in a file name
    could forge a line of its own) are shown escaped, as ``\\n``, never acted on."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M")
    text = "".join(ch if ch.isprintable() else " " for ch in str(value))
    return text if len(text) <= 60 else text[:59] + "…"
