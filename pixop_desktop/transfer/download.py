"""Resumable, validated downloads of Pixop media, in constant memory.

``download_media(client, video_id, dest)`` fetches the original or processed
media of a video into ``NAME.part`` next to a small sidecar
(``NAME.part.json``: URL, ETag, size, the server's name — no secrets), and
renames it to ``NAME`` only once its size (and strong ETag) are checked. A
second run with the same destination resumes the partial:

- resume with ``Range: bytes=N-`` and ``If-Range: <strong ETag>``; every 206's
  ``Content-Range`` is checked (start, end, total); a 200 restarts from zero,
  truncating; an ETag that changed discards the partial; a weak or missing
  ETag never pins a range (full download, partial never trusted);
- a body shorter than announced, a cut connection or a stall (no byte for
  ``stall_seconds``) ends the attempt and the next one resumes; attempts that
  make no progress are bounded by ``max_attempts`` and spaced by the client's
  one retry policy (``client.retry``);
- the request itself (connect, 5xx, 429 + Retry-After, JWT renewal) goes
  through ``client.stream_v1``, i.e. the client's retry loop, and an error it
  gave up on ends the download (never retried twice, see api/retry); a redirect to a
  signed storage link on another origin is followed without credentials, again
  on every attempt (so an expired link is never reused), and where that link
  refuses HEAD the size and ETag come from a GET of its first byte;
- a large file goes as several byte ranges at once, each held to the same rules
  (``segmented.py``; the sidecar then records each range's progress);
- a full disk stops at once with :class:`DiskFull` (partial kept);
  cancellation (``cancel``) raises :class:`DownloadCancelled` (partial kept).

The ETag is only ever compared with other ETags: Pixop calls it "a hash of
the stored media" without naming the algorithm, so it is not a checksum we
can compute. The bytes go through a few reusable buffers (``body.receive_body``:
no decoding, ``Accept-Encoding: identity``) and are never accumulated.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from pixop_desktop.api.errors import PixopError, UnexpectedResponse
from pixop_desktop.api.media import download_path, probe_media
from pixop_desktop.api.models import MediaInfo

from .body import receive_body
from .download_support import (
    Cancel, DownloadCancelled, DownloadFailed, DownloadResult, as_cancel_check, as_pixop_error,
)
from .digests import RunningDigest, digest_for, digest_mismatch
from .filenames import move_without_overwrite, numbered_names
from .partfile import PART_SUFFIX, Sidecar, claim, close_part, drop_stale_claim, is_strong_etag, open_part, part_size
from .ranges import Accepted, AttemptFailed, accept_response, complete_after_416
from .segmented import Segmented
from .segments import MIN_SEGMENT, clamp_connections, default_connections
from .throttle import BandwidthLimiter, default_limiter
from .watchdog import DEFAULT_STALL_SECONDS

if TYPE_CHECKING:
    from pixop_desktop.api.client import PixopClient

log = logging.getLogger("pixop_desktop.transfer")

DEFAULT_MAX_ATTEMPTS = 8
PROGRESS_INTERVAL = 0.1  # seconds: at most ~10 progress calls per second
Progress = Callable[[int, "int | None"], None]


def download_media(
    client: PixopClient,
    video_id: str,
    dest: str | os.PathLike[str],
    *,
    original: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    limiter: BandwidthLimiter | None = None,
    stall_seconds: float = DEFAULT_STALL_SECONDS,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    url: str | None = None,
    connections: int | None = None,
    min_segment: int = MIN_SEGMENT,
) -> DownloadResult:
    """Download a video's processed (or ``original``) media into ``dest``.

    ``url``: the ``downloadMediaUrl`` Pixop gave, used instead of the documented path when
    usable (credentials only if it is on the server root's origin; a refusal of it without
    them falls back to the documented path).

    ``dest`` is a folder (the server's file name, made safe, is used; a
    numbered suffix if taken) or a file path. ``progress(bytes_done, total)``
    is called from this thread at most ~10 times a second. ``cancel`` (a
    callable or ``threading.Event``) is checked for every piece received.
    ``limiter`` defaults to the process-wide :func:`default_limiter`. ``connections``: byte
    ranges fetched at once for a large file (default: ``segments.default_connections()``).
    """
    job = ResumableDownload(
        client, download_path(video_id, original=original), dest,
        fallback_name=f"video-{video_id}", what=f"video {video_id}", original=original,
        progress=progress, cancel=cancel, limiter=limiter,
        stall_seconds=stall_seconds, max_attempts=max_attempts, url=url,
        connections=connections, min_segment=min_segment,
    )
    return job.run()


class ResumableDownload(Segmented):
    """One download, possibly over several attempts (and several runs, via the sidecar)."""

    def __init__(self, client: PixopClient, path: str, dest: str | os.PathLike[str], *,
                 fallback_name: str, what: str, original: bool = False,
                 progress: Progress | None = None, cancel: Cancel | None = None,
                 limiter: BandwidthLimiter | None = None,
                 stall_seconds: float = DEFAULT_STALL_SECONDS,
                 max_attempts: int = DEFAULT_MAX_ATTEMPTS, url: str | None = None,
                 connections: int | None = None, min_segment: int = MIN_SEGMENT) -> None:
        self.client = client
        self.path = path
        # Where the bytes are asked for: the server's own URL if it gave a usable one.
        self.source = client.server_url(url, path)
        # The sidecar's key is the documented path whichever URL serves the bytes (a signed
        # URL changes from run to run; the ETag decides whether a partial still fits).
        self.url = client.server + path
        self.dest = Path(dest)
        self.dest_is_folder = self.dest.is_dir() or str(dest).endswith(("/", os.sep))
        self.fallback_name = fallback_name
        self.what = what
        self.original = original
        self.progress = progress
        self.cancelled = as_cancel_check(cancel)
        self.limiter = limiter if limiter is not None else default_limiter()
        self.stall_seconds = stall_seconds
        self.max_attempts = max(1, max_attempts)
        self.connections = clamp_connections(connections or default_connections())
        self.min_segment = min_segment
        self.attempts = 0
        self.bytes_received = 0
        self._digest: RunningDigest | None = None  # kept across attempts, caught up on resume
        self._last_report = 0.0
        self._last_reported: tuple[int, int | None] | None = None
        self.part: Path
        self.name: str
        self.sidecar: Sidecar

    # --- the loop -----------------------------------------------------------------------

    def run(self) -> DownloadResult:
        self._check_cancel()
        info = self._head()
        self.part, self.name = self._claim_part(info.file_name or self.fallback_name)
        if (done := self._finished_before(info)) is not None:
            return done
        try:
            self.sidecar = self._adopt_or_restart(info)
        except BaseException:
            self._release_empty_claim()
            raise
        if self._run_segments(info):  # several ranges at once when worth it (segmented.py)
            return self._finish()
        furthest, failures = part_size(self.part), 0
        while True:
            self.attempts += 1
            try:
                if self._attempt():
                    return self._finish()
            except AttemptFailed as failure:
                reason = failure.reason
                if failure.discard:
                    self._discard(reason)
            grown = part_size(self.part) > furthest
            furthest = max(furthest, part_size(self.part))
            failures = 0 if grown else failures + 1
            if failures >= self.max_attempts:
                raise DownloadFailed(
                    f"The download of {self.what} failed {failures} times in a row ({reason}). "
                    "Check the connection and run the download again: it continues where it stopped.")
            delay = self.client.retry.delay(failures)
            log.info("Download of %s: attempt %d failed (%s); resuming in %.2f s",
                     self.what, self.attempts, reason, delay)
            self.client.sleep(delay)
            self._check_cancel()

    def _head(self) -> MediaInfo:
        try:
            return probe_media(self.client, self.source, what=self.what)
        except PixopError as error:
            if not self.client.is_foreign_refusal(self.source, error):
                raise
            log.info("The download URL Pixop gave for %s refused us; using %s", self.what, self.path)
            self.source = self.path
        return probe_media(self.client, self.source, what=self.what)

    def _attempt(self) -> bool:
        """One GET. True when the ``.part`` now holds the whole file."""
        offset = part_size(self.part) if is_strong_etag(self.sidecar.etag) else 0
        headers = {"Accept-Encoding": "identity", "Accept": "*/*"}
        if offset:
            headers["Range"] = f"bytes={offset}-"
            headers["If-Range"] = self.sidecar.etag or ""
        try:
            with self.client.stream_v1("GET", self.source, headers=headers, follow_redirects=True,
                                       what=self.what) as response:
                accepted = accept_response(response, offset, self.sidecar.etag, self.sidecar.size)
                accepted = self._with_known_size(accepted)
                if accepted.restarted:
                    self._restart_with(accepted, offset)
                self._receive(response, accepted)
        except PixopError as error:
            if error.status_code == 416:
                return self._complete_after_416(offset)
            raise  # the client has already retried whatever was temporary: not again here
        return True

    # --- receiving ------------------------------------------------------------------------

    def _receive(self, response: httpx.Response, accepted: Accepted) -> None:
        digest = self._digest = digest_for(self._digest, self.sidecar.etag, self.part, accepted.start)

        def on_piece(piece: memoryview, done: int) -> None:
            self.bytes_received += len(piece)
            self._report(done, accepted.total, force=done == accepted.total)

        receive_body(response, self.part, accepted.start, accepted.total, limiter=self.limiter,
                     stall_seconds=self.stall_seconds, cancelled=self.cancelled,
                     check_cancel=self._check_cancel, on_piece=on_piece, digest=digest)

    def _check_digest(self, size: int) -> None:
        if (algorithm := digest_mismatch(self._digest, self.sidecar.etag, size)) is not None:
            self._discard("its bytes do not have the checksum the server gave")
            raise DownloadFailed(
                f"The download of {self.what} arrived damaged (its {algorithm} checksum does not "
                "match the one the server gave). Nothing was kept; run the download again.")

    def _report(self, done: int, total: int | None, *, force: bool = False) -> None:
        if self.progress is None:
            return
        now = time.monotonic()
        if force or now - self._last_report >= PROGRESS_INTERVAL:
            self._last_report = now
            self._last_reported = (done, total)
            self.progress(done, total)

    def _check_cancel(self) -> None:
        if self.cancelled():
            raise DownloadCancelled(
                f"The download of {self.what} was cancelled. Run it again to continue where it stopped.")

    # --- the partial and its sidecar ------------------------------------------------------------

    def _claim_part(self, server_name: str) -> tuple[Path, str]:
        """The ``.part`` to use: ours from an earlier run (same URL), else a fresh, free name.

        A fresh one is claimed at once by creating its sidecar exclusively, so two
        downloads running side by side never pick the same name.
        """
        folder = self.dest if self.dest_is_folder else self.dest.parent
        folder.mkdir(parents=True, exist_ok=True)
        base = server_name if self.dest_is_folder else self.dest.name
        for name in numbered_names(base):
            part = folder / (name + PART_SUFFIX)
            sidecar_path = Sidecar.path_for(part)
            drop_stale_claim(part)
            if part.exists() or sidecar_path.exists():
                earlier = Sidecar.load(part)
                if earlier is not None and earlier.url == self.url:
                    return part, name
                continue
            if (folder / name).exists():
                continue
            try:
                if not claim(part, Sidecar(url=self.url)):
                    continue
            except OSError as exc:
                raise as_pixop_error(exc, part) from exc
            return part, name
        raise AssertionError("unreachable")

    def _release_empty_claim(self) -> None:
        """A claim that never got a byte (the disk was full, say) must not keep its name taken,
        or every later run would save as "NAME (2)"."""
        claimed = Sidecar.load(self.part)
        if part_size(self.part) == 0 and (claimed is None or claimed.etag is None and claimed.size is None):
            self.part.unlink(missing_ok=True)
            Sidecar.remove(self.part)

    def _adopt_or_restart(self, info: MediaInfo) -> Sidecar:
        """Keep the partial only if it belongs to the file the server has now."""
        earlier = Sidecar.load(self.part)
        have = part_size(self.part)
        keep = (earlier is not None and earlier.url == self.url and is_strong_etag(earlier.etag)
                and earlier.etag == info.etag
                and (info.content_length is None or earlier.size == info.content_length)
                and (earlier.size is None or have <= earlier.size))
        if keep and earlier is not None:
            if have:
                log.info("Resuming %s at byte %d of %s", self.what, have, earlier.size)
            return earlier
        if have:
            self._truncate("the file on the server is not the one the partial belongs to")
        sidecar = Sidecar(url=self.url, etag=info.etag, size=info.content_length,
                          server_name=info.file_name)
        sidecar.save(self.part)
        return sidecar

    def _with_known_size(self, accepted: Accepted) -> Accepted:
        """A whole body that states no size is still held to the size the server stated before
        (HEAD), when it is the same version: an early close must not pass for the end."""
        same_version = accepted.etag is None or accepted.etag == self.sidecar.etag
        if accepted.restarted and accepted.total is None and same_version:
            return dataclasses.replace(accepted, total=self.sidecar.size)
        return accepted

    def _restart_with(self, accepted: Accepted, offset: int) -> None:
        """A full 200 body: the partial (if any) goes, the sidecar describes this body."""
        if offset:
            log.info("Server sent the whole of %s instead of resuming at byte %d: restarting "
                     "from zero", self.what, offset)
        self.sidecar = Sidecar(url=self.url, etag=accepted.etag, size=accepted.total,
                               server_name=self.sidecar.server_name)
        self.sidecar.save(self.part)

    def _discard(self, reason: str) -> None:
        self._truncate(reason)
        self.sidecar = Sidecar(url=self.url, server_name=self.sidecar.server_name)
        self.sidecar.save(self.part)

    def _truncate(self, reason: str) -> None:
        log.info("Discarding the partial download of %s: %s", self.what, reason)
        close_part(open_part(self.part, 0), self.part)

    # --- the end -----------------------------------------------------------------------------

    def _complete_after_416(self, offset: int) -> bool:
        """Asked for bytes from the partial's end: complete if the server's file is that big
        and still the same version (strong ETag); otherwise start over."""
        info = self._head()
        if complete_after_416(offset, info.content_length, info.etag, self.sidecar.etag, self.sidecar.size):
            return True
        raise AttemptFailed("the server could not serve the rest of the partial (HTTP 416)",
                            discard=True)

    def _finished_before(self, info: MediaInfo) -> DownloadResult | None:
        """A run that crashed after renaming the file into place but before removing its sidecar.

        ``_finish`` renames first (a hard link, then the ``.part`` goes) and removes the
        sidecar last, so a crash in between leaves the final file, the sidecar, and perhaps
        the ``.part`` as a second name of the same file. The final file counts as this
        download when it has the sidecar's size and the server still serves that very
        version (the same strong ETag, the same size): then only the leftovers go.
        """
        earlier, final = Sidecar.load(self.part), self.part.parent / self.name
        try:
            size = final.stat().st_size
            same_part = not self.part.exists() or os.path.samefile(self.part, final)
        except OSError:
            return None
        if (earlier is None or earlier.url != self.url or not same_part or earlier.size != size
                or not is_strong_etag(earlier.etag) or earlier.etag != info.etag
                or info.content_length not in (None, size)):
            return None
        if self.part.exists():
            self.part.unlink()
        Sidecar.remove(self.part)
        self._report(size, size, force=True)
        log.info("%s was already downloaded to %s before an interruption", self.what, final)
        return DownloadResult(path=final, size=size, etag=earlier.etag, bytes_received=0, attempts=0)

    def _finish(self) -> DownloadResult:
        size = part_size(self.part)
        if self.sidecar.size is not None and size != self.sidecar.size:
            raise UnexpectedResponse(
                f"The download of {self.what} has {size} bytes instead of {self.sidecar.size}. "
                "Run the download again.")
        self._check_digest(size)
        final = move_without_overwrite(self.part, self.part.parent, self.name)
        Sidecar.remove(self.part)
        if self._last_reported != (size, size):
            self._report(size, size, force=True)
        log.info("Downloaded %s to %s (%d bytes, %d attempts)", self.what, final, size, self.attempts)
        return DownloadResult(path=final, size=size, etag=self.sidecar.etag,
                              bytes_received=self.bytes_received, attempts=self.attempts)


__all__ = ["DownloadCancelled", "DownloadFailed", "DownloadResult", "ResumableDownload",
           "download_media", "DEFAULT_MAX_ATTEMPTS"]
