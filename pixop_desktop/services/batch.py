"""How far the current batch is: "3 of 12 done · 1.2 GB left · about 14 min", without Qt.

The batch is what the person is waiting for now: every job still open (queued, running, paused,
waiting for approval) and those that ended since the oldest of them was added. Once nothing is
open there is no batch, and the window shows no line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pixop_desktop.jobs.model import ENDED_STATES, Job, Stage, State

# Stages before the upload is complete: the rest of the source file still has to go.
_SENDING = frozenset({Stage.CREATE_VIDEO, Stage.UPLOAD})


@dataclass(frozen=True)
class BatchProgress:
    done: int
    total: int
    bytes_left: int | None      # None when nothing is known to be left to move
    seconds_left: float | None  # None when it cannot be told yet (nothing moves)


def batch_progress(jobs: Iterable[Job]) -> BatchProgress | None:
    """The batch's counts, or None when nothing is open."""
    jobs = list(jobs)
    open_jobs = [job for job in jobs if job.state not in ENDED_STATES]
    if not open_jobs:
        return None
    since = min((job.created_at or 0.0) for job in open_jobs)
    batch = [job for job in jobs if job.state not in ENDED_STATES
             or ((job.created_at or 0.0) >= since and job.state is not State.CANCELLED)]
    done = sum(job.state is State.DONE for job in batch)
    left = [_bytes_left(job) for job in open_jobs]
    known = [n for n in left if n is not None]
    bytes_left = sum(known) if known else None
    speed = sum(job.progress.speed_bps or 0 for job in open_jobs if job.state is State.RUNNING)
    seconds = bytes_left / speed if bytes_left and speed > 0 else None
    return BatchProgress(done, len(batch), bytes_left, seconds)


def _bytes_left(job: Job) -> int | None:
    """What is left to send (the source, before and during the upload) or to fetch (a download
    under way); None when unknown (a result not yet started, an import)."""
    progress = job.progress
    if job.stage in _SENDING:
        total = progress.bytes_total or job.source.size
        return None if total is None else max(0, total - (progress.bytes_done if job.stage is Stage.UPLOAD else 0))
    if job.stage is Stage.DOWNLOAD and progress.bytes_total:
        return max(0, progress.bytes_total - progress.bytes_done)
    return None
