"""The doctor's check of the job queue (``queue.sqlite3``) and of partial downloads nobody resumes.

The check reads the file on a read-only connection first, with SQLite's full
``integrity_check`` (slower than the ``quick_check`` done at every start; the doctor may
take its time). Only in repair mode is the queue opened for writing: a damaged file is
moved aside whole (``jobs/store_repair``), jobs left RUNNING by a runner that is gone go
back to the queue, and the rows of dead runners are deleted.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from pixop_desktop import paths
from pixop_desktop.jobs.store import FILE_NAME, JobStore
from pixop_desktop.jobs.store_owners import RUNNER_ROWS, owners_alive
from pixop_desktop.jobs.store_repair import is_damage, move_damaged_aside

from .doctor import Finding, Home, Status

STORE, PARTIALS = "job store", "partial downloads"
_PART, _SIDECAR = ".part", ".part.json"
_CLOSED = ("done", "cancelled")  # jobs that will never resume a download
_NUMBER = re.compile(r" \(\d+\)(?=\.[^.]*$|$)")  # "name (2).mp4" → "name.mp4"


def check_store(home: Home) -> list[Finding]:
    path = paths.data_dir() / FILE_NAME
    if not path.exists():
        return [Finding(STORE, Status.OK, f"No job queue yet ({path}); it is made when the first video is added.")]
    damage = _damage(path)
    if damage is not None:
        findings = [_damaged(home, path, damage)]
        outputs: list[str] = []
    elif home.options.repair:
        findings, outputs = _tidy(path)
    else:
        findings, outputs = _look(path)
    return findings + _partials(home, outputs)


def _damage(path: Path) -> str | None:
    """What the full integrity check says is wrong, or None for a sound file."""
    try:
        conn = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise  # busy or locked: a sound file in use, never to be moved aside
        return str(exc)
    finally:
        conn.close()
    problems = [str(row[0]) for row in rows]
    return None if problems == ["ok"] else "; ".join(problems[:3])


def _damaged(home: Home, path: Path, damage: str) -> Finding:
    if not home.options.repair:
        return Finding(STORE, Status.PROBLEM,
                       f"The job queue {path} is damaged ({damage}). A normal run moves it aside and starts a "
                       "new, empty queue.")
    target = move_damaged_aside(path)
    JobStore(path).close()  # the new, empty queue
    return Finding(STORE, Status.REPAIRED,
                   f"The job queue {path} was damaged ({damage}); it was moved aside to {target} and a new, "
                   "empty queue started. Videos already on Pixop are still there: see them with "
                   "'pixop-desktop videos' or in the Library.")


def _tidy(path: Path) -> tuple[list[Finding], list[str]]:
    """Repair mode: hand back work of runners that are gone, forget those runners."""
    with JobStore(path) as store:
        requeued = store.recover_interrupted("Interrupted; put back in the queue by the doctor")
        forgotten = store.forget_dead_runners()
        jobs = store.list_jobs()
    findings = [Finding(STORE, Status.OK, f"The job queue {path} is sound ({len(jobs)} job(s)).")]
    if requeued:
        findings.append(Finding(STORE, Status.REPAIRED,
                                f"{_jobs(requeued)} had been left running by a program that is no longer "
                                "running; back in the queue, resumed where they stopped by the next "
                                "'pixop-desktop run-queue' or the app."))
    if forgotten:
        findings.append(Finding(STORE, Status.REPAIRED,
                                f"Removed the records of {len(forgotten)} runner(s) that are no longer running."))
    return findings, [job.output_path for job in jobs if job.output_path and job.state.value not in _CLOSED]


def _look(path: Path) -> tuple[list[Finding], list[str]]:
    """Dry run: the same questions, on the read-only connection."""
    conn = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)
    try:
        alive = owners_alive(conn.execute(RUNNER_ROWS).fetchall())
        running = conn.execute("SELECT id, owner FROM jobs WHERE state = 'running'").fetchall()
        dead = [owner for (owner,) in conn.execute("SELECT owner FROM runners") if owner not in alive]
        count = conn.execute("SELECT count(*) FROM jobs").fetchone()[0]
        outputs = [row[0] for row in conn.execute(
            "SELECT output_path, state FROM jobs WHERE output_path IS NOT NULL") if row[1] not in _CLOSED]
    finally:
        conn.close()
    stuck = [job_id for job_id, owner in running if owner is None or owner not in alive]
    findings = [Finding(STORE, Status.OK, f"The job queue {path} is sound ({count} job(s)).")]
    if stuck:
        findings.append(Finding(STORE, Status.PROBLEM,
                                f"{_jobs(stuck)} are marked running, but no program is running them. A normal "
                                "run puts them back in the queue."))
    if dead:
        findings.append(Finding(STORE, Status.WARNING,
                                f"{len(dead)} record(s) of runners that are no longer running; a normal run "
                                "removes them."))
    return findings, outputs


def _jobs(ids: list[int]) -> str:
    return ("Job " if len(ids) == 1 else "Jobs ") + ", ".join(str(i) for i in ids)


# ----- partial downloads ----------------------------------------------------------------------

def _partials(home: Home, outputs: list[str]) -> list[Finding]:
    """``.part`` / ``.part.json`` pairs in the download folders that no unfinished job will resume.

    Only listed: one may be a download another program is still making, or a person's only copy."""
    folders = {Path(home.settings.download_folder)} | {Path(out).parent for out in outputs}
    wanted = {(Path(out).parent, _NUMBER.sub("", Path(out).name)) for out in outputs}
    leftovers = []
    for folder in sorted(folders):
        for part in _part_files(folder):
            if (part.parent, _NUMBER.sub("", _base(part))) not in wanted:
                leftovers.append(part)
    if not leftovers:
        return []
    names = ", ".join(str(part) for part in leftovers[:5]) + (" …" if len(leftovers) > 5 else "")
    return [Finding(PARTIALS, Status.WARNING,
                    f"{len(leftovers)} unfinished download(s) that no job in the queue will resume: {names}. "
                    f"Each is the first part of a result (with its {_SIDECAR} note); if you no longer need it, "
                    "delete both files — the result can be downloaded again from Pixop.")]


def _part_files(folder: Path) -> list[Path]:
    """The ``.part`` files (or lone sidecars) directly in ``folder``, one per download."""
    try:
        names = sorted(entry.name for entry in folder.iterdir() if entry.is_file())
    except OSError:
        return []
    found = {}
    for name in names:
        if name.endswith(_SIDECAR):
            base = name[: -len(_SIDECAR)]
        elif name.endswith(_PART):
            base = name[: -len(_PART)]
        else:
            continue
        found.setdefault(base, folder / (base + _PART))
    return list(found.values())


def _base(part: Path) -> str:
    return part.name[: -len(_PART)]
