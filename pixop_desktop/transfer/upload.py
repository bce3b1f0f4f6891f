"""The upload engine: one local file into one existing Pixop video, safely.

A v1 upload is ONE multipart request carrying the whole file; it cannot be
resumed part-way, so a retry sends the file again — always to the same video
(the caller created it once; nothing here creates videos). What this adds to
``MultipartFile``:

- a pre-flight probe (transfer/probe.py) before any byte moves;
- progress as bytes leave the process, at most ~10 calls a second;
- cooperative cancellation (checked per chunk and while throttled);
- the guard: if the file's size or mtime changes while it is sent, the
  upload fails with a clear message and is never reported done (checked per
  chunk, before the closing boundary — so the server gets a broken body and
  keeps nothing — and once more after Pixop's answer);
- the stall watchdog (transfer/watchdog.py): no chunk leaving for
  ``stall_seconds`` → the socket is shut down, the attempt fails and the
  client's retry policy sends again;
- the shared bandwidth limit (transfer/throttle.py).

Retries, Retry-After, JWT renewal (before each attempt, and once after a 401)
all come from the client's one request loop (``PixopClient.send_v1`` with a
body factory called once per attempt).
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

import httpx

from pixop_desktop.api.answers import parse
from pixop_desktop.api.errors import ConnectionFailed, PixopError, Timeout
from pixop_desktop.api.media import upload_path
from pixop_desktop.api.models import UploadResult as ServerUploadResult
from pixop_desktop.api.multipart import MultipartFile

from .probe import FileUnreadable, LocalMedia, preflight
from .throttle import BandwidthLimiter, default_limiter
from .watchdog import DEFAULT_STALL_SECONDS, StallWatchdog

if TYPE_CHECKING:
    from pixop_desktop.api.client import PixopClient

log = logging.getLogger("pixop_desktop.transfer")

CHUNK_SIZE = 1024 * 1024
"""Large reads keep the per-byte overhead low; small enough to feed the watchdog often."""
MIN_CHUNK = 64 * 1024
PROGRESS_INTERVAL = 0.1
RESPONSE_TIMEOUT = 300.0
"""How long Pixop may stay silent once the whole body is sent (the watchdog is off then)."""

Progress = Callable[[int, int], None]  # (file bytes sent in this attempt, file size)
Cancel = threading.Event | Callable[[], bool]


class UploadCancelled(PixopError):
    default_title = "Upload cancelled"


class FileChangedDuringUpload(PixopError):
    default_title = "File changed during upload"


class UploadGaveUp(PixopError):
    default_title = "Upload failed"


@dataclass(frozen=True)
class UploadResult:
    """A finished upload: Pixop has the whole, unchanged file."""

    video_id: str
    media: LocalMedia
    """The pre-flight probe of the file that was sent."""
    attempts: int
    """How many times the body was sent (1 without retries)."""
    server: ServerUploadResult
    """Pixop's answer (ingestion progress URL, project id)."""


def _cancel_check(cancel: Cancel | None) -> Callable[[], bool]:
    if cancel is None:
        return lambda: False
    if isinstance(cancel, threading.Event):
        return cancel.is_set
    return cancel


def _changed_message(path: Path) -> str:
    return (f"“{path.name}” changed while it was being uploaded. "
            "Wait until it is fully copied, then try again.")


