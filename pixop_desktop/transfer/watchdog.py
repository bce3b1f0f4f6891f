"""The stall watchdog: no byte for N seconds → abort the transfer attempt.

httpx's timeouts are per socket operation, and a server that trickles one
byte every 25 s never trips a 30 s read timeout while the transfer crawls
for hours. The watchdog measures progress across the whole attempt: the
transfer calls :meth:`StallWatchdog.feed` whenever bytes move; a small
thread calls ``on_stall`` once if nothing moved for ``stall_seconds``.

``on_stall`` must unblock the transferring thread. For an httpx response
being read (downloads) or a request being sent (uploads), use
:func:`abort_connection`, which shuts the socket down so the blocked read or
write fails at once with an ``httpx.TransportError`` in the transferring
thread; that thread then sees ``watchdog.stalled`` and resumes. (Closing the
socket from another thread does not wake a blocked ``recv`` on Linux;
``shutdown`` does.)

Usage (one watchdog per attempt; its thread is joined on exit)::

    with client.stream_v1("GET", url) as response:
        with StallWatchdog(60, on_stall=lambda: abort_connection(response)) as dog:
            for chunk in response.iter_raw(CHUNK):
                dog.feed(len(chunk))
                ...
    # an httpx.TransportError raised while dog.stalled is True means "stalled":
    # treat it as a retryable failure of this attempt.

Time spent waiting on purpose (the bandwidth limiter, a paused transfer)
is not a stall: wrap it in ``with dog.paused(): ...``.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

log = logging.getLogger("pixop_desktop.transfer")

DEFAULT_STALL_SECONDS = 60.0


class StallWatchdog:
    """Calls ``on_stall()`` once if :meth:`feed` is not called for ``stall_seconds``.

    ``stall_seconds`` of 0 or None disables the watchdog (no thread is started).
    ``clock`` is injectable for tests; ``poll`` bounds how late a stall is noticed.
    """

    def __init__(
        self,
        stall_seconds: float | None,
        on_stall: Callable[[], None],
        *,
        clock: Callable[[], float] = time.monotonic,
        name: str = "stall-watchdog",
    ) -> None:
        self.stall_seconds = float(stall_seconds or 0.0)
        self._on_stall = on_stall
        self._clock = clock
        self._name = name
        self._last = clock()
        self._pauses = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._stalled = threading.Event()
        self._thread: threading.Thread | None = None

    # --- the transferring thread's side ---------------------------------------------------

    def feed(self, nbytes: int = 1) -> None:
        """Bytes moved: the attempt is alive. Cheap enough to call per chunk."""
        if nbytes:
            self._last = self._clock()

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Do not count the time inside the block (deliberate waits) as a stall."""
        with self._lock:
            self._pauses += 1
        try:
            yield
        finally:
            with self._lock:
                self._pauses -= 1
                self._last = self._clock()

    @property
    def stalled(self) -> bool:
        """True once the watchdog fired (the attempt was aborted because of a stall)."""
        return self._stalled.is_set()

    # --- lifecycle ------------------------------------------------------------------------

    def start(self) -> StallWatchdog:
        if self.stall_seconds > 0 and self._thread is None:
            self._last = self._clock()
            self._thread = threading.Thread(target=self._watch, name=self._name, daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop watching and join the thread (idempotent)."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()

    def __enter__(self) -> StallWatchdog:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # --- the watchdog thread ----------------------------------------------------------------

    def _watch(self) -> None:
        poll = min(max(self.stall_seconds / 4, 0.01), 1.0)
        while not self._stop.wait(poll):
            with self._lock:
                if self._pauses:
                    continue
                idle = self._clock() - self._last
            if idle >= self.stall_seconds:
                log.info("No data moved for %.1f s: aborting this transfer attempt", idle)
                self._stalled.set()
                try:
                    self._on_stall()
                except Exception:  # the abort is best effort; never kill the thread noisily
                    log.exception("Aborting a stalled transfer failed")
                return


def abort_connection(response: Any) -> None:
    """Unblock a thread reading ``response`` (httpx) or writing its request.

    Shuts the underlying socket down in both directions, which makes a
    blocked ``recv``/``send`` in another thread return at once, so httpx
    raises a ``TransportError`` there. Falls back to ``response.close()``
    when the socket is not reachable.
    """
    stream = getattr(response, "extensions", {}).get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
            return
    with contextlib.suppress(Exception):
        response.close()


__all__ = ["DEFAULT_STALL_SECONDS", "StallWatchdog", "abort_connection"]
