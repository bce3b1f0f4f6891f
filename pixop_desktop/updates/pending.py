"""A verified update waiting for the next start, and putting it in place.

The updater stages a verified, unpacked bundle in ``<state>/pending/`` and then writes
``<state>/pending.json`` (the marker, written last: a half-staged update has no marker and is
thrown away). At the next start, before anything else, :func:`apply_pending` swaps the folders:
the running copy's folder is renamed aside (``<name>.old``), the staged one takes its place, and
the caller starts the new program. If the swap fails half way the old folder is put back, so
the app always starts as one whole version.

Windows cannot rename a folder whose program is running, so there the swap is tufup's script
(robocopy after this process exits, then the new program starts).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from pixop_desktop.fileio import write_json_atomically

log = logging.getLogger(__name__)

MARKER = "pending.json"
STAGE = "pending"


@dataclass(frozen=True)
class PendingUpdate:
    version: str
    folder: Path


def stage_folder(state_dir: Path) -> Path:
    return state_dir / STAGE


def discard(state_dir: Path) -> None:
    """Forget a staged update (before staging a new one, or when it cannot be used)."""
    (state_dir / MARKER).unlink(missing_ok=True)
    shutil.rmtree(stage_folder(state_dir), ignore_errors=True)


def mark_ready(state_dir: Path, version: str) -> PendingUpdate:
    write_json_atomically(state_dir / MARKER, {"version": version})
    return PendingUpdate(version, stage_folder(state_dir))


def pending_update(state_dir: Path) -> PendingUpdate | None:
    try:
        version = json.loads((state_dir / MARKER).read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    folder = stage_folder(state_dir)
    return PendingUpdate(str(version), folder) if folder.is_dir() else None


def apply_pending(state_dir: Path, install_folder: Path, program: Path) -> str | None:
    """Put a staged update in place of ``install_folder``; returns its version, or None when there
    was none (or it could not be used: then it is discarded and this copy starts as it is).
    ``program`` is the running program; the staged bundle must have it at the same place."""
    aside = install_folder.with_name(install_folder.name + ".old")
    shutil.rmtree(aside, ignore_errors=True)  # left by the previous update
    update = pending_update(state_dir)
    if update is None:
        return None
    relative = program.resolve().relative_to(install_folder.resolve())
    if not (update.folder / relative).is_file():
        log.warning("update %s has no %s: discarded", update.version, relative)
        discard(state_dir)
        return None
    if sys.platform == "win32":
        _apply_on_windows(update, install_folder, program, state_dir)
        return update.version
    os.rename(install_folder, aside)
    try:
        shutil.move(str(update.folder), str(install_folder))
    except OSError:
        shutil.rmtree(install_folder, ignore_errors=True)
        os.rename(aside, install_folder)
        raise
    (state_dir / MARKER).unlink(missing_ok=True)
    shutil.rmtree(aside, ignore_errors=True)  # POSIX: the running program keeps its open files
    log.info("updated to %s in %s", update.version, install_folder)
    return update.version


def _apply_on_windows(update: PendingUpdate, install_folder: Path, program: Path, state_dir: Path) -> None:
    """tufup's robocopy script runs once we exit, then starts the new program; we exit here."""
    from tufup.utils.platform_specific import WIN_BATCH_TEMPLATE, install_update

    (state_dir / MARKER).unlink(missing_ok=True)
    template = WIN_BATCH_TEMPLATE.replace("{delete_self}", 'start "" "{program}"\n{delete_self}')
    install_update(src_dir=update.folder, dst_dir=install_folder, purge_dst_dir=True,
                   batch_template=template, batch_template_extra_kwargs={"program": str(program)},
                   process_creation_flags=0x08000000)  # CREATE_NO_WINDOW
    sys.exit(0)
