"""How fast is the CRC32C of a local copy? google-crc32c (used) vs zlib.crc32 (reference).

    .venv/bin/python benchmarks/crc32c.py [SIZE_MB]

Writes a SIZE_MB file of random bytes (default 512) to a temporary folder, reads it once to
warm the page cache, then times ``pixop_desktop.imports.crc.file_crc32c`` and a zlib.crc32 loop
over the same file with the same chunk size. zlib's CRC-32 is a different polynomial; it is only
the yardstick of "a fast C checksum" that ships with Python.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pixop_desktop.imports.crc import CHUNK_BYTES, file_crc32c, is_hardware_accelerated  # noqa: E402


def zlib_crc(path: Path) -> int:
    value = 0
    with open(path, "rb", buffering=0) as handle:
        while chunk := handle.read(CHUNK_BYTES):
            value = zlib.crc32(chunk, value)
    return value


def timed(label: str, fn, path: Path, size: int) -> None:
    start = time.perf_counter()
    fn(path)
    seconds = time.perf_counter() - start
    print(f"{label:<28} {size / seconds / 1e6:10.0f} MB/s  ({seconds:.3f} s)")


def main() -> None:
    size_mb = int(sys.argv[1]) if len(sys.argv) > 1 else 512
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.bin"
        with open(path, "wb") as handle:
            for _ in range(size_mb):
                handle.write(os.urandom(1 << 20))
        size = path.stat().st_size
        zlib_crc(path)  # warm the page cache
        print(f"{size_mb} MB, chunks of {CHUNK_BYTES >> 20} MB, hardware CRC32C: {is_hardware_accelerated()}")
        timed("google-crc32c (file_crc32c)", file_crc32c, path, size)
        timed("zlib.crc32 (reference)", zlib_crc, path, size)


if __name__ == "__main__":
    main()
