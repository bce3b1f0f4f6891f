"""Downloading a result through the current API's signed link (``out/https``), CRC32C-checked.

The link lives on storage, not on the server root: it is fetched WITHOUT credentials (even
if it happened to share the root's origin), with GET only (such links refuse HEAD). The bytes
go to ``NAME.part`` next to a sidecar naming what they are a prefix of (the video, its size
and its CRC32C — links change at each request, so the link itself is no identity); a later
run resumes with ``Range``. Once the size is complete the file's CRC32C — kept as the bytes
are written, so a large result is not read back from the disk — must equal Pixop's
``crc32cChecksum``: a mismatch deletes the partial (nothing wrong is kept) and fails plainly.
A link that expired (403) is asked for again, once per attempt. A large file goes as several
byte ranges at once where the storage serves them (``signed_segments.py``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from pixop_desktop.api.errors import PixopError

from .crc import RunningCrc32c, file_crc32c
from .body import receive_body
from .download_support import DownloadCancelled, DownloadFailed, as_pixop_error
from .filenames import move_without_overwrite
from .partfile import PART_SUFFIX, Sidecar, close_part, open_part, part_size
from .ranges import AttemptFailed, accept_response
from .segments import MIN_SEGMENT, clamp_connections, default_connections
from .signed_segments import SignedSegments
from .throttle import BandwidthLimiter, default_limiter
from .watchdog import DEFAULT_STALL_SECONDS

if TYPE_CHECKING:
    from pixop_desktop.api.client import PixopClient
    from pixop_desktop.api.models import DownloadLink

MAX_ATTEMPTS = 5
CHECKSUM_TITLE = "Download damaged"


class SignedDownload(SignedSegments):
    """One result fetched into ``dest`` (a file path chosen by the caller, never overwritten)."""

    def __init__(self, client: PixopClient, video_id: str, get_link: Callable[[], DownloadLink], dest: Path, *,
                 progress: Callable[[int, int | None], None] | None = None,
                 cancelled: Callable[[], bool] = lambda: False, limiter: BandwidthLimiter | None = None,
                 stall_seconds: float = DEFAULT_STALL_SECONDS, connections: int | None = None,
                 min_segment: int = MIN_SEGMENT) -> None:
        self.client, self.video_id, self.get_link = client, video_id, get_link
        self.dest, self.part = dest, dest.with_name(dest.name + PART_SUFFIX)
        self.progress, self.cancelled = progress, cancelled
        # The same bandwidth limit and stall watchdog as every other transfer.
        self.limiter, self.stall_seconds = limiter or default_limiter(), stall_seconds
        self.connections = clamp_connections(connections or default_connections())
        self.min_segment, self.max_attempts = min_segment, MAX_ATTEMPTS
        self._last_report = 0.0
        self._crc: RunningCrc32c | None = None  # follows the bytes written, across attempts

    def run(self) -> Path:
        link = self.get_link()
        identity = f"{self.client.server}/api/v1/videos/{self.video_id}/out/https#size={link.file_size}" \
                   f"&crc32c={link.crc32c_checksum}"
        sidecar = self._adopt(identity, link.file_size)
        failures = 0
        while True:
            self._check_cancel()
            grown_from = self._have(sidecar)
            try:
                sidecar = self._attempt(link, sidecar)
                return self._finish(link, sidecar)
            except AttemptFailed as failure:
                if failure.discard:
                    close_part(open_part(self.part, 0), self.part)
                reason = failure.reason
            except PixopError as error:
                if error.status_code not in (401, 403):
                    raise  # temporary failures were the client's to retry, and it did
                reason = error.message
                link = self.get_link()  # an expired link: a fresh one for the same video
            failures = 0 if self._have(sidecar) > grown_from else failures + 1
            if failures >= MAX_ATTEMPTS:
                raise DownloadFailed(f"The download of video {self.video_id} failed {failures} times in a row "
                                     f"({reason}). Retry later: it continues where it stopped.")
            self.client.sleep(self.client.retry.delay(failures))

    def _adopt(self, identity: str, size: int | None) -> Sidecar:
        earlier = Sidecar.load(self.part)
        if earlier is not None and earlier.url == identity and part_size(self.part) <= (size or 0):
            return earlier
        self.dest.parent.mkdir(parents=True, exist_ok=True)
        if self.part.exists():
            close_part(open_part(self.part, 0), self.part)  # another version's bytes: start over
        sidecar = Sidecar(url=identity, size=size)
        sidecar.save(self.part)
        return sidecar

    def _attempt(self, link: DownloadLink, sidecar: Sidecar) -> Sidecar:
        if (ranges := self._segmented_attempt(link, sidecar)) is not None:
            return ranges
        offset = part_size(self.part)
        if sidecar.size is not None and offset == sidecar.size:
            return sidecar  # complete before an interruption: only the checks are left
        headers = {"Accept-Encoding": "identity", "Accept": "*/*"}
        if offset:
            headers["Range"] = f"bytes={offset}-"
        with self.client.stream_v1("GET", link.url, auth="none", headers=headers,
                                   what=f"video {self.video_id}") as response:
            accepted = accept_response(response, offset, sidecar.etag, sidecar.size)
            if accepted.restarted or sidecar.etag != accepted.etag:
                sidecar = Sidecar(url=sidecar.url, etag=accepted.etag, size=sidecar.size)
                sidecar.save(self.part)
            self._receive(response, accepted.start, accepted.total, checked=link.crc32c_checksum is not None)
        return sidecar

    def _receive(self, response: httpx.Response, done: int, total: int | None, *, checked: bool) -> None:
        def on_piece(piece: memoryview, done: int) -> None:
            if self.progress:
                self.progress(done, total)

        if checked:
            self._crc = self._crc or RunningCrc32c()
            self._crc.catch_up(self.part, done)
        receive_body(response, self.part, done, total, limiter=self.limiter, stall_seconds=self.stall_seconds,
                     cancelled=self.cancelled, check_cancel=self._check_cancel, on_piece=on_piece,
                     digest=self._crc if checked else None)

    def _finish(self, link: DownloadLink, sidecar: Sidecar) -> Path:
        size = part_size(self.part)
        if sidecar.size is not None and size != sidecar.size:
            raise AttemptFailed(f"the file has {size} bytes instead of {sidecar.size}", discard=True)
        if link.crc32c_checksum is not None:
            running = self._crc
            got = running.value if running is not None and running.covered == size else file_crc32c(self.part)
            if got != link.crc32c_checksum:
                self.part.unlink(missing_ok=True)
                Sidecar.remove(self.part)
                raise DownloadFailed(
                    f"The downloaded file does not match Pixop's checksum (CRC32C {got}, expected "
                    f"{link.crc32c_checksum}), so it was deleted. Retry to download it again.",
                    title=CHECKSUM_TITLE)
        try:
            final = move_without_overwrite(self.part, self.dest.parent, self.dest.name)
        except OSError as exc:
            raise as_pixop_error(exc, self.part) from exc
        Sidecar.remove(self.part)
        return final

    def _report(self, done: int, total: int | None) -> None:
        """Progress from the ranges' coordinator, at most ~10 times a second (and the last)."""
        now = time.monotonic()
        if self.progress and (done == total or now - self._last_report >= 0.1):
            self._last_report = now
            self.progress(done, total)

    def _check_cancel(self) -> None:
        if self.cancelled():
            raise DownloadCancelled(f"The download of video {self.video_id} was cancelled. Run it again to "
                                    "continue where it stopped.")
