"""Running the same ``upload … --preset X --download DIR`` twice must not pay twice.

After Ctrl-C the command says "run the same command again to resume", so the
second run has to find the first run's job instead of adding another one (a
second video, a second processing order, a second output file). A job is "the
same" when it runs against the same server, for the same local file (same path,
size and modification time) with the same options.
"""

from __future__ import annotations

from dataclasses import dataclass

from pixop_desktop.jobs import control
from pixop_desktop.jobs.model import Job, SourceKind, State
from pixop_desktop.jobs.store import JobStore

# Not done and not cancelled: resumable. A failed job counts too: it is retried.
UNFINISHED = (State.QUEUED, State.RUNNING, State.PAUSED, State.NEEDS_APPROVAL, State.FAILED)


def _options(job: Job) -> tuple:
    """What makes two jobs do the same work (the source file is compared apart)."""
    return (job.ingestion, job.project_id, job.processing, job.preset, job.needs_approval, job.output_folder,
            job.name_template, job.after_action, job.done_folder)


def is_same(stored: Job, wanted: Job, server: str) -> bool:
    """Does ``stored`` already do what ``wanted`` asks, against ``server``?"""
    a, b = stored.source, wanted.source
    return (a.kind is SourceKind.LOCAL and b.kind is SourceKind.LOCAL and a.path == b.path
            and a.size == b.size and a.mtime_ns == b.mtime_ns
            and stored.server in (None, server) and _options(stored) == _options(wanted))


@dataclass
class Reuse:
    """What to do with one wanted job: ``job`` is the stored twin, or None (add it)."""

    job: Job | None
    done: bool = False


def find_twin(jobs: list[Job], wanted: Job, server: str, *, again: bool) -> Reuse:
    """An unfinished twin first (newest), then a done one unless ``again``; else nothing."""
    twins = [job for job in jobs if is_same(job, wanted, server)]
    unfinished = [job for job in twins if job.state in UNFINISHED]
    if unfinished:
        return Reuse(max(unfinished, key=lambda job: job.id))
    done = [job for job in twins if job.state is State.DONE]
    if done and not again:
        return Reuse(max(done, key=lambda job: job.id), done=True)
    return Reuse(None)


def take_up(store: JobStore, job: Job) -> Job:
    """Make a stored twin runnable again: a failed one is retried, a paused one resumed."""
    if job.state is State.FAILED:
        return control.retry(store, job.id)
    if job.state is State.PAUSED:
        return control.resume(store, job.id)
    return job
