"""Safe local file names from untrusted server input.

A ``Content-Disposition`` header is written by the server, so it is treated
as hostile: whatever it says, the result is one bare file name (no folder
separators, no ``..``, no control characters, no reserved Windows device name,
not too long) that lands inside the folder the user chose, and an existing
file is never overwritten (a numbered suffix is added instead).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from pixop_desktop.api.headers import filename_from_content_disposition

_WINDOWS_RESERVED = {
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
    *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10)),
    "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³",
}
# Characters Windows, macOS or Linux refuse or treat specially in a name.
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
MAX_NAME_BYTES = 200  # below every common file system's 255, leaving room for suffixes


def name_from_content_disposition(header: str | None) -> str | None:
    """The safe bare file name a ``Content-Disposition`` header offers, or None."""
    return safe_offered_name(filename_from_content_disposition(header))


def safe_offered_name(untrusted: str | None) -> str | None:
    """The safe bare file name a server offered (``MediaInfo.file_name``), or None."""
    return _sanitise(untrusted) or None


def safe_file_name(untrusted: str | None, fallback: str) -> str:
    """Reduce an untrusted name to one harmless bare file name (``fallback`` if nothing is left)."""
    return _sanitise(untrusted) or _sanitise(fallback) or "download"


def _sanitise(untrusted: str | None) -> str:
    """One bare, portable file name made of ``untrusted``, or "" when nothing usable remains."""
    name = unicodedata.normalize("NFC", untrusted or "")
    # Keep only the last path component, whichever separator the sender used.
    name = re.split(r"[/\\]", name)[-1]
    # No hidden files, no trailing dots or spaces (Windows drops them silently).
    name = _FORBIDDEN.sub("_", name).strip(" .")
    if not name or set(name) <= {".", "_", " "}:
        return ""
    stem = name.partition(".")[0].rstrip(" ")
    if stem.upper() in _WINDOWS_RESERVED:
        name = f"_{name}"
    return _truncate(name)


def _truncate(name: str) -> str:
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    stem, ext = os.path.splitext(name)
    ext = ext if len(ext.encode("utf-8")) <= 16 else ""
    budget = MAX_NAME_BYTES - len(ext.encode("utf-8"))
    stem = stem.encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip(" .")
    return (stem or "download") + ext


def numbered_names(name: str) -> Iterator[str]:
    """``name``, then ``stem (2).ext``, ``stem (3).ext`` … (endless)."""
    stem, ext = os.path.splitext(name)
    yield name
    number = 2
    while True:
        yield f"{stem} ({number}){ext}"
        number += 1


def unused_path(folder: Path, name: str, *, also_avoid: tuple[str, ...] = ()) -> Path:
    """``folder/name``, or ``folder/stem (2).ext`` … when that already exists.

    ``also_avoid`` lists suffixes whose files count as taken too (for example
    ``.part`` for a download still in progress under that name). Only a
    hint: another program may take the name before we do, so the final
    step must use :func:`move_without_overwrite`.
    """
    for candidate in numbered_names(name):
        if not _taken(folder / candidate, also_avoid):
            return folder / candidate
    raise AssertionError("unreachable")  # numbered_names never ends


def _taken(path: Path, also_avoid: tuple[str, ...]) -> bool:
    return path.exists() or any(path.with_name(path.name + s).exists() for s in also_avoid)


def move_without_overwrite(source: Path, folder: Path, name: str) -> Path:
    """Move ``source`` to ``folder/name`` (or the first free numbered name) atomically.

    Never replaces an existing file, even one created a moment ago by another
    program: a hard link fails if the name exists (then the next number is
    tried) and the source is removed only after the link exists. Where hard
    links are not supported (FAT, some network shares), the name is reserved
    with an exclusive create and then atomically replaced by ``os.replace``.
    Returns the final path.
    """
    for candidate in numbered_names(name):
        target = folder / candidate
        try:
            os.link(source, target)
        except FileExistsError:
            continue
        except OSError:
            if not _reserve(target):
                continue
            os.replace(source, target)
            return target
        os.unlink(source)
        return target
    raise AssertionError("unreachable")


def _reserve(target: Path) -> bool:
    """Create ``target`` empty if (and only if) it does not exist yet."""
    try:
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    except FileExistsError:
        return False
    return True
