"""Batch notifications: one per finished batch (not per file), with plain words and the person's choices."""

from __future__ import annotations

from dataclasses import replace

from pixop_desktop.jobs.model import Job, Progress, Source, State
from pixop_desktop.notify import BatchSummary, BatchTracker, batch_notification


def job(job_id: int, state: State = State.QUEUED, name: str | None = None) -> Job:
    return Job(Source.local(f"/videos/{name or f'clip{job_id}.mp4'}"), id=job_id, state=state)


def run_to(tracker: BatchTracker, item: Job, *states: State):
    """Move one job through states; return every summary the tracker produced."""
    results = []
    for state in states:
        item = replace(item, state=state)
        results.append(tracker.job_changed(item))
    return [r for r in results if r is not None]


def test_three_files_make_one_notification_when_the_last_finishes():
    tracker = BatchTracker()
    jobs = [job(i) for i in (1, 2, 3)]
    for item in jobs:
        assert tracker.job_changed(item) is None
    assert tracker.active and tracker.active_count == 3
    assert run_to(tracker, jobs[0], State.RUNNING, State.DONE) == []
    assert run_to(tracker, jobs[1], State.RUNNING, State.DONE) == []
    summaries = run_to(tracker, jobs[2], State.RUNNING, State.RUNNING, State.DONE)
    assert summaries == [BatchSummary(done=3)]
    assert not tracker.active
    note = batch_notification(summaries[0])
    assert note.title == "All 3 videos are ready" and not note.is_problem


def test_a_failure_is_named_and_the_next_drop_starts_a_new_batch():
    tracker = BatchTracker()
    first, second = job(1, name="interview.mov"), job(2)
    tracker.job_changed(first)
    tracker.job_changed(second)
    run_to(tracker, first, State.RUNNING, State.FAILED)
    [summary] = run_to(tracker, second, State.RUNNING, State.DONE)
    assert summary.failed == 1 and summary.done == 1 and summary.failed_names == ("interview.mov",)
    note = batch_notification(summary)
    assert note.is_problem and "interview.mov" in note.message and note.title == "1 of 2 videos failed"
    # retrying the failed one is a new batch of one
    [again] = run_to(tracker, first, State.QUEUED, State.RUNNING, State.DONE)
    assert again == BatchSummary(done=1)
    assert batch_notification(again).title == "1 video is ready"


def test_jobs_waiting_for_a_person_do_not_keep_the_batch_open():
    tracker = BatchTracker()
    done, waits = job(1), job(2)
    tracker.job_changed(done)
    tracker.job_changed(waits)
    run_to(tracker, waits, State.RUNNING, State.NEEDS_APPROVAL)
    [summary] = run_to(tracker, done, State.RUNNING, State.DONE)
    assert summary == BatchSummary(done=1, waiting=1)
    assert "waiting for you" in batch_notification(summary).message


def test_changes_to_settled_jobs_outside_a_batch_say_nothing():
    tracker = BatchTracker()
    assert tracker.job_changed(job(7, State.CANCELLED)) is None
    assert tracker.job_changed(job(8, State.DONE)) is None
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


def test_the_persons_choices_turn_notifications_off():
    ok, bad = BatchSummary(done=2), BatchSummary(done=1, failed=1, failed_names=("a.mp4",))
    assert batch_notification(ok, when_done=False) is None
    assert batch_notification(bad, when_done=False, on_failure=False) is None
    assert batch_notification(bad, when_done=False, on_failure=True).is_problem
    assert batch_notification(BatchSummary()) is None
