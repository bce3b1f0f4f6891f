"""A download checked against the digest its ETag names, when the ETag is one.

Pixop's ETag is "a hash of the stored media" (seed); when it has the shape of a SHA-256 (64
hex digits) the downloaded bytes must have it. Any other ETag is only a version tag and nothing
is checked: 32 hex digits look like an MD5, but cloud storage gives such ETags for encrypted
objects too (S3 with SSE-KMS), where they are not the content's MD5 — checking them would fail
good downloads; 40 could be SHA-1 or anything; weak or opaque ones say nothing of the bytes.

The hash runs while the bytes arrive; a resumed download first hashes the partial it already
has (one read of it), so a finished file is never read twice.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

_HEX = re.compile(r"[0-9a-fA-F]+")
_KNOWN = {64: "sha256"}
_CHUNK = 1 << 20


def digest_named_by(etag: str | None) -> tuple[str, str] | None:
    """(algorithm, lowercase hex) when a strong ETag is a digest we know, else None."""
    if not etag or etag.startswith("W/"):
        return None
    value = etag.strip().strip('"')
    algorithm = _KNOWN.get(len(value))
    if algorithm is None or not _HEX.fullmatch(value):
        return None
    return algorithm, value.lower()


class RunningDigest:
    """The digest of a ``.part`` file's first ``covered`` bytes, kept up to date as it grows."""

    def __init__(self, algorithm: str) -> None:
        self.algorithm = algorithm
        self._hash = hashlib.new(algorithm)
        self.covered = 0

    def catch_up(self, part: Path, offset: int) -> None:
        """Make the digest cover exactly ``part[:offset]`` (a resume, or a restart from zero)."""
        if offset == self.covered:
            return
        self._hash, self.covered = hashlib.new(self.algorithm), 0
        if offset == 0:
            return
        with open(part, "rb") as handle:
            while self.covered < offset:
                chunk = handle.read(min(_CHUNK, offset - self.covered))
                if not chunk:
                    break
                self.update(chunk)

    def update(self, piece: bytes) -> None:
        self._hash.update(piece)
        self.covered += len(piece)

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def digest_for(current: RunningDigest | None, etag: str | None, part: Path,
               offset: int) -> RunningDigest | None:
    """The running digest to keep while receiving from ``offset``, when the ETag names one."""
    named = digest_named_by(etag)
    if named is None:
        return None
    if current is None or current.algorithm != named[0]:
        current = RunningDigest(named[0])
    current.catch_up(part, offset)
    return current


def digest_mismatch(digest: RunningDigest | None, etag: str | None, size: int) -> str | None:
    """The algorithm's name when a finished file of ``size`` bytes lacks the digest its ETag
    names; None when it has it, or when there is nothing to check."""
    named = digest_named_by(etag)
    if named is None or digest is None or digest.covered != size or digest.hexdigest() == named[1]:
        return None
    return named[0].upper()
