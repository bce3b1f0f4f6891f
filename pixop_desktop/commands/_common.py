"""What the subcommands share: where to connect, a client, plain tables, JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from typing import Any, Iterator, TextIO

from pixop_desktop.services.connection import ConnectionContext, choose_connection
from pixop_desktop.services.connection import connected as connected_client

# How often a command waiting for the user's Ctrl-C wakes up (Windows delivers it only then).
WAKE_SECONDS = 0.5


def context_from(args: argparse.Namespace) -> ConnectionContext:
    """The server and team from ``--server``/``--team`` (where the command has them), else as saved."""
    return choose_connection(getattr(args, "server", None), getattr(args, "team", None))


def add_bandwidth_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=float, metavar="MBPS",
                        help="limit all transfers together to this many megabits per second (0: no limit; "
                             "default: the limit saved in the app's Settings)")


def connections_count(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 16:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 1 to 16")
    return int(text)


def add_connections_option(parser: argparse.ArgumentParser) -> None:
    # Its own dest: import-url's --connections (Pixop's, to the source) means something else.
    parser.add_argument("--connections", dest="download_connections", type=connections_count, metavar="N",
                        help="fetch a large download as N byte ranges at once, 1 to 16 (faster over long "
                             "distances; default: the app's Settings, 4 unless changed)")


@contextmanager
def connected(args: argparse.Namespace) -> Iterator[tuple[Any, ConnectionContext]]:
    """A PixopClient for the chosen server with the stored credentials; closed afterwards.

    Every transfer of this process (direct or queued) shares one limiter, as in the app, so the
    bandwidth limit (``--limit MBPS``, else the saved one) is set here, before anything moves, and
    so is the number of connections per download (``--connections N``, else the saved one).
    """
    from pixop_desktop.services.runner import (  # loads jobs/: only once a command connects
        apply_bandwidth_limit, apply_download_connections,
    )

    ctx = context_from(args)
    apply_bandwidth_limit(ctx.settings, getattr(args, "limit", None))
    apply_download_connections(ctx.settings, getattr(args, "download_connections", None))
    with connected_client(ctx) as client:
        yield client, ctx


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