class _BodySender:
    """Makes the multipart body afresh for each attempt and watches it go."""

    def __init__(self, client: PixopClient, media: LocalMedia, *, progress: Progress | None,
                 cancelled: Callable[[], bool], limiter: BandwidthLimiter | None,
                 stall_seconds: float | None, max_attempts: int | None, chunk_size: int) -> None:
        self.client = client
        self.media = media
        self.body = MultipartFile(media.path, size=media.size)
        self.progress = progress
        self.cancelled = cancelled
        self.limiter = limiter
        self.stall_seconds = stall_seconds
        self.max_attempts = max_attempts
        self.chunk_size = chunk_size
        self.attempts = 0
        self.failure: PixopError | None = None  # set when WE stopped the body (cancel, change)
        self._watchdogs: list[StallWatchdog] = []
        self._last_report = 0.0
        self._chunk = chunk_size  # shrinks on slow links, see _adapt_chunk

    # --- one attempt ------------------------------------------------------------------------

    def attempt(self) -> Iterator[bytes]:
        """The body factory given to the client: called once per attempt."""
        self.attempts += 1
        if self.max_attempts and self.attempts > self.max_attempts:
            raise self._fail(UploadGaveUp(
                f"“{self.media.path.name}” could not be sent after {self.max_attempts} attempts. "
                "Check the connection and try again."))
        if self.attempts > 1:
            log.info("Sending %s again (attempt %d)", self.media.path.name, self.attempts)
        body: list[Iterator[bytes]] = []
        dog = StallWatchdog(self.stall_seconds, lambda: self._abort_socket(body[0]),
                            name=f"upload-stall-{self.attempts}")
        self._watchdogs.append(dog)
        body.append(self._chunks(dog))
        return body[0]

    def _chunks(self, dog: StallWatchdog) -> Iterator[bytes]:
        dog.start()
        self._report(0, force=True)
        yield self.body.head
        sent = 0
        size = self.media.size
        with open(self.media.path, "rb") as handle:
            self._check_unchanged(os.fstat(handle.fileno()))
            while sent < size:
                want = min(self._chunk_size(), size - sent)
                self._wait_for_bandwidth(want, dog)
                chunk = handle.read(want)
                if len(chunk) != want:
                    raise self._fail(FileChangedDuringUpload(_changed_message(self.media.path)))
                handed_over = time.monotonic()
                yield chunk
                sent += want  # the previous chunk has left once the sender asks for more
                dog.feed(want)
                self._adapt_chunk(time.monotonic() - handed_over)
                self._report(sent)
                self._check_unchanged(os.fstat(handle.fileno()))
        self._check_unchanged(os.stat(self.media.path))
        if self.cancelled():  # last chance: without the closing boundary Pixop keeps nothing
            raise self._fail(self._cancelled_error())
        yield self.body.tail
        # The whole body has left: Pixop may now think for a while before answering,
        # which is no stall (the response read timeout covers it).
        dog.stop()

    def _chunk_size(self) -> int:
        rate = self.limiter.rate if self.limiter else 0
        if rate:  # about 1/8 s of data per chunk, so throttled progress stays smooth
            return max(min(MIN_CHUNK, self._chunk), min(self._chunk, rate // 8))
        return self._chunk

    def _adapt_chunk(self, seconds: float) -> None:
        """Keep one chunk's send well inside the stall window, even on a very slow link."""
        if not self.stall_seconds:
            return
        if seconds > self.stall_seconds / 8:
            self._chunk = max(min(MIN_CHUNK, self.chunk_size), self._chunk // 2)
        elif seconds < self.stall_seconds / 64:
            self._chunk = min(self.chunk_size, self._chunk * 2)

    def _wait_for_bandwidth(self, nbytes: int, dog: StallWatchdog) -> None:
        if self.cancelled():
            raise self._fail(self._cancelled_error())
        if self.limiter is None:
            return
        with dog.paused():
            allowed = self.limiter.acquire(nbytes, cancelled=self.cancelled)
        if not allowed:
            raise self._fail(self._cancelled_error())

    def _cancelled_error(self) -> UploadCancelled:
        return UploadCancelled(f"The upload of “{self.media.path.name}” was cancelled.")

    def _check_unchanged(self, info: os.stat_result) -> None:
        if info.st_size != self.media.size or info.st_mtime_ns != self.media.mtime_ns:
            raise self._fail(FileChangedDuringUpload(_changed_message(self.media.path)))

    def _fail(self, error: PixopError) -> PixopError:
        self.failure = error
        return error

    def _report(self, sent: int, *, force: bool = False) -> None:
        if self.progress is None:
            return
        now = time.monotonic()
        if force or sent >= self.media.size or now - self._last_report >= PROGRESS_INTERVAL:
            self._last_report = now
            self.progress(sent, self.media.size)

    # --- stalls ---------------------------------------------------------------------------------

    def _abort_socket(self, iterator: Iterator[bytes]) -> None:
        """Shut down the socket carrying ``iterator``'s request, unblocking its send."""
        sock = _socket_sending(self.client, iterator)
        if sock is None:
            log.warning("Upload stalled but its connection was not found; waiting for the write timeout")
            return
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        for dog in self._watchdogs:
            dog.stop()

    @property
    def stalled(self) -> bool:
        return any(dog.stalled for dog in self._watchdogs)


def _socket_sending(client: PixopClient, iterator: Iterator[bytes]) -> socket.socket | None:
    """The socket of the pooled connection whose request body is ``iterator``.

    httpx offers no handle on a request still being sent (only on a response),
    so this looks in the connection pool; it relies on httpx/httpcore internals
    and fails soft (None) if they change — the attempt then ends with the
    per-write timeout instead.
    """
    try:
        pool = client._http._transport._pool  # noqa: SLF001 (see docstring)
        for pending in list(pool._requests):
            stream = pending.request.stream
            if getattr(stream, "_stream", stream) is iterator and pending.connection is not None:
                network = pending.connection._connection._network_stream
                sock = network.get_extra_info("socket")
                return sock if isinstance(sock, socket.socket) else None
    except AttributeError:
        return None
    return None


def _attempt_timeout(stall_seconds: float | None) -> httpx.Timeout | None:
    """Per-socket-operation timeouts: the back-up should the watchdog not find the socket."""
    if not stall_seconds:
        return None
    return httpx.Timeout(connect=min(stall_seconds, 15.0), write=2 * stall_seconds + 5,
                         read=max(stall_seconds, RESPONSE_TIMEOUT), pool=stall_seconds)


def upload_file(client: PixopClient, video_id: str, path: str | os.PathLike[str], *, light: bool = False,
                progress: Progress | None = None, cancel: Cancel | None = None,
                limiter: BandwidthLimiter | None = None,
                stall_seconds: float | None = DEFAULT_STALL_SECONDS,
                max_attempts: int | None = None, chunk_size: int = CHUNK_SIZE,
                media: LocalMedia | None = None, url: str | None = None) -> UploadResult:
    """Upload ``path`` into the existing video ``video_id`` (full or light ingestion).

    ``url``: the ``uploadMediaUrl``/``uploadLightMediaUrl`` Pixop gave, used when usable
    (``PixopClient.send_v1_at``; the documented path otherwise).

    ``limiter`` defaults to the process-wide ``throttle.default_limiter()``.
    Probes the file first (raises a ``probe.LocalFileRefused`` before any byte
    moves), unless ``media`` from an earlier ``preflight`` is given. Retries go
    through the client's retry policy; ``max_attempts`` can only lower its
    bound. Raises ``UploadCancelled``, ``FileChangedDuringUpload``, or the
    client's PixopError for what the server or network did.
    """
    media = media or preflight(path)
    sender = _BodySender(client, media, progress=progress, cancelled=_cancel_check(cancel),
                         limiter=limiter if limiter is not None else default_limiter(),
                         stall_seconds=stall_seconds, max_attempts=max_attempts, chunk_size=chunk_size)
    try:
        sender._check_unchanged(os.stat(media.path))  # changed since the probe: refuse now
        response = client.send_v1_at(
            "POST", url, upload_path(video_id, light=light), content=sender.attempt,
            headers=sender.body.headers(), idempotent=True, timeout=_attempt_timeout(stall_seconds),
            what=f"video {video_id}")
        sender._check_unchanged(os.stat(media.path))  # the last window: never report a changed file done
    except PixopError as exc:
        if sender.failure is not None:
            raise sender.failure from None
        if sender.stalled and isinstance(exc, (ConnectionFailed, Timeout)):
            raise UploadGaveUp(
                f"The upload of “{media.path.name}” kept stalling (nothing moved for {stall_seconds:g} s). "
                "Check the connection and try again.") from exc
        raise
    except OSError as exc:  # reading the local file failed (deleted, disk error, unplugged drive)
        raise FileUnreadable(media.path, f"“{media.path.name}” could not be read during the upload "
                                         f"({exc.strerror or exc}). Check the file, then try again.") from exc
    finally:
        sender.close()
    return UploadResult(video_id=video_id, media=media, attempts=sender.attempts,
                        server=parse(response, ServerUploadResult))


__all__ = ["CHUNK_SIZE", "FileChangedDuringUpload", "UploadCancelled", "UploadGaveUp",
           "UploadResult", "upload_file"]
