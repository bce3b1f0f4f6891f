"""Writing the app's small files so that a crash never leaves half of one.

Every settings, preset, rule, sidecar and record file goes through here: the
text is written to a uniquely named temporary file in the same folder, flushed
to disk, then renamed over the old one. A reader (another process included)
sees the old file or the new one, never a mix, and two writers never share a
temporary name.

The file gets the mode any new file of the person's would get (``0o666`` less the
umask), or keeps the mode of the file it replaces: nothing written here is secret
(secrets live only in the keyring), and an exported preset on a shared drive must
be readable by colleagues. ``tempfile.mkstemp`` would make every file owner-only.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
import time
from pathlib import Path
from typing import Any


def write_text_atomically(path: Path, text: str) -> Path:
    """Replace ``path`` with ``text`` (UTF-8) in one step; the folder is created if needed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_path = _create_temporary_beside(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            _keep_mode_of(path, handle.fileno())
            os.fsync(handle.fileno())
        os.replace(tmp_path, path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
    return path


def _create_temporary_beside(path: Path) -> tuple[int, Path]:
    """A new, uniquely named file next to ``path``, created with mode 0o666 so the umask
    (and a folder's default ACL) decides its permissions, as for any file the person makes."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    while True:
        candidate = path.with_name(f".{path.name}-{secrets.token_hex(6)}.tmp")
        try:
            return os.open(candidate, flags, 0o666), candidate
        except FileExistsError:
            continue  # another writer picked the same name: draw again


def _keep_mode_of(path: Path, fd: int) -> None:
    """Give the new file the permissions of the one it replaces (a shared preset stays shared)."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return
    if hasattr(os, "fchmod"):  # POSIX; on Windows the mode bits mean next to nothing
        os.fchmod(fd, mode)


def write_json_atomically(path: Path, data: Any, *, indent: int = 2) -> Path:
    """``data`` as JSON (UTF-8, keeping non-ASCII letters readable), replaced in one step."""
    return write_text_atomically(path, json.dumps(data, indent=indent, ensure_ascii=False) + "\n")


def aside_name(path: Path, label: str) -> Path:
    """A free name beside ``path`` for keeping an unusable copy: ``NAME.LABEL-STAMP`` (then
    ``-1``, ``-2`` … if taken), so a damaged file is set aside, never overwritten or lost."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{label}-{stamp}-{counter}")
        counter += 1
    return target
