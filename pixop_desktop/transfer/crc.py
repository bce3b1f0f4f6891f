"""CRC32C of a local copy of the video, so Pixop can verify the bytes it imports.

google-crc32c uses the CPU's CRC32C instruction (SSE4.2 / ARMv8): several GB/s, so even a
large master is checked in seconds. The file is streamed in large chunks (memory stays flat),
with progress and a cancel flag for the GUI's background worker. See benchmarks/crc32c.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import google_crc32c

CHUNK_BYTES = 8 << 20


class CrcCancelled(Exception):
    """The person cancelled the checksum."""


def file_crc32c(path: str | Path, *, progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None, chunk_bytes: int = CHUNK_BYTES) -> int:
    """The CRC32C of the file as the unsigned integer Pixop's ``crc32c`` parameter takes."""
    path = Path(path)
    total = path.stat().st_size
    checksum = google_crc32c.Checksum()
    done = 0
    with open(path, "rb", buffering=0) as handle:
        while chunk := handle.read(chunk_bytes):  # the C extension wants read-only bytes
            if cancelled is not None and cancelled():
                raise CrcCancelled()
            checksum.update(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
    return int.from_bytes(checksum.digest(), "big")


class RunningCrc32c:
    """The CRC32C of a ``.part`` file's first ``covered`` bytes, kept up to date as a download
    writes them (a digest for ``body.receive_body``), so the finished file is not read again."""

    def __init__(self) -> None:
        self._crc = 0
        self.covered = 0

    def catch_up(self, part: Path, offset: int) -> None:
        """Make it cover exactly ``part[:offset]`` (a resume reads the partial once; 0 restarts)."""
        if offset == self.covered:
            return
        self._crc, self.covered = 0, 0
        if offset:
            with open(part, "rb", buffering=0) as handle:
                while self.covered < offset and (chunk := handle.read(min(CHUNK_BYTES, offset - self.covered))):
                    self.update(chunk)

    def update(self, data) -> None:
        # The C extension takes read-only bytes only: one copy of the piece, still cheaper
        # than reading the whole file back from the disk at the end.
        self._crc = google_crc32c.extend(self._crc, bytes(data))
        self.covered += len(data)

    @property
    def value(self) -> int:
        return self._crc


def is_hardware_accelerated() -> bool:
    """False when google-crc32c fell back to its pure-Python version (slow, but still right)."""
    return getattr(google_crc32c, "implementation", "c") == "c"
