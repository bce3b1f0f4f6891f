"""A file that changed after it was sent: the earlier version is withdrawn and the new one sent.

Why: on SMB/NFS shares a writer can pause longer than any sensible settle time,
so a half-written file may be taken and sent. When the rest arrives, the file
changes again (same path, same identity, new size or time) and settles again.
Then the earlier job is cancelled if it has not finished (and its upload
deleted on Pixop when a connection is at hand), and the new version is sent
under the same output name.

What happens to a result the earlier job already made: it is moved aside to
``NAME (superseded).ext`` — never deleted, never overwritten — so the plain
name is free for the new result and an editor finds the complete version
where they expect it, while the partial one stays recoverable beside it.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pixop_desktop.jobs import control
from pixop_desktop.jobs.model import ENDED_STATES, IllegalTransition, Job, JobNotFound, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.transfer.filenames import move_without_overwrite
from pixop_desktop.transfer.partfile import PART_SUFFIX, Sidecar

from .ledger import Entry, Ledger, LedgerEntry

if TYPE_CHECKING:
    from pixop_desktop.api.client import PixopClient

log = logging.getLogger(__name__)

CHANGED = "Changed after it was sent; sent again"
SET_ASIDE = "superseded"


@dataclass(frozen=True, slots=True)
class Withdrawn:
    """An earlier version taken back: its ledger entry, its job (None: no longer in the queue), and
    whether this withdrawal cancelled that job."""

    entry: LedgerEntry
    job: Job | None
    cancelled: bool


def withdraw(store: JobStore, ledger: Ledger, earlier: LedgerEntry, new_job_id: int) -> Withdrawn:
    """Mark ``earlier`` superseded and cancel its job if it has not ended. Call inside the transaction
    that adds the new job, so another watcher never sees one without the other."""
    note = f"{CHANGED} as job {new_job_id}"
    job = _job(store, earlier.job_id)
    cancelled = False
    if job is not None and job.state not in ENDED_STATES:
        try:
            job = control.cancel(store, job.id, message=note)
            cancelled = True
        except IllegalTransition:  # ended a moment ago (another process runs the queue)
            job = _job(store, job.id)
    ledger.set_state(earlier.id, Entry.SUPERSEDED, reason=f"{note}.")
    return Withdrawn(earlier, job, cancelled)


def _job(store: JobStore, job_id: int | None) -> Job | None:
    if job_id is None:
        return None
    try:
        return store.get(job_id)
    except JobNotFound:
        return None


def tidy_up(withdrawn: Withdrawn, client: PixopClient | None) -> Path | None:
    """After the transaction: delete a cancelled job's upload on Pixop (when connected), drop its
    unfinished download, and move a result it made aside. Returns where that result went."""
    job = withdrawn.job
    if job is None:
        return None
    if withdrawn.cancelled and client is not None:
        try:
            control.delete_server_copy(client, job)
        except Exception as exc:  # offline, refused …: a stale upload costs storage, not a wrong result
            log.warning("Could not delete the superseded upload of job %s on Pixop: %s", job.id, exc)
    if not job.output_path:
        return None
    output = Path(job.output_path)
    if job.state is State.CANCELLED:
        _remove_unfinished(output)
    return set_aside(output)


def _remove_unfinished(output: Path) -> None:
    """An interrupted download of the withdrawn job would keep the output name taken."""
    part = output.with_name(output.name + PART_SUFFIX)
    for leftover in (part, Sidecar.path_for(part)):
        try:
            leftover.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:  # still open on Windows: the new result then gets a numbered name
            log.warning("Cannot remove %s: %s", leftover, exc)


def set_aside(output: Path) -> Path | None:
    """Move a superseded result to ``NAME (superseded).ext`` (numbered if that exists); None if gone."""
    if not output.is_file():
        return None
    stem, ext = os.path.splitext(output.name)
    try:
        moved = move_without_overwrite(output, output.parent, f"{stem} ({SET_ASIDE}){ext}")
    except OSError as exc:
        log.warning("Cannot move the superseded result %s aside: %s", output, exc)
        return None
    log.info("Moved the superseded result %s to %s", output, moved)
    return moved
