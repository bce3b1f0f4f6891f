"""A video's content fingerprint, and the short form of it that Pixop keeps in the video's name.

The fingerprint (size + SHA-256 of the first, middle and last MiB) recognises a copy and costs
three reads even for a 500 GB master. The watch ledger keeps it; the server keeps its short form
in the name of every video made from a local file (`` [fp=SIZE.HASH]`` before the job's tag),
because the v1 API lists names and nothing else we set. So a lost or damaged job store can be
rebuilt from what Pixop already has, and two machines watching one share can tell that a file
was sent by the other: neither ever pays twice for the same content.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

SAMPLE_BYTES = 1 << 20
FINGERPRINT_VERSION = "v1"
#: Hex digits of the hash kept in the name: 96 bits, with the exact size beside them, is far beyond
#: any chance of two different videos of one team meeting, and short enough to show.
TOKEN_HEX = 24

_TOKEN = re.compile(r"\[fp=(\d{1,15})\.([0-9a-f]{%d})\]" % TOKEN_HEX)


def fingerprint(path: str | os.PathLike[str], size: int | None = None) -> str:
    """Size + SHA-256 of the first, middle and last MiB: the same for a copy, fast for any size."""
    size = os.stat(path).st_size if size is None else size
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        if size <= 3 * SAMPLE_BYTES:
            digest.update(handle.read())
        else:
            for offset in (0, size // 2 - SAMPLE_BYTES // 2, size - SAMPLE_BYTES):
                handle.seek(offset)
                digest.update(handle.read(SAMPLE_BYTES))
    return f"{FINGERPRINT_VERSION}:{size}:{digest.hexdigest()}"


def name_token(print_: str) -> str | None:
    """``[fp=SIZE.HASH]``: the part of a fingerprint a video's name carries (None for another
    version of fingerprint, which this one cannot compare)."""
    version, _, rest = print_.partition(":")
    size, _, digest = rest.partition(":")
    if version != FINGERPRINT_VERSION or not size.isdigit() or len(digest) < TOKEN_HEX:
        return None
    return f"[fp={int(size)}.{digest[:TOKEN_HEX]}]"


def token_in(name: str | None) -> str | None:
    """The fingerprint token a server-side name carries, if any (the last one: a person's own
    name may come first)."""
    found = _TOKEN.findall(name or "")
    return f"[fp={found[-1][0]}.{found[-1][1]}]" if found else None


@dataclass(frozen=True, slots=True)
class OnServer:
    """A video on Pixop whose name carries the content's fingerprint."""

    video_id: str
    name: str
    processed: bool
    """It has a processed video (done or under way): that content was paid for."""


def originals_by_content(videos: Iterable) -> dict[str, OnServer]:
    """A project's listing (originals and processed videos, objects with ``id``, ``name`` and
    ``parent_id``) as its originals by fingerprint token; of two with one content, the processed
    one wins (its processing is what a new job of that content adopts)."""
    videos = list(videos)
    parents = {video.parent_id for video in videos if video.parent_id}
    index: dict[str, OnServer] = {}
    for video in videos:
        token = token_in(video.name)
        if token is None or video.parent_id:
            continue
        found = OnServer(video.id, video.name or "", video.id in parents)
        if token not in index or (found.processed and not index[token].processed):
            index[token] = found
    return index
