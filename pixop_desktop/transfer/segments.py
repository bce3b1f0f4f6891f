"""The byte ranges of a segmented download: how a file is split, what the sidecar records of
each range, and how a server's answer to one range is checked.

A file of ``size`` bytes is split into contiguous ranges of at least ``min_segment`` bytes: one
per connection, or more for a large file (none over ``LARGEST_FACTOR`` minimum ranges), whose
last ranges are cut finer (``TAIL_PIECES``) so that the connections finish close together and
the digest has little left to read at the end; each
range remembers how many of its bytes are on disk (``done``, always
a prefix of the range). The sidecar stores them as ``[start, end, done]`` lists; a list that
does not tile the file exactly, or claims bytes the ``.part`` cannot hold, is not trusted.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import httpx

from .ranges import AttemptFailed, content_length, parse_content_range

DEFAULT_CONNECTIONS = 4
MAX_CONNECTIONS = 16
MIN_SEGMENT = 8 << 20  # below this a range's set-up (one round trip) costs more than it saves
# A range is at most this many minimum ranges (1 GiB by default): a large file is cut in more ranges
# than connections, fetched in order, so the digest's final pass reads little (segment_fetch.py).
LARGEST_FACTOR = 128
# When ranges outnumber connections, the last ``connections`` of them are cut in this many
# pieces: the final ranges run side by side, and a long one finishing alone would leave the
# other connections idle and the digest a long stretch to read after the last byte arrives.
TAIL_PIECES = 4

_lock = threading.Lock()
_default = DEFAULT_CONNECTIONS


def default_connections() -> int:
    """Connections per download unless told otherwise (the saved setting, applied at start)."""
    with _lock:
        return _default


def set_default_connections(count: int) -> None:
    global _default
    with _lock:
        _default = clamp_connections(count)


def clamp_connections(count: int | None) -> int:
    return max(1, min(MAX_CONNECTIONS, int(count or 1)))


@dataclass
class Segment:
    """Bytes [start, end) of the file; the first ``done`` of them are on disk."""

    start: int
    end: int
    done: int = 0

    @property
    def position(self) -> int:
        """The next byte to fetch."""
        return self.start + self.done

    @property
    def complete(self) -> bool:
        return self.position >= self.end

    @property
    def missing(self) -> int:
        return self.end - self.position


def split(size: int, connections: int, min_segment: int = MIN_SEGMENT, have: int = 0) -> list[Segment]:
    """Equal ranges: one per connection, more when they would exceed ``LARGEST_FACTOR`` minimum
    ranges, none under ``min_segment`` (one when the file is small); the first ``have`` bytes (a
    plain partial's prefix) count as done."""
    min_segment = max(1, min_segment)
    connections = clamp_connections(connections)
    wanted = max(connections, -(-size // (min_segment * LARGEST_FACTOR)))
    count = max(1, min(wanted, size // min_segment))
    bounds = [size * index // count for index in range(count + 1)]
    if count > connections:
        bounds = bounds[:count - connections] + _finer(bounds[count - connections], size,
                                                              connections, min_segment)
    return [Segment(start, end, max(0, min(have - start, end - start)))
            for start, end in zip(bounds, bounds[1:])]


def _finer(start: int, end: int, ranges: int, min_segment: int) -> list[int]:
    """Bounds from ``start`` to ``end``: the ``ranges`` equal ranges there were, each cut in
    ``TAIL_PIECES``, none under ``min_segment``."""
    pieces = max(1, min(TAIL_PIECES * ranges, (end - start) // min_segment))
    return [start + (end - start) * index // pieces for index in range(pieces + 1)]


def worth_splitting(size: int | None, connections: int, min_segment: int = MIN_SEGMENT) -> bool:
    return size is not None and connections > 1 and len(split(size, connections, min_segment)) > 1


def to_json(segments: list[Segment]) -> list[list[int]]:
    return [[segment.start, segment.end, segment.done] for segment in segments]


def from_json(value: object, size: int | None, on_disk: int) -> list[Segment] | None:
    """The sidecar's ranges if they tile ``[0, size)`` exactly and claim no byte beyond the
    ``on_disk`` length of the ``.part``; None otherwise (then nothing of it is trusted)."""
    if not isinstance(value, list) or not value or size is None:
        return None
    segments, expected = [], 0
    for item in value:
        if (not isinstance(item, list) or len(item) != 3
                or not all(type(number) is int for number in item)):
            return None
        start, end, done = item
        if start != expected or end <= start or not 0 <= done <= end - start:
            return None
        if done and start + done > on_disk:
            return None
        segments.append(Segment(start, end, done))
        expected = end
    return segments if expected == size else None


def prefix(segments: list[Segment]) -> int:
    """How many bytes from the file's start are on disk without a gap."""
    have = 0
    for segment in segments:
        have = segment.position
        if not segment.complete:
            break
    return have


def missing(segments: list[Segment]) -> int:
    return sum(segment.missing for segment in segments)


class SegmentsRefused(Exception):
    """The server's answer to a range cannot be used.

    ``restart``: the file changed on the server (another validator or size), so every range
    is void and the download starts again; otherwise the server cannot serve ranges reliably
    and the download goes on over one connection (the bytes checked so far stay).
    """

    def __init__(self, reason: str, *, restart: bool) -> None:
        super().__init__(reason)
        self.reason, self.restart = reason, restart


def check_answer(response: httpx.Response, first: int, last: int, size: int, etag: str) -> None:
    """A 206 for exactly bytes ``first``-``last`` of ``size``, carrying ``etag``, or refuse it."""
    served = response.headers.get("etag")
    if response.status_code == 200:
        if served == etag:
            raise SegmentsRefused("the server ignored the byte range", restart=False)
        raise SegmentsRefused("the file changed on the server (If-Range gave the whole file)",
                              restart=served is not None)
    if response.status_code != 206:
        raise AttemptFailed(f"unexpected HTTP {response.status_code} for a byte range")
    if not served:  # a proxy that ignored If-Range: nothing says which version these bytes are
        raise SegmentsRefused("a partial answer without an ETag", restart=False)
    if served != etag:
        raise SegmentsRefused("the file changed on the server (ETag changed)", restart=True)
    found = parse_content_range(response.headers.get("content-range"))
    if found is not None and found[2] != size:
        raise SegmentsRefused(f"the file changed on the server (now {found[2]} bytes)", restart=True)
    length = content_length(response)
    if found != (first, last, size) or (length is not None and length != last - first + 1):
        raise SegmentsRefused(f"the server answered bytes {first}-{last} with "
                              f"{response.headers.get('content-range')!r}", restart=False)


__all__ = ["DEFAULT_CONNECTIONS", "MAX_CONNECTIONS", "MIN_SEGMENT", "Segment", "SegmentsRefused",
           "check_answer", "clamp_connections", "default_connections", "from_json", "missing",
           "prefix", "set_default_connections", "split", "to_json", "worth_splitting"]
