"""Fetching a file's byte ranges over several connections at once, into its preallocated ``.part``.

Up to ``connections`` threads, each taking the next unfinished range in file order until none
is left (a large file has more ranges than connections, so the gap-free prefix, and the digest
following it, keep up; and a slow connection holds back one range, not a share of the file).
Each asks for exactly a range's missing bytes (``Range: bytes=a-b``
pinned with ``If-Range: <strong ETag>``), checks the answer (``segments.check_answer``) and
writes where the bytes belong through a handle of its own (seek once, then write in order:
portable, as Windows has no ``pwrite``). Every connection goes through the one shared
bandwidth limiter and has its own stall watchdog, so a single stalled range is noticed while
the others still move. A range that breaks off resumes where it got to (at most
``max_attempts`` tries in a row without progress, spaced by the client's retry policy).

The calling thread coordinates: it reports progress, checkpoints (``checkpoint()``: the caller
fsyncs and records every range's progress in the sidecar, so a crash resumes only what is
missing), and stops every connection at once on cancellation or on the first error, which it
then raises.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import httpx

from pixop_desktop.api.errors import PixopError
from pixop_desktop.platform_paths import long_path

from .body import read_size, write_all
from .bodyread import BodyBroke, open_body
from .buffers import BUFFER_SIZE as READ_SIZE
from .download_support import DownloadFailed, as_pixop_error
from .ranges import AttemptFailed
from .segments import Segment, SegmentsRefused, check_answer
from .throttle import BandwidthLimiter
from .watchdog import StallWatchdog, abort_connection

if TYPE_CHECKING:
    from pixop_desktop.api.client import PixopClient

log = logging.getLogger("pixop_desktop.transfer")

CHECKPOINT_SECONDS = 0.5  # a crash re-fetches at most about this long of each range
TICK = 0.1  # how often the coordinator reports progress and looks for cancellation


class SegmentFetch:
    def __init__(self, client: PixopClient, source: str | httpx.URL, part: Path, size: int,
                 etag: str, segments: list[Segment], *, what: str, limiter: BandwidthLimiter,
                 stall_seconds: float, cancelled: Callable[[], bool], max_attempts: int,
                 progress: Callable[[int], None], checkpoint: Callable[[], None],
                 auth: str = "bearer", connections: int | None = None) -> None:
        self.client, self.source, self.part, self.size, self.etag = client, source, part, size, etag
        self.segments, self.what, self.limiter = segments, what, limiter
        self.stall_seconds, self.cancelled, self.max_attempts = stall_seconds, cancelled, max_attempts
        self.progress, self.checkpoint = progress, checkpoint
        self.auth = auth  # "none" for a signed storage link: it must never get our credentials
        self.connections = connections or len(segments)
        self._halt = threading.Event()
        self._lock = threading.Lock()
        self._live: set[httpx.Response] = set()
        self._errors: list[BaseException] = []
        self._received = [0] * len(segments)  # one counter per range: one thread at a time has it
        self._claimed: set[int] = set()
        self.requests = 0

    @property
    def received(self) -> int:
        """Body bytes received in this run, over all connections."""
        return sum(self._received)

    def done(self) -> int:
        return sum(segment.done for segment in self.segments)

    # --- the coordinating thread --------------------------------------------------------

    def run(self) -> None:
        """Fetch every unfinished range; raises the first error any connection met."""
        unfinished = sum(not segment.complete for segment in self.segments)
        threads = [threading.Thread(target=self._work, daemon=True, name=f"download-connection-{number}")
                   for number in range(min(self.connections, unfinished))]
        log.info("Fetching %s over %d connections (%d bytes missing)", self.what, len(threads),
                 self.size - self.done())
        last_checkpoint = time.monotonic()
        try:
            self._start(threads)
            while alive := [thread for thread in threads if thread.is_alive()]:
                alive[0].join(TICK)  # wakes at once when that range ends
                if self.cancelled():
                    self._stop()
                self.progress(self.done())
                if time.monotonic() - last_checkpoint >= CHECKPOINT_SECONDS:
                    self.checkpoint()
                    last_checkpoint = time.monotonic()
        finally:
            self._stop_if_unfinished(threads)
            self.checkpoint()  # whatever happened, what arrived is recorded
        if self._errors:
            raise self._errors[0]

    def _start(self, threads: list[threading.Thread]) -> None:
        """All ranges at once. (Waiting for the first answer's checks before asking for the
        others would save a server that ignores ranges despite its Accept-Ranges a few wasted
        answers, each stopped at once, but would cost every download a round trip.)"""
        for thread in threads:
            thread.start()

    def _stop_if_unfinished(self, threads: list[threading.Thread]) -> None:
        if any(thread.is_alive() for thread in threads):
            self._stop()
        for thread in threads:
            if thread.ident is not None:  # started
                thread.join()

    def _stop(self) -> None:
        """Every connection ends now: blocked reads are woken by shutting their sockets."""
        self._halt.set()
        with self._lock:
            live = list(self._live)
        for response in live:
            abort_connection(response)

    def _halted(self) -> bool:
        return self._halt.is_set() or self.cancelled()

    # --- one thread per range ------------------------------------------------------------

    def _claim(self) -> int | None:
        """The first unfinished range nobody fetches yet, now this thread's; None when none is left."""
        with self._lock:
            for index, segment in enumerate(self.segments):
                if not segment.complete and index not in self._claimed:
                    self._claimed.add(index)
                    return index
        return None

    def _work(self) -> None:
        try:
            try:
                handle = open(long_path(self.part), "r+b", buffering=0)
            except OSError as exc:
                raise as_pixop_error(exc, self.part) from exc
            with handle:
                while not self._halted() and (index := self._claim()) is not None:
                    self._fetch(index, handle)
        except BaseException as exc:  # handed to the coordinator, which raises it
            with self._lock:
                self._errors.append(exc)
            self._stop()

    def _fetch(self, index: int, handle: BinaryIO) -> None:
        segment, failures, reason = self.segments[index], 0, ""
        while not segment.complete and not self._halted():
            before = segment.done
            try:
                self._attempt(index, handle)
            except AttemptFailed as failure:
                reason = failure.reason
            if segment.complete or self._halted():
                return
            failures = 0 if segment.done > before else failures + 1
            if failures >= self.max_attempts:
                raise DownloadFailed(
                    f"The download of {self.what} failed {failures} times in a row ({reason}). "
                    "Check the connection and run the download again: it continues where it stopped.")
            delay = self.client.retry.delay(failures)
            log.info("Download of %s: bytes %d-%d broke off (%s); resuming in %.2f s", self.what,
                     segment.position, segment.end - 1, reason, delay)
            self.client.sleep(delay)

    def _attempt(self, index: int, handle: BinaryIO) -> None:
        segment = self.segments[index]
        first, last = segment.position, segment.end - 1
        headers = {"Accept-Encoding": "identity", "Accept": "*/*", "Range": f"bytes={first}-{last}",
                   "If-Range": self.etag}
        try:
            with self.client.stream_v1("GET", self.source, headers=headers, follow_redirects=True,
                                       auth=self.auth, what=self.what) as response:
                with self._lock:
                    self.requests += 1
                    self._live.add(response)
                try:
                    check_answer(response, first, last, self.size, self.etag)
                    self._receive(index, response, handle)
                finally:
                    with self._lock:
                        self._live.discard(response)
        except PixopError as error:
            if error.status_code == 416:  # bytes we know the file has are not there: it changed
                raise SegmentsRefused(f"the server has no bytes {first}-{last} (HTTP 416): "
                                      "the file changed", restart=True) from error
            raise

    def _receive(self, index: int, response: httpx.Response, handle: BinaryIO) -> None:
        segment = self.segments[index]
        handle.seek(segment.position)
        with StallWatchdog(self.stall_seconds, lambda: abort_connection(response),
                           name="download-range-watchdog") as dog:
            body, buffer = open_body(response), memoryview(bytearray(READ_SIZE))
            while not self._halted():
                try:  # straight from the socket into this connection's own buffer (bodyread.py)
                    count = body.readinto(buffer[:read_size(self.limiter, READ_SIZE)])
                except BodyBroke as exc:
                    if self._halted():
                        return
                    why = "no data arrived in time (stalled)" if dog.stalled else str(exc)
                    raise AttemptFailed(f"the transfer broke off at byte {segment.position}: {why}") from exc
                if not count:
                    break
                if self.limiter.rate:
                    with dog.paused():
                        if not self.limiter.acquire(count, self._halted):
                            return
                if count > segment.missing:
                    raise AttemptFailed(f"the server sent more than bytes {segment.start}-{segment.end - 1}")
                write_all(handle, buffer[:count], self.part)
                segment.done += count  # after the write: never claims a byte not written
                self._received[index] += count
                dog.feed(count)
        if not segment.complete and not self._halted():
            raise AttemptFailed(f"the server ended bytes {segment.start}-{segment.end - 1} "
                                f"at byte {segment.position}")


__all__ = ["CHECKPOINT_SECONDS", "SegmentFetch"]
