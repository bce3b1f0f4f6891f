"""The digest of a segmented download, computed while its ranges still arrive.

A digest (SHA-256) must read the file in order, but the ranges of a segmented download arrive
side by side. A thread follows the gap-free prefix (``segments.prefix``) as it grows, reading
back from the ``.part`` what the connections wrote (the page cache, usually), so that when the
last range ends only the bytes beyond the old prefix are left to hash, not the whole file.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import BinaryIO

from pixop_desktop.platform_paths import long_path

from .digests import RunningDigest, digest_named_by
from .download_support import as_pixop_error
from .segments import Segment, prefix

log = logging.getLogger("pixop_desktop.transfer")

CHUNK = 4 << 20
IDLE_WAIT = 0.05  # how long the thread waits when it has caught up with the prefix


class PrefixDigest:
    def __init__(self, part: Path, algorithm: str, segments: list[Segment]) -> None:
        self.part, self.segments = part, segments
        self.digest = RunningDigest(algorithm)
        self._buffer = memoryview(bytearray(CHUNK))  # one buffer, read into again and again
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._follow, name="download-digest", daemon=True)
        self._thread.start()

    @classmethod
    def start(cls, part: Path, etag: str | None, segments: list[Segment]) -> PrefixDigest | None:
        """Following ``part`` when the ETag names a digest; None when there is nothing to check."""
        named = digest_named_by(etag)
        return None if named is None else cls(part, named[0], segments)

    def finish(self, size: int) -> RunningDigest:
        """The digest of the whole finished file: the rest hashed now (its cost is logged)."""
        self.close()
        started, left = time.perf_counter(), size - self.digest.covered
        try:
            with open(long_path(self.part), "rb", buffering=0) as handle:  # no read-ahead of unwritten bytes
                while self._step(handle, size):
                    pass
        except OSError as exc:
            raise as_pixop_error(exc, self.part) from exc
        log.info("Checked the %s of %s: %d of its %d bytes hashed after the last range arrived, "
                 "in %.2f s", self.digest.algorithm, self.part.name, left, size,
                 time.perf_counter() - started)
        return self.digest

    def close(self) -> None:
        self._stop.set()
        self._thread.join()

    def _follow(self) -> None:
        try:
            with open(long_path(self.part), "rb", buffering=0) as handle:  # no read-ahead of unwritten bytes
                while not self._stop.is_set():
                    if not self._step(handle, prefix(self.segments)):
                        self._stop.wait(IDLE_WAIT)
        except OSError:  # finish() reads it again, and reports what fails then
            return

    def _step(self, handle: BinaryIO, upto: int) -> bool:
        """Hash the next piece below ``upto``; False when there is none."""
        covered = self.digest.covered
        if covered >= upto:
            return False
        handle.seek(covered)
        view = self._buffer[:min(CHUNK, upto - covered)]
        count = handle.readinto(view)
        if not count:
            return False
        self.digest.update(view[:count])
        return True


__all__ = ["PrefixDigest"]
