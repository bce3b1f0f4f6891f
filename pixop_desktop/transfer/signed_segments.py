"""Segmented downloads through the current API's signed link (``SignedDownload`` mixes this in).

The same ranges, checks and crash safety as the server's own link (``segmented.py``,
``segment_fetch.py``, ``segment_part.py``), with what a signed link needs: no credentials
(``auth="none"``), no HEAD (a GET of the first byte tells whether ranges are served and gives the
ETag every range is pinned to), and a link that may expire (a 401/403 from any range ends the
attempt; ``SignedDownload`` asks for a fresh link and the next attempt resumes every range).
The finished file's CRC32C is checked by ``SignedDownload`` as for one stream.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from .partfile import Sidecar, close_part, is_strong_etag, open_part, part_size
from .ranges import AttemptFailed, parse_content_range
from .segment_fetch import SegmentFetch
from .segment_part import as_prefix, checkpoint, prepare, recorded_segments
from .segments import SegmentsRefused, from_json, missing, split, worth_splitting

if TYPE_CHECKING:
    from pixop_desktop.api.models import DownloadLink

    from .signed_download import SignedDownload

log = logging.getLogger("pixop_desktop.transfer")
_HEADERS = {"Accept-Encoding": "identity", "Accept": "*/*"}


class SignedSegments:
    single_stream = False  # set once the storage turned out not to serve ranges properly

    def _segmented_attempt(self: SignedDownload, link: DownloadLink, sidecar: Sidecar) -> Sidecar | None:
        """Every missing range at once; None when this download goes as one stream (then the
        ``.part`` is a plain prefix)."""
        size = sidecar.size
        if self.single_stream or size is None or not worth_splitting(size, self.connections, self.min_segment):
            as_prefix(self.part, sidecar, recorded_segments(self.part, sidecar))
            return None
        etag = self._pinnable_etag(link, size)
        if etag is None:
            self.single_stream = True
            return self._segmented_attempt(link, sidecar)
        if sidecar.etag is not None and sidecar.etag != etag:  # another version of the file
            log.info("Discarding the partial download of video %s: the file changed", self.video_id)
            self._void(sidecar)
        sidecar.etag = etag  # (the sidecar is changed in place: the caller's loop holds it)
        segments = recorded_segments(self.part, sidecar) or split(
            size, self.connections, self.min_segment, have=part_size(self.part))
        prepare(self.part, sidecar, segments, size)
        fetch = SegmentFetch(
            self.client, link.url, self.part, size, etag, segments, what=f"video {self.video_id}",
            limiter=self.limiter, stall_seconds=self.stall_seconds, cancelled=self.cancelled,
            max_attempts=self.max_attempts, progress=lambda done: self._report(done, size),
            checkpoint=lambda: checkpoint(self.part, sidecar, segments), auth="none",
            connections=self.connections)
        try:
            fetch.run()
        except SegmentsRefused as refused:
            self._check_cancel()
            if refused.restart:
                self._void(sidecar)
            else:
                self.single_stream = True
                as_prefix(self.part, sidecar, segments)
            raise AttemptFailed(refused.reason) from None
        self._check_cancel()
        if missing(segments):
            raise AttemptFailed("bytes are missing")
        return sidecar

    def _void(self: SignedDownload, sidecar: Sidecar) -> None:
        close_part(open_part(self.part, 0), self.part)
        sidecar.etag, sidecar.segments = None, None
        sidecar.save(self.part)

    def _pinnable_etag(self: SignedDownload, link: DownloadLink, size: int) -> str | None:
        """The strong ETag of the linked file, when its storage serves byte ranges of it."""
        with self.client.stream_v1("GET", link.url, auth="none", headers={**_HEADERS, "Range": "bytes=0-0"},
                                   what=f"video {self.video_id}") as response:
            found = parse_content_range(response.headers.get("content-range"))
            etag = response.headers.get("etag")
            if response.status_code == 206 and found is not None and found[2] == size and is_strong_etag(etag):
                return etag
        log.info("The storage of video %s does not serve byte ranges: one connection", self.video_id)
        return None

    def _have(self: SignedDownload, sidecar: Sidecar) -> int:
        """Bytes of the file on disk: the ranges' progress, or the plain partial's size."""
        segments = from_json(sidecar.segments, sidecar.size, part_size(self.part))
        if segments is not None and sidecar.size is not None:
            return sidecar.size - missing(segments)
        return part_size(self.part)


__all__ = ["SignedSegments"]
