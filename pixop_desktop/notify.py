"""What the tray says and when: one notification per finished batch, never one per file (no Qt).

A *batch* is every job that becomes active (queued or running) while the
queue was settled, plus any job that joins before the queue settles again.
The batch is over when none of its jobs is queued or running any more;
jobs that wait for a person (paused, needs approval) do not keep it open,
they are counted in the summary instead. Feed :class:`BatchTracker` with the
runner's events (``job_changed``, ``progress``) on one thread (the GUI
forwards them to its own), and show what :meth:`BatchTracker.job_changed`
returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pixop_desktop.jobs.model import Job, Progress, State

ACTIVE_STATES = frozenset({State.QUEUED, State.RUNNING})
WAITING_STATES = frozenset({State.PAUSED, State.NEEDS_APPROVAL})


@dataclass(frozen=True)
class BatchSummary:
    """How a batch ended; ``names`` are the videos that failed (for the message)."""

    done: int = 0
    failed: int = 0
    cancelled: int = 0
    waiting: int = 0
    failed_names: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return self.done + self.failed + self.cancelled + self.waiting


@dataclass
class _Member:
    state: State
    name: str
    percent: float = 0.0


@dataclass
class BatchTracker:
    """Follows the current batch; returns a :class:`BatchSummary` exactly once when it ends."""

    _members: dict[int, _Member] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        """True while some job of the batch is queued or running (closing the window should ask)."""
        return any(member.state in ACTIVE_STATES for member in self._members.values())

    @property
    def active_count(self) -> int:
        return sum(member.state in ACTIVE_STATES for member in self._members.values())

    def job_changed(self, job: Job) -> BatchSummary | None:
        """Record the job's new state; the summary when this change ended the batch, else None."""
        if job.id is None:
            return None
        member = self._members.get(job.id)
        if member is None:
            if job.state not in ACTIVE_STATES:
                return None  # a change to a job outside any batch (e.g. removing an old failure)
            member = self._members[job.id] = _Member(job.state, job_name(job))
        member.state = job.state
        if job.state is State.DONE:
            member.percent = 100.0
        if self.active or not self._members:
            return None
        return self._finish()

    def progress(self, job_id: int, progress: Progress) -> None:
        member = self._members.get(job_id)
        if member is not None and progress.percent is not None:
            member.percent = max(0.0, min(100.0, progress.percent))

    def overall_percent(self) -> float | None:
        """The batch's progress, 0–100 (each job counts the same), or None with no batch."""
        if not self._members:
            return None
        ended = {State.DONE, State.FAILED, State.CANCELLED}
        values = [100.0 if m.state in ended else m.percent for m in self._members.values()]
        return sum(values) / len(values)

    def _finish(self) -> BatchSummary:
        members = list(self._members.values())
        self._members.clear()
        count = {state: sum(m.state is state for m in members) for state in State}
        return BatchSummary(
            done=count[State.DONE], failed=count[State.FAILED], cancelled=count[State.CANCELLED],
            waiting=sum(count[state] for state in WAITING_STATES),
            failed_names=tuple(m.name for m in members if m.state is State.FAILED))


def job_name(job: Job) -> str:
    """The name a person knows the job by: the source file's name or the URL's last part."""
    return job.source.file_name or f"Job {job.id}"


@dataclass(frozen=True)
class Notification:
    title: str
    message: str
    is_problem: bool


def batch_notification(summary: BatchSummary, *, when_done: bool = True,
                       on_failure: bool = True) -> Notification | None:
    """The one notification for a finished batch, or None when the person turned it off.

    Plain English here; the tray passes the parts through ``tr()`` where it can.
    """
    problem = summary.failed > 0
    if problem and not on_failure and not when_done:
        return None
    if not problem and not when_done:
        return None
    if summary.total == 0:
        return None
    if problem:
        names = ", ".join(summary.failed_names[:3]) + ("…" if len(summary.failed_names) > 3 else "")
        title = f"{summary.failed} of {summary.total} videos failed"
        message = f"Failed: {names}. Open Pixop Desktop to see why and retry."
    elif summary.done == summary.total:
        title = "1 video is ready" if summary.done == 1 else f"All {summary.done} videos are ready"
        message = "Pixop has finished. Open Pixop Desktop to see the results."
    else:
        title = f"{summary.done} of {summary.total} videos are ready"
        parts = []
        if summary.waiting:
            parts.append(f"{summary.waiting} waiting for you (paused or needing approval)")
        if summary.cancelled:
            parts.append(f"{summary.cancelled} cancelled")
        message = "; ".join(parts).capitalize() + "."
    return Notification(title, message, problem)
