"""Is this file already in the queue? One answer for ``upload --process …`` and for a drop on the window.

A *twin* is a stored job for the same local file — same path, size and
modification time — against the same server (or not yet bound to one). What
to do with it depends on its state and on whether it does the same work (the
same options: processing, preset, project, approval, output folder, names,
after-action):

- **take up** — it is still open and does the same work: go on with it rather
  than upload and pay twice. Open means queued, running, paused, waiting for
  approval, *or failed*: a failed job can be retried (its video and upload
  are kept), which costs less than starting over. A cancelled job is closed —
  someone gave it up on purpose.
- **report done** — the same work is already done: a second run gives nothing
  new; say so, and do it again only when explicitly asked (``--again``).
- **ask** — the file is still on its way, but with other options: the work
  differs, yet a second upload is not free, so a person decides. The command
  line, which cannot ask, adds the job it was told to add.

The newest twin of the strongest kind wins: take up, then report done, then ask.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from pixop_desktop.jobs import control
from pixop_desktop.jobs.model import Job, SourceKind, State
from pixop_desktop.jobs.store import JobStore

OPEN_STATES = frozenset({State.QUEUED, State.RUNNING, State.PAUSED, State.NEEDS_APPROVAL, State.FAILED})


class Action(StrEnum):
    TAKE_UP = "take up"
    REPORT_DONE = "report done"
    ASK = "ask"


@dataclass(frozen=True)
class Twin:
    """A stored job for the same file, and what to do about it."""

    job: Job
    action: Action


def _work(job: Job) -> tuple:
    """What makes two jobs of one file do the same work."""
    return (job.ingestion, job.project_id, job.processing, job.preset, job.needs_approval, job.output_folder,
            job.name_template, job.after_action, job.done_folder)


def same_file(stored: Job, wanted: Job, server: str) -> bool:
    """Is ``stored`` a job for ``wanted``'s local file (path, size, mtime) against ``server``?"""
    a, b = stored.source, wanted.source
    return (a.kind is SourceKind.LOCAL and b.kind is SourceKind.LOCAL and a.path == b.path
            and a.size == b.size and a.mtime_ns == b.mtime_ns and stored.server in (None, server))


def find_twin(jobs: Iterable[Job], wanted: Job, server: str) -> Twin | None:
    """The twin of ``wanted`` among ``jobs`` and what to do with it (see the module), or None: add it."""
    same = [job for job in jobs if same_file(job, wanted, server)]
    work = _work(wanted)
    ranked = (
        (Action.TAKE_UP, [job for job in same if job.state in OPEN_STATES and _work(job) == work]),
        (Action.REPORT_DONE, [job for job in same if job.state is State.DONE and _work(job) == work]),
        (Action.ASK, [job for job in same if job.state in OPEN_STATES]),
    )
    for action, found in ranked:
        if found:
            return Twin(max(found, key=lambda job: job.id), action)
    return None


def find_twins(store: JobStore, wanted: Sequence[Job], server: str) -> list[Twin | None]:
    """``find_twin`` for each wanted job, in order, reading the store once."""
    stored = store.list_jobs(source_paths=[job.source.path for job in wanted if job.source.path])
    return [find_twin(stored, job, server) for job in wanted]


def take_up(store: JobStore, job: Job) -> Job:
    """Make a twin runnable again: a failed one is retried, a paused one resumed; others go on as they are."""
    if job.state is State.FAILED:
        return control.retry(store, job.id)
    if job.state is State.PAUSED:
        return control.resume(store, job.id)
    return job
