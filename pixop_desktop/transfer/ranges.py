"""Checking a download response against the request that asked for it.

A server (or a proxy between us) may ignore ``Range``, answer a different
range than asked, or serve a different version of the file. Every answer is
checked before one byte of it is written; whatever does not fit exactly is
refused (:class:`AttemptFailed` with ``discard=True``: the partial cannot be
trusted either).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import httpx

from .partfile import is_strong_etag

_CONTENT_RANGE = re.compile(r"^\s*bytes\s+(\d+)-(\d+)/(\d+)\s*$", re.IGNORECASE)


class AttemptFailed(Exception):
    """One attempt failed in a way worth retrying (cut, stall, short body, bad answer).

    ``discard`` says the partial must be thrown away before the next attempt.
    """

    def __init__(self, reason: str, *, discard: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.discard = discard


@dataclass(frozen=True)
class Accepted:
    """How to write an accepted response: from ``start``; ``total`` bytes in all (None: unknown)."""

    start: int
    total: int | None
    etag: str | None
    restarted: bool  # a full 200 body, replacing whatever the partial held


def parse_content_range(value: str | None) -> tuple[int, int, int] | None:
    """(first, last, total) of ``bytes first-last/total``; None if absent or malformed."""
    match = _CONTENT_RANGE.match(value or "")
    if not match:
        return None
    first, last, total = (int(group) for group in match.groups())
    if first > last or last >= total:
        return None
    return first, last, total


def content_length(response: httpx.Response) -> int | None:
    value = response.headers.get("content-length", "").strip()
    return int(value) if value.isdigit() else None


def accept_response(response: httpx.Response, offset: int, etag: str | None,
                    size: int | None) -> Accepted:
    """Check a 200/206 answer to a request for bytes ``offset``… of the file (ETag ``etag``,
    ``size`` bytes, when known).

    - 200: the whole file, whatever we asked: restart from zero (never append).
    - 206: ``Content-Range`` must start at ``offset``, run to the end, and give the
      size we know; it must carry the ETag the partial belongs to (a 206 without it may be
      another version spliced on: restart from zero).
    """
    status = response.status_code
    length = content_length(response)
    served_etag = response.headers.get("etag")
    if status == 200:
        return Accepted(start=0, total=length, etag=served_etag, restarted=True)
    if status != 206:
        raise AttemptFailed(f"unexpected HTTP {status} for a download", discard=False)
    found = parse_content_range(response.headers.get("content-range"))
    if found is None:
        raise AttemptFailed("a partial answer without a valid Content-Range", discard=True)
    first, last, total = found
    problems = []
    if first != offset:
        problems.append(f"starts at byte {first}, not {offset}")
    if last != total - 1:
        problems.append(f"ends at byte {last}, not at the end ({total - 1})")
    if size is not None and total != size:
        problems.append(f"says the file has {total} bytes, not {size}")
    if length is not None and length != last - first + 1:
        problems.append(f"announces {length} bytes for a range of {last - first + 1}")
    if served_etag and served_etag != etag:
        problems.append("belongs to another version of the file (ETag changed)")
    if etag and not served_etag:  # a proxy that ignored If-Range: nothing says it is our version
        problems.append("does not say which version of the file it is (no ETag)")
    if problems:
        raise AttemptFailed("the server's partial answer " + "; ".join(problems), discard=True)
    return Accepted(start=offset, total=total, etag=served_etag or etag, restarted=False)


def complete_after_416(offset: int, served_size: int | None, served_etag: str | None,
                       partial_etag: str | None, partial_size: int | None) -> bool:
    """After a 416 to ``bytes=offset-``: does the partial already hold the whole file?

    Only when the server's file has exactly ``offset`` bytes and is the version the
    partial belongs to (the same strong ETag), and the size we recorded (if any) agrees.
    """
    return (offset > 0 and served_size == offset and is_strong_etag(served_etag)
            and served_etag == partial_etag and partial_size in (None, offset))


__all__ = ["Accepted", "AttemptFailed", "accept_response", "complete_after_416", "content_length",
           "parse_content_range"]
