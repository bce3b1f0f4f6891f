"""The preview clips on disk, ``cache_dir()/previews/<job uid>/``, and their tidying up.

A preview is worth keeping while its job is in the queue (asking again shows it at once), not
for ever: a removed job's previews go with it (``JobStore.delete``), and once a session
(``prune_once``: at the window's start, else the first preview; always off the GUI thread)
previews not used for 30 days go, those of jobs no longer in the queue, then the least recently
used ones beyond 2 GB.

A job's folder a viewer shows right now is *held*: an in-process count plus a marker file
``.in-use-<pid>`` so that another process (the command line's ``remove``) leaves it too. A file
that cannot be deleted (Windows refuses while another program has it open) is left quietly and
tried again next time. "Used" is the newest modification time in the folder: holding touches it.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pixop_desktop import paths
from pixop_desktop.processes import pid_alive

log = logging.getLogger(__name__)

MAX_AGE_S = 30 * 24 * 3600
MAX_BYTES = 2 * 1024 ** 3
RECENT_S = 10 * 60  # used this recently (being fetched, just shown): never taken for the size cap
_MARK = ".in-use-"

_lock = threading.Lock()
_held: dict[Path, int] = {}
_pruned = False


def previews_root() -> Path:
    return paths.cache_dir() / "previews"


def job_folder(uid: str) -> Path:
    return previews_root() / uid


def _job_folder_of(path: Path) -> Path | None:
    """The job's folder a file of a preview lies in; None for a file elsewhere (a local original)."""
    root = previews_root().resolve()
    try:
        relative = Path(path).resolve().relative_to(root)
    except ValueError:
        return None
    return root / relative.parts[0] if relative.parts else None


# ----- held while a viewer shows them ----------------------------------------------------------

def hold(files: Iterable[Path]) -> list[Path]:
    """Mark the job folders of ``files`` in use (and used now); what to pass to ``release``."""
    folders = sorted({f for f in map(_job_folder_of, files) if f is not None})
    with _lock:
        for folder in folders:
            _held[folder] = _held.get(folder, 0) + 1
            try:
                (folder / f"{_MARK}{os.getpid()}").touch()
                os.utime(folder)
            except OSError:  # gone meanwhile, or read-only: holding in this process still counts
                pass
    return folders


def release(folders: Iterable[Path]) -> None:
    with _lock:
        for folder in folders:
            count = _held.get(folder, 0) - 1
            if count > 0:
                _held[folder] = count
                continue
            _held.pop(folder, None)
            try:
                (folder / f"{_MARK}{os.getpid()}").unlink(missing_ok=True)
            except OSError:
                pass


def in_use(folder: Path) -> bool:
    """Held here, or by another running process (markers of ended processes do not count)."""
    if _held.get(folder.resolve() if folder.exists() else folder):
        return True
    try:
        marks = [p.name[len(_MARK):] for p in folder.iterdir() if p.name.startswith(_MARK)]
    except OSError:
        return False
    return any(pid.isdigit() and int(pid) != os.getpid() and pid_alive(int(pid)) for pid in marks)


# ----- removing ---------------------------------------------------------------------------------

def remove_folder(folder: Path) -> bool:
    """Delete one job's previews unless in use; False when (some of) it stays for next time."""
    with _lock:
        if in_use(folder):
            return False
        try:
            shutil.rmtree(folder)
        except FileNotFoundError:
            return True
        except OSError as exc:  # PermissionError on Windows while a player has a file open
            log.info("preview folder %s stays for now: %s", folder, exc)
            return False
        return True


def forget_jobs(uids: Iterable[str]) -> None:
    """The previews of jobs taken off the queue."""
    for uid in uids:
        if uid and (folder := job_folder(uid)).is_dir():
            remove_folder(folder)


@dataclass(frozen=True)
class _Folder:
    path: Path
    used: float
    size: int


def _survey(folder: Path) -> _Folder:
    used, size = folder.stat().st_mtime, 0
    for base, dirs, files in os.walk(folder):
        for name in dirs + files:
            try:
                info = os.stat(os.path.join(base, name))
            except OSError:
                continue
            used = max(used, info.st_mtime)
            size += info.st_size if name in files else 0
    return _Folder(folder, used, size)


def prune(known_uids: set[str] | None = None, *, now: float | None = None, max_age: float = MAX_AGE_S,
          max_bytes: int = MAX_BYTES, keep: Iterable[str] = ()) -> list[str]:
    """Delete previews unused for ``max_age``, of jobs not in ``known_uids`` (None: not asked),
    then the least recently used beyond ``max_bytes``. The uids whose folders went."""
    now = time.time() if now is None else now
    root, keep = previews_root(), set(keep)
    try:
        folders = [_survey(p) for p in root.iterdir() if p.is_dir() and p.name not in keep]
    except OSError:  # no previews yet
        return []
    removed: list[str] = []
    left: list[_Folder] = []
    for folder in sorted(folders, key=lambda f: f.used):
        stale = now - folder.used > max_age
        orphan = known_uids is not None and folder.path.name not in known_uids and now - folder.used > RECENT_S
        if (stale or orphan) and remove_folder(folder.path):
            removed.append(folder.path.name)
        else:
            left.append(folder)
    total = sum(f.size for f in left)
    for folder in left:  # oldest first
        if total <= max_bytes:
            break
        if now - folder.used > RECENT_S and remove_folder(folder.path):
            removed.append(folder.path.name)
            total -= folder.size
    return removed


def prune_once(store, *, keep: Iterable[str] = ()) -> list[str]:
    """``prune`` the first time a session asks (blocking: call it off the GUI thread). Jobs of
    the home's own queue are known; another queue file (a test's, the self-test's) cannot say."""
    global _pruned
    with _lock:
        if _pruned:
            return []
        _pruned = True
    from .store import FILE_NAME

    own_queue = Path(store.path).resolve() == (paths.data_dir() / FILE_NAME).resolve()
    known = {job.uid for job in store.list_jobs()} if own_queue else None
    try:
        return prune(known, keep=keep)
    except OSError as exc:  # tidying up must never stop a preview
        log.info("previews not tidied up: %s", exc)
        return []
