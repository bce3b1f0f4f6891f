"""Batch notifications: one per finished batch (not per file); counts only, the tray words them.

A batch ends when every job of it is done, failed or cancelled; a job waiting for approval
keeps it open and is told of once ("N videos wait for your approval"), never as "ready"."""

from __future__ import annotations

from dataclasses import replace

from pixop_desktop.jobs.model import Job, Progress, Source, State
from pixop_desktop.notify import ApprovalWait, BatchSummary, BatchTracker, wants_notification


def job(job_id: int, state: State = State.QUEUED, name: str | None = None) -> Job:
    return Job(Source.local(f"/videos/{name or f'clip{job_id}.mp4'}"), id=job_id, state=state)


def run_to(tracker: BatchTracker, item: Job, *states: State):
    """Move one job through states; return every event the tracker produced."""
    results = []
    for state in states:
        item = replace(item, state=state)
        results.append(tracker.job_changed(item))
    return [r for r in results if r is not None]


def test_three_files_make_one_summary_when_the_last_finishes():
    tracker = BatchTracker()
    jobs = [job(i) for i in (1, 2, 3)]
    for item in jobs:
        assert tracker.job_changed(item) is None
    assert tracker.active and tracker.active_count == 3
    assert run_to(tracker, jobs[0], State.RUNNING, State.DONE) == []
    assert run_to(tracker, jobs[1], State.RUNNING, State.DONE) == []
    summaries = run_to(tracker, jobs[2], State.RUNNING, State.RUNNING, State.DONE)
    assert summaries == [BatchSummary(done=3)]
    assert not tracker.active and summaries[0].total == 3


def test_a_failure_is_named_and_the_next_drop_starts_a_new_batch():
    tracker = BatchTracker()
    first, second = job(1, name="interview.mov"), job(2)
    tracker.job_changed(first)
    tracker.job_changed(second)
    run_to(tracker, first, State.RUNNING, State.FAILED)
    [summary] = run_to(tracker, second, State.RUNNING, State.DONE)
    assert summary == BatchSummary(done=1, failed=1, failed_names=("interview.mov",))
    # retrying the failed one is a new batch of one
    [again] = run_to(tracker, first, State.QUEUED, State.RUNNING, State.DONE)
    assert again == BatchSummary(done=1)


def test_a_video_waiting_for_approval_is_told_once_and_never_called_ready():
    """The reviewer's case: approval on, one video added → "0 of 1 videos are ready". Now: one
    "waits for your approval", and "ready" only once it really is."""
    tracker = BatchTracker()
    clip = job(1)
    tracker.job_changed(clip)
    events = run_to(tracker, clip, State.RUNNING, State.QUEUED, State.RUNNING, State.NEEDS_APPROVAL)
    assert events == [ApprovalWait(1)]
    assert not tracker.active and tracker.overall_percent() is not None  # the batch is still open
    assert run_to(tracker, clip, State.NEEDS_APPROVAL) == []  # told once, not at every report
    assert run_to(tracker, clip, State.QUEUED, State.RUNNING, State.DONE) == [BatchSummary(done=1)]


def test_waiting_for_approval_is_told_only_when_nothing_else_moves():
    tracker = BatchTracker()
    waits, busy = job(1), job(2)
    tracker.job_changed(waits)
    tracker.job_changed(busy)
    assert run_to(tracker, waits, State.RUNNING, State.NEEDS_APPROVAL) == []  # the other is still uploading
    assert run_to(tracker, busy, State.RUNNING, State.NEEDS_APPROVAL) == [ApprovalWait(2)]
    # one approved and finished: the batch stays open for the other, nothing is said
    assert run_to(tracker, busy, State.QUEUED, State.RUNNING, State.DONE) == []
    # a video added later that also stops for approval is told of on its own
    late = job(3)
    tracker.job_changed(late)
    assert run_to(tracker, late, State.RUNNING, State.NEEDS_APPROVAL) == [ApprovalWait(2)]
    assert run_to(tracker, waits, State.CANCELLED) == []  # rejected; the late one still waits
    [end] = run_to(tracker, late, State.QUEUED, State.RUNNING, State.DONE)
    assert end == BatchSummary(done=2, cancelled=1)


def test_a_paused_job_keeps_the_batch_open_until_it_ends():
    tracker = BatchTracker()
    done, paused = job(1), job(2)
    tracker.job_changed(done)
    tracker.job_changed(paused)
    run_to(tracker, paused, State.RUNNING, State.PAUSED)
    assert run_to(tracker, done, State.RUNNING, State.DONE) == []
    assert run_to(tracker, paused, State.QUEUED, State.RUNNING, State.DONE) == [BatchSummary(done=2)]


def test_removing_a_waiting_job_from_the_queue_ends_the_batch():
    tracker = BatchTracker()
    done, waits = job(1), job(2)
    tracker.job_changed(done)
    tracker.job_changed(waits)
    run_to(tracker, waits, State.RUNNING, State.PAUSED)
    assert run_to(tracker, done, State.RUNNING, State.DONE) == []
    assert tracker.forget([99]) is None  # not in the batch
    assert tracker.forget([2]) == BatchSummary(done=1)
    assert tracker.overall_percent() is None


def test_changes_to_settled_jobs_outside_a_batch_say_nothing():
    tracker = BatchTracker()
    assert tracker.job_changed(job(7, State.CANCELLED)) is None
    assert tracker.job_changed(job(8, State.DONE)) is None
    assert tracker.job_changed(job(9, State.NEEDS_APPROVAL)) is None
    assert tracker.overall_percent() is None and not tracker.active


def test_overall_progress_averages_the_batch():
    tracker = BatchTracker()
    a, b = job(1), job(2)
    tracker.job_changed(a)
    tracker.job_changed(b)
    tracker.progress(1, Progress(percent=50.0))
    tracker.progress(2, Progress(percent=None))
    assert tracker.overall_percent() == 25.0
    run_to(tracker, b, State.RUNNING, State.FAILED)
    assert tracker.overall_percent() == 75.0
    tracker.progress(99, Progress(percent=10.0))  # not in the batch: ignored
    assert tracker.overall_percent() == 75.0


def test_the_persons_choices_decide_what_is_told():
    ok, bad = BatchSummary(done=2), BatchSummary(done=1, failed=1, failed_names=("a.mp4",))
    assert wants_notification(ok) and wants_notification(bad) and wants_notification(ApprovalWait(1))
    assert not wants_notification(ok, when_done=False)
    assert not wants_notification(ApprovalWait(1), when_done=False)
    assert not wants_notification(bad, when_done=False, on_failure=False)
    assert wants_notification(bad, when_done=False, on_failure=True)
    assert not wants_notification(BatchSummary(cancelled=2))  # nothing finished: nothing to announce
    assert not wants_notification(BatchSummary())
