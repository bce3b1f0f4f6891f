"""The ``.part`` file and sidecar of a segmented download, for both engines (the server's own
link, ``segmented.py``; the current API's signed link, ``signed_segments.py``).

The order of the steps is what makes a crash at any moment safe: the ranges are recorded before
the file is sized, and a range's progress is recorded only after its bytes were written and
flushed, so the sidecar never claims a byte the ``.part`` does not hold.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import BinaryIO

from pixop_desktop.platform_paths import long_path

from .download_support import as_pixop_error
from .partfile import Sidecar, close_part, open_part, part_size
from .segments import Segment, from_json, prefix, to_json

log = logging.getLogger("pixop_desktop.transfer")


def recorded_segments(part: Path, sidecar: Sidecar) -> list[Segment] | None:
    """The ranges an earlier run recorded, if the sidecar has trustworthy ones. Untrustworthy
    ones void the partial (nothing says which of its bytes are good)."""
    if sidecar.segments is None:
        return None
    found = from_json(sidecar.segments, sidecar.size, part_size(part))
    if found is None:
        log.info("Discarding the partial download %s: its record of byte ranges does not fit it", part.name)
        close_part(open_part(part, 0), part)
        sidecar.segments = None
        sidecar.save(part)
    return found


def prepare(part: Path, sidecar: Sidecar, segments: list[Segment], size: int) -> None:
    """Record the ranges, then size the ``.part`` to the whole file: in this order, a crash
    in between leaves ranges that claim nothing beyond what the file holds."""
    sidecar.segments = to_json(segments)
    sidecar.save(part)
    try:
        with open(long_path(part), "r+b" if part.exists() else "wb") as handle:
            if handle.seek(0, os.SEEK_END) < size:
                _mark_sparse(handle)
                handle.truncate(size)  # sparse where the file system allows
    except OSError as exc:
        raise as_pixop_error(exc, part) from exc


def checkpoint(part: Path, sidecar: Sidecar, segments: list[Segment]) -> None:
    """Record how far each range got — only bytes already written, and flushed to disk first
    so that after a power cut the record never claims bytes the disk lost."""
    recorded = to_json(segments)  # read before the flush: everything it claims is written
    try:
        fd = os.open(long_path(part), os.O_RDWR | getattr(os, "O_BINARY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise as_pixop_error(exc, part) from exc
    sidecar.segments = recorded
    sidecar.save(part)


def as_prefix(part: Path, sidecar: Sidecar, segments: list[Segment] | None) -> None:
    """Back to a plain partial (a prefix of the file) for the single stream."""
    if segments is None and sidecar.segments is None:
        return
    keep = prefix(segments) if segments is not None else 0
    close_part(open_part(part, keep), part)
    sidecar.segments = None
    sidecar.save(part)


def _mark_sparse(handle: BinaryIO) -> None:
    """On Windows, make the file sparse before it is extended: NTFS would otherwise fill the
    gap before a range's first write with zeros, on the spot (gigabytes, for the last range of
    a large file). Best effort: file systems without sparse files (FAT) just fill."""
    if sys.platform != "win32":
        return  # POSIX file systems leave the extension as a hole by themselves
    import ctypes
    import msvcrt
    from ctypes import wintypes

    fsctl_set_sparse = 0x000900C4
    returned = wintypes.DWORD()
    ok = ctypes.windll.kernel32.DeviceIoControl(  # type: ignore[attr-defined]
        wintypes.HANDLE(msvcrt.get_osfhandle(handle.fileno())), fsctl_set_sparse, None, 0, None, 0,
        ctypes.byref(returned), None)
    if not ok:
        log.info("Could not make %s sparse: its ranges start after the disk fills the gap", handle.name)


__all__ = ["as_prefix", "checkpoint", "prepare", "recorded_segments"]
