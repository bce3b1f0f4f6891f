"""Segmented downloads: a large file fetched as several byte ranges at once (``ResumableDownload``
mixes this in; the per-connection work is ``segment_fetch.SegmentFetch``).

Over a long link one TCP stream is limited by its window and the round trip, not by the line;
several ranges in parallel fill the line. A download is split when the file's size is known, its
ETag is strong (every range is pinned to it), the server says ``Accept-Ranges: bytes`` and the
file is large enough for ranges of ``min_segment`` bytes; otherwise (and with one connection)
it is the plain single-stream download.

The ``.part`` is sized to the whole file first; the sidecar lists the ranges and how far each
got (``segments``). Safety is that of the single stream: every answer's Content-Range, size and
ETag are checked; a changed file (another ETag or size) voids every range and the download
starts again; a server that turns out not to serve ranges properly makes it go on over one
connection from the gap-free prefix; the size and the digest (when the ETag names one) are
checked at the end — the digest by a thread that reads back the gap-free prefix as it grows
(``prefix_digest.py``), the ranges arriving out of order; what is left of it at the end is
hashed then (its cost is logged).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from pixop_desktop.api.models import MediaInfo

from .download_support import DownloadFailed
from .partfile import is_strong_etag, part_size
from .prefix_digest import PrefixDigest
from .segment_fetch import SegmentFetch
from .segment_part import as_prefix, checkpoint, prepare, recorded_segments
from .segments import Segment, SegmentsRefused, missing, split, worth_splitting

if TYPE_CHECKING:
    from .download import ResumableDownload

log = logging.getLogger("pixop_desktop.transfer")

MAX_RESTARTS = 3  # the file changed under us this often: go on over one connection


class Segmented:
    """The segmented path of :class:`~pixop_desktop.transfer.download.ResumableDownload`."""

    def _run_segments(self: ResumableDownload, info: MediaInfo) -> bool:
        """True when the ``.part`` now holds the whole file; False: go on over one connection
        (the ``.part`` is then a plain prefix again, as the single stream expects)."""
        segments, restarts = self._recorded_segments(), 0
        while self._splittable(info) and restarts <= MAX_RESTARTS:
            size, etag = self.sidecar.size, self.sidecar.etag
            assert size is not None and etag is not None
            if segments is None:
                segments = split(size, self.connections, self.min_segment, have=part_size(self.part))
            self._prepare(segments, size)
            try:
                hasher = self._fetch_ranges(segments, size, etag)
            except SegmentsRefused as refused:
                self._check_cancel()
                if not refused.restart:
                    log.info("Download of %s goes on over one connection: %s", self.what, refused.reason)
                    break
                restarts += 1
                self._discard(refused.reason)
                info = self._head()
                self.sidecar, segments = self._adopt_or_restart(info), None
                continue
            self._digest = hasher.finish(size) if hasher is not None else None
            return True
        self._as_prefix(segments)
        return False

    def _fetch_ranges(self: ResumableDownload, segments: list[Segment], size: int,
                      etag: str) -> PrefixDigest | None:
        """Every missing range, while a thread hashes the gap-free prefix (when the ETag names a
        digest); returns that thread's digest to finish."""
        hasher = PrefixDigest.start(self.part, etag, segments)
        fetch = SegmentFetch(
            self.client, self.source, self.part, size, etag, segments, what=self.what,
            limiter=self.limiter, stall_seconds=self.stall_seconds, cancelled=self.cancelled,
            max_attempts=self.max_attempts, progress=lambda done: self._report(done, size),
            checkpoint=lambda: self._checkpoint(segments), connections=self.connections)
        try:
            fetch.run()
            self._check_cancel()
            if missing(segments):  # never let a hole of zeros pass for the file
                raise DownloadFailed(f"The download of {self.what} stopped with bytes missing. "
                                     "Run the download again: it continues where it stopped.")
        except BaseException:
            if hasher is not None:
                hasher.close()
            raise
        finally:
            self.bytes_received += fetch.received
            self.attempts += fetch.requests
        return hasher

    def _splittable(self: ResumableDownload, info: MediaInfo) -> bool:
        return (is_strong_etag(self.sidecar.etag) and info.accepts_ranges
                and worth_splitting(self.sidecar.size, self.connections, self.min_segment))

    def _recorded_segments(self: ResumableDownload) -> list[Segment] | None:
        return recorded_segments(self.part, self.sidecar)

    def _prepare(self: ResumableDownload, segments: list[Segment], size: int) -> None:
        prepare(self.part, self.sidecar, segments, size)

    def _checkpoint(self: ResumableDownload, segments: list[Segment]) -> None:
        checkpoint(self.part, self.sidecar, segments)

    def _as_prefix(self: ResumableDownload, segments: list[Segment] | None) -> None:
        as_prefix(self.part, self.sidecar, segments)


__all__ = ["MAX_RESTARTS", "Segmented"]
