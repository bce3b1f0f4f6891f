"""Safe local file names from untrusted server input, and never overwriting a file.

A name a server offers is reduced to one bare file name (``api/offered_names``:
no folder separators, no ``..``, no control characters, no reserved Windows
device name, not too long) that lands inside the folder the user chose, and an
existing file is never overwritten (a numbered suffix is added instead).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from pixop_desktop.api.offered_names import safe_bare_name
from pixop_desktop.platform_paths import long_path


def safe_file_name(untrusted: str | None, fallback: str) -> str:
    """Reduce an untrusted name to one harmless bare file name (``fallback`` if nothing is left)."""
    return safe_bare_name(untrusted) or safe_bare_name(fallback) or "download"


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
        # Paths past 260 characters open on Windows only with the \\?\ prefix.
        src, dst = long_path(source), long_path(target)
        try:
            os.link(src, dst)
        except FileExistsError:
            continue
        except OSError:
            if not _reserve(Path(dst)):
                continue
            _undo_on_failure(lambda: os.replace(src, dst), Path(dst))
            return target
        _undo_on_failure(lambda: os.unlink(src), Path(dst))
        return target
    raise AssertionError("unreachable")


def _undo_on_failure(step, target: Path) -> None:
    """Run the step that completes a move; if it fails (on Windows a file another program holds
    open cannot be deleted or replaced), take the new name back, so the file stays in one place
    and a later try does not leave "NAME (2)" beside it."""
    try:
        step()
    except OSError:
        try:
            os.unlink(target)
        except OSError:
            pass
        raise


def _reserve(target: Path) -> bool:
    """Create ``target`` empty if (and only if) it does not exist yet."""
    try:
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    except FileExistsError:
        return False
    return True
