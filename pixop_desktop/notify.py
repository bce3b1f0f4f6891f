"""When the tray speaks: one notification per finished batch, never one per file (no Qt).

A *batch* is every job that becomes active (queued or running) while no batch
was open, plus any job that joins before it ends. The batch ends when every
one of its jobs is done, failed or cancelled; a job that waits for a person
(paused, needs approval) keeps it open, so "ready" is never announced for a
video that is not. When nothing of the batch is queued or running and some of
it waits for approval, the tracker says so once per batch
(:class:`ApprovalWait`; each video in at most one), so the person knows to look.

Feed :class:`BatchTracker` with the runner's events (``job_changed``,
``progress``) on one thread (the GUI forwards them to its own). It returns
counts only; the words (translated, with plurals) are the tray's business.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pixop_desktop.jobs.model import Job, Progress, State

ACTIVE_STATES = frozenset({State.QUEUED, State.RUNNING})
ENDED_STATES = frozenset({State.DONE, State.FAILED, State.CANCELLED})


@dataclass(frozen=True)
class BatchSummary:
    """How a batch ended; ``failed_names`` are the videos that failed (for the message)."""

    done: int = 0
    failed: int = 0
    cancelled: int = 0
    failed_names: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return self.done + self.failed + self.cancelled


@dataclass(frozen=True)
class ApprovalWait:
    """Nothing of the batch is moving and ``count`` of its videos wait for approval."""

    count: int


BatchEvent = BatchSummary | ApprovalWait


@dataclass
class _Member:
    state: State
    name: str
    percent: float = 0.0


@dataclass
class BatchTracker:
    """Follows the current batch; returns a :class:`BatchSummary` exactly once when it ends."""

    _members: dict[int, _Member] = field(default_factory=dict)
    _approval_told: set[int] = field(default_factory=set)  # jobs already in a "wait for approval" notice

    @property
    def active(self) -> bool:
        """True while some job of the batch is queued or running (closing the window should ask)."""
        return any(member.state in ACTIVE_STATES for member in self._members.values())

    @property
    def active_count(self) -> int:
        return sum(member.state in ACTIVE_STATES for member in self._members.values())

    def job_changed(self, job: Job) -> BatchEvent | None:
        """Record the job's new state; a :class:`BatchSummary` when this change ended the batch, an
        :class:`ApprovalWait` the first time the batch stands still waiting for approval, else None."""
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
        if self._members and all(m.state in ENDED_STATES for m in self._members.values()):
            return self._finish()
        return self._approval_wait()

    def forget(self, job_ids) -> BatchSummary | None:
        """Jobs removed from the queue leave the batch (a removed paused or waiting job must not
        hold it open for ever); the summary when what is left has all ended, else None."""
        if not any(self._members.pop(job_id, None) for job_id in list(job_ids)):
            return None
        self._approval_told.intersection_update(self._members)
        if self._members and all(m.state in ENDED_STATES for m in self._members.values()):
            return self._finish()
        return None

    def progress(self, job_id: int, progress: Progress) -> None:
        member = self._members.get(job_id)
        if member is not None and progress.percent is not None:
            member.percent = max(0.0, min(100.0, progress.percent))

    def overall_percent(self) -> float | None:
        """The batch's progress, 0–100 (each job counts the same), or None with no batch."""
        if not self._members:
            return None
        values = [100.0 if m.state in ENDED_STATES else m.percent for m in self._members.values()]
        return sum(values) / len(values)

    def _approval_wait(self) -> ApprovalWait | None:
        """Once the batch stands still: tell of the videos waiting for approval, unless every
        one of them was in an earlier notice (each video is announced at most once)."""
        if self.active:
            return None
        waiting = {job_id for job_id, m in self._members.items() if m.state is State.NEEDS_APPROVAL}
        if not waiting or waiting <= self._approval_told:
            return None
        self._approval_told |= waiting
        return ApprovalWait(len(waiting))

    def _finish(self) -> BatchSummary:
        members = list(self._members.values())
        self._members.clear()
        self._approval_told.clear()
        count = {state: sum(m.state is state for m in members) for state in ENDED_STATES}
        return BatchSummary(
            done=count[State.DONE], failed=count[State.FAILED], cancelled=count[State.CANCELLED],
            failed_names=tuple(m.name for m in members if m.state is State.FAILED))


def job_name(job: Job) -> str:
    """The name a person knows the job by: the source file's name or the URL's last part."""
    return job.source.file_name or f"Job {job.id}"


@dataclass(frozen=True)
class Notification:
    """What the tray showed: words already in the person's language."""

    title: str
    message: str
    is_problem: bool


def wants_notification(event: BatchEvent, *, when_done: bool = True, on_failure: bool = True) -> bool:
    """Whether the person asked to hear about ``event`` (Settings → Notifications).

    A failure is told when either box is ticked; a batch with nothing ready (all cancelled)
    is never told — the person cancelled it; waiting for approval goes with "when finished".
    """
    if isinstance(event, ApprovalWait):
        return when_done and event.count > 0
    if event.failed:
        return when_done or on_failure
    return when_done and event.done > 0
