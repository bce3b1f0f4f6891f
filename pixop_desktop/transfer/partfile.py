"""The on-disk state of an unfinished download: ``NAME.part`` and ``NAME.part.json``.

The ``.part`` file holds a prefix of the remote file's bytes; the sidecar
says which remote file they belong to (URL path, ETag, size, the server's
file name, when it started) so a later run can resume it — or must discard
it because the remote file changed. The sidecar holds no secrets: the URL is
stored without query string and no credentials ever appear in it.

Bytes on disk are always a prefix of the stream (written in order, never
seeked past a gap), so after any failure — a cut connection, a crash, a full
disk — the ``.part`` file's size is exactly where to resume. The one exception is a
segmented download (``transfer/segmented.py``): its ``.part`` is preallocated and the
sidecar's ``segments`` say how far each byte range got.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import threading
import time
from dataclasses import asdict, dataclass, field
from glob import escape as glob_escape
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

from pixop_desktop.api.errors import PixopError
from pixop_desktop.fileio import write_json_atomically
from pixop_desktop.platform_paths import long_path

PART_SUFFIX = ".part"
SIDECAR_SUFFIX = ".part.json"
WRITE_BUFFER = 1 << 20  # one large buffer: few system calls per gigabyte
_SPACE_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


class DiskFull(PixopError):
    """The download could not be written: no space (or the file is too big for the disk)."""

    default_title = "Not enough disk space"


def is_strong_etag(etag: str | None) -> bool:
    """A strong validator: present and not ``W/``. Only these may pin a Range.

    Quoted or not: RFC 9110 wants quotes, but a server that leaves them out still means a
    strong validator, and turning resume off for it would restart every cut download from
    byte 0. The value goes back in ``If-Range`` exactly as received.
    """
    return bool(etag and etag.strip()) and not etag.startswith("W/")


@dataclass
class Sidecar:
    """What the ``.part`` bytes are a prefix of."""

    url: str
    etag: str | None = None
    size: int | None = None
    server_name: str | None = None
    created: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat())
    # A segmented download's ranges, [start, end, done] each (transfer/segments.py); None while
    # the .part is a plain prefix.
    segments: list | None = None

    @staticmethod
    def path_for(part: Path) -> Path:
        return part.with_name(part.name[: -len(PART_SUFFIX)] + SIDECAR_SUFFIX)

    @classmethod
    def load(cls, part: Path) -> Sidecar | None:
        """The sidecar of ``part``, or None if missing or unreadable (then the part is untrusted)."""
        try:
            data = json.loads(cls.path_for(part).read_text(encoding="utf-8"))
            sidecar = cls(
                url=str(data["url"]),
                etag=data.get("etag") if isinstance(data.get("etag"), str) else None,
                size=data.get("size") if isinstance(data.get("size"), int) else None,
                server_name=data.get("server_name") if isinstance(data.get("server_name"), str) else None,
                created=str(data.get("created", "")),
                segments=data.get("segments") if isinstance(data.get("segments"), list) else None,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return sidecar

    def save(self, part: Path) -> None:
        """Write atomically (temp file + rename) so a crash never leaves half a sidecar."""
        try:
            write_json_atomically(self.path_for(part), asdict(self), indent=1)
        except OSError as exc:
            raise write_error(exc, part) from exc

    @classmethod
    def remove(cls, part: Path) -> None:
        sidecar = cls.path_for(part)
        sidecar.unlink(missing_ok=True)
        # A run killed while saving the sidecar left its temporary copy (fileio's
        # ".NAME-XXXX.tmp"); only this download writes this sidecar, so its strays go with it.
        for stray in sidecar.parent.glob(f".{glob_escape(sidecar.name)}-*.tmp"):
            with contextlib.suppress(OSError):
                stray.unlink()


def part_size(part: Path) -> int:
    try:
        return part.stat().st_size
    except FileNotFoundError:
        return 0


def open_part(part: Path, offset: int) -> BinaryIO:
    """The ``.part`` file opened for writing at ``offset``, everything after it cut off.

    ``offset`` 0 truncates: a restart never appends to old bytes.
    """
    try:
        handle = open(long_path(part), "r+b" if offset and part.exists() else "wb", buffering=WRITE_BUFFER)
        if offset:
            handle.seek(offset)
            handle.truncate()
    except OSError as exc:
        raise write_error(exc, part) from exc
    return handle


def close_part(handle: BinaryIO, part: Path) -> None:
    """Flush and close; a full disk at flush time is reported like any write."""
    try:
        handle.close()
    except OSError as exc:
        with contextlib.suppress(OSError):
            handle.close()
        raise write_error(exc, part) from exc


def write_error(exc: OSError, part: Path) -> PixopError | OSError:
    """A PixopError with plain words for a full disk; other OSErrors unchanged."""
    name = part.name[: -len(PART_SUFFIX)] if part.name.endswith(PART_SUFFIX) else part.name
    resume = "Run the download again afterwards: it continues where it stopped."
    if exc.errno in _SPACE_ERRNOS:
        return DiskFull(f"The disk is full: there is no room left in {part.parent} for {name}. "
                        f"Free some space or choose another folder. {resume}")
    if exc.errno == errno.EFBIG:
        return DiskFull(f"{name} is too large for the disk at {part.parent} (its file system limits "
                        f"the size of one file; FAT32 stops at 4 GB). Choose a folder on another disk. "
                        f"{resume}", title="File too large for this disk")
    return exc


__all__ = [
    "DiskFull", "PART_SUFFIX", "SIDECAR_SUFFIX", "Sidecar", "close_part", "is_strong_etag",
    "open_part", "part_size", "write_error",
]


STALE_EMPTY_CLAIM_SECONDS = 600  # an empty sidecar this old is a crashed claim, not a live one


def claim(part: Path, sidecar: Sidecar) -> bool:
    """Take the name ``part`` for a new download, its sidecar written whole in the same step:
    False when another download holds it. A crash can then never leave an empty claim that no
    later run recognises (which would push every later save to "NAME (2)")."""
    path = Sidecar.path_for(part)
    temp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.claim")
    content = json.dumps(asdict(sidecar))
    try:
        temp.write_text(content, encoding="utf-8")
        try:
            os.link(temp, path)  # atomic and exclusive: fails if the name is taken
            return True
        except FileExistsError:
            return False
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
                raise  # a full disk is said as such; anything else: this file system has no links
        # No hard links here (FAT, some shares): exclusive create, then the content.
        try:
            with open(path, "x", encoding="utf-8") as handle:
                handle.write(content)
            return True
        except FileExistsError:
            return False
    finally:
        temp.unlink(missing_ok=True)


def drop_stale_claim(part: Path) -> None:
    """Free a name an earlier version's run, killed while claiming it, left taken: an empty
    sidecar, no bytes, and old enough that no live download is about to fill it."""
    path = Sidecar.path_for(part)
    try:
        info = path.stat()
    except OSError:
        return
    if info.st_size == 0 and time.time() - info.st_mtime >= STALE_EMPTY_CLAIM_SECONDS and part_size(part) == 0:
        path.unlink(missing_ok=True)
