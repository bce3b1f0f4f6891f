"""Transfer progress for the CLI: a rich bar on a terminal, plain lines otherwise.

Both go to stderr, so stdout carries only results (``clip.mp4<TAB><video id>``)
that scripts can read. Off a terminal (a log file, CI, a pipe) a line is
written at most every ``PLAIN_INTERVAL`` seconds and at the end, never a
carriage-return animation.

Usage::

    with transfer_progress("Uploading clip.mp4") as report:
        upload_file(..., progress=report)      # report(done_bytes, total_bytes | None)
"""

from __future__ import annotations

import contextlib
import sys
import time
from typing import Callable, Iterator, TextIO

from pixop_desktop.commands._common import printable
from pixop_desktop.services.words import format_size

Report = Callable[[int, "int | None"], None]

PLAIN_INTERVAL = 5.0


def is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@contextlib.contextmanager
def transfer_progress(label: str, *, stream: TextIO | None = None) -> Iterator[Report]:
    """A ``report(done, total)`` callable shown as a bar (terminal) or plain lines."""
    stream = stream or sys.stderr
    if is_terminal(stream):
        with _rich_progress(label, stream) as report:
            yield report
    else:
        plain = _PlainProgress(label, stream)
        yield plain.report
        plain.finish()


@contextlib.contextmanager
def _rich_progress(label: str, stream: TextIO) -> Iterator[Report]:
    from rich.console import Console
    from rich.progress import (
        BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn,
    )

    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
               TransferSpeedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(file=stream), transient=False) as bar:
        task = bar.add_task(label, total=None)

        def report(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield report


class _PlainProgress:
    """Lines like "Uploading clip.mp4: 40% (3.2 MB of 8.0 MB)" every few seconds."""

    def __init__(self, label: str, stream: TextIO) -> None:
        self.label = label
        self.stream = stream
        self.last_line = 0.0
        self.done = 0
        self.total: int | None = None
        self.printed_done: int | None = None

    def report(self, done: int, total: int | None) -> None:
        self.done, self.total = done, total
        now = time.monotonic()
        if now - self.last_line >= PLAIN_INTERVAL:
            self.last_line = now
            self._line()

    def finish(self) -> None:
        if self.printed_done != self.done:
            self._line()

    def _line(self) -> None:
        self.printed_done = self.done
        if self.total:
            percent = min(100, int(self.done * 100 / self.total))
            text = f"{self.label}: {percent}% ({format_size(self.done)} of {format_size(self.total)})"
        else:
            text = f"{self.label}: {format_size(self.done)}"
        self.stream.write(printable(text) + "\n")
        self.stream.flush()
