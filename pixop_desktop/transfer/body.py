"""Receiving a download's body into its ``.part`` file: the one loop both download engines use
(the server's own link and the current API's signed link), so each has the bandwidth limit,
the stall watchdog, cancellation and the size check alike.

The bytes cost about what they cost curl: read straight into a reusable 1 MiB buffer
(``bodyread``), written from it without buffering, hashed from it on a second thread
(``buffers``); Python runs once per megabyte, not once per network packet.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx

from .bodyread import BodyBroke, open_body
from .buffers import Buffers, Digest
from .download_support import as_pixop_error
from .partfile import close_part, open_part
from .ranges import AttemptFailed
from .throttle import BandwidthLimiter
from .watchdog import StallWatchdog, abort_connection

# Under a bandwidth limit one read takes no more than a quarter second's worth (the limiter's
# burst), so a slow limit moves the bytes smoothly instead of a megabyte and a long wait.
MIN_LIMITED_READ = 16 << 10


def receive_body(response: httpx.Response, part: Path, start: int, total: int | None, *,
                 limiter: BandwidthLimiter, stall_seconds: float, cancelled: Callable[[], bool],
                 check_cancel: Callable[[], None], on_piece: Callable[[memoryview, int], None],
                 digest: Digest | None = None) -> int:
    """Write the body at ``start`` of ``part`` (everything after it cut off); ``on_piece(piece,
    done)`` after each piece (``piece`` is only valid during the call: its buffer is reused).
    ``digest.update`` gets every piece in order, on another thread; when this returns or
    raises it has had exactly the bytes written. Returns where the file now ends;
    AttemptFailed when the body broke off, stalled or ended before ``total`` (when known)."""
    done = start
    handle = open_part(part, done)
    # Whole buffers go to the file as they are: the buffered handle's own copy would be wasted
    # (it is empty after open_part's seek, so writing past it keeps the order).
    raw = getattr(handle, "raw", handle)
    body = open_body(response)
    try:
        with StallWatchdog(stall_seconds, lambda: abort_connection(response), name="download-watchdog") as dog, \
                Buffers(digest) as buffers:
            while True:
                buffer = buffers.take()
                try:
                    count = body.readinto(buffer[:read_size(limiter, len(buffer))])
                except BodyBroke as exc:
                    why = "no data arrived in time (stalled)" if dog.stalled else str(exc)
                    raise AttemptFailed(f"the transfer broke off at byte {done}: {why}") from exc
                if not count:
                    break
                piece = buffer[:count]
                _pass_limit(piece, limiter, dog, cancelled, check_cancel)
                write_all(raw, piece, part)
                done += count
                dog.feed(count)
                buffers.done(buffer, count)
                on_piece(piece, done)
            if dog.stalled and done != total:  # the watchdog shut the socket: an early end
                raise AttemptFailed(f"the transfer broke off at byte {done}: no data arrived in time (stalled)")
    finally:
        close_part(handle, part)
    if total is not None and done != total:
        raise AttemptFailed(f"the server sent {done} of {total} bytes")
    return done


def read_size(limiter: BandwidthLimiter, size: int) -> int:
    """How much to read at once: ``size``, or under a bandwidth limit about a quarter second of
    bytes, so the limit stays smooth."""
    rate = limiter.rate
    if not rate:
        return size
    return max(MIN_LIMITED_READ, min(size, int(rate * limiter.BURST_SECONDS)))


def _pass_limit(piece: memoryview, limiter: BandwidthLimiter, dog: StallWatchdog,
                cancelled: Callable[[], bool], check_cancel: Callable[[], None]) -> None:
    """Cancellation, then the bandwidth limit (a deliberate wait: not a stall)."""
    check_cancel()
    if limiter.rate:
        with dog.paused():
            if not limiter.acquire(len(piece), cancelled):
                check_cancel()


def write_all(raw, piece: memoryview, part: Path) -> None:
    """All of ``piece`` to ``raw`` (an unbuffered handle may take less per call); a failure in words."""
    try:
        written = 0
        while written < len(piece):
            written += raw.write(piece[written:])
    except OSError as exc:
        raise as_pixop_error(exc, part) from exc
