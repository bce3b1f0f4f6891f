"""Receiving a download's body into its ``.part`` file: the one loop both download engines use
(the server's own link and the current API's signed link), so each has the bandwidth limit,
the stall watchdog, cancellation and the size check alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx

from .download_support import write_piece
from .partfile import close_part, open_part
from .ranges import AttemptFailed
from .throttle import BandwidthLimiter
from .watchdog import StallWatchdog, abort_connection


def receive_body(response: httpx.Response, part: Path, start: int, total: int | None, *,
                 limiter: BandwidthLimiter, stall_seconds: float, cancelled: Callable[[], bool],
                 check_cancel: Callable[[], None], on_piece: Callable[[bytes, int], None]) -> int:
    """Write the body at ``start`` of ``part`` (everything after it cut off); ``on_piece(piece,
    done)`` after each piece. Returns where the file now ends; AttemptFailed when the body broke
    off, stalled or ended before ``total`` (when known)."""
    done = start
    handle = open_part(part, done)
    try:
        with StallWatchdog(stall_seconds, lambda: abort_connection(response), name="download-watchdog") as dog:
            try:
                for piece in response.iter_raw():
                    check_cancel()
                    if limiter.rate:
                        with dog.paused():
                            if not limiter.acquire(len(piece), cancelled):
                                check_cancel()
                    write_piece(handle, piece, part)
                    done += len(piece)
                    dog.feed(len(piece))
                    on_piece(piece, done)
            except (httpx.TransportError, httpx.StreamError) as exc:
                why = "no data arrived in time (stalled)" if dog.stalled else type(exc).__name__
                raise AttemptFailed(f"the transfer broke off at byte {done}: {why}") from exc
    finally:
        close_part(handle, part)
    if total is not None and done != total:
        raise AttemptFailed(f"the server sent {done} of {total} bytes")
    return done
