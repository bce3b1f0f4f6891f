"""Runner controls against the sandbox: cancel mid-upload, transient errors, stop after current."""

from __future__ import annotations

from pathlib import Path

import pytest

from pixop_desktop.jobs.model import Job, Source, Stage, State
from pixop_desktop.jobs.pipeline import PollPolicy
from pixop_desktop.jobs.store import JobStore

from .jobs_helpers import running

pytestmark = pytest.mark.timeout(60)


def test_cancel_mid_upload_deletes_the_server_copy(sandbox, clip_factory, tmp_path):
    clip = clip_factory("cancel.mp4", seconds=3, fps=10)
    sandbox.faults.limit_rate(clip.stat().st_size // 4)
    with JobStore(tmp_path / "q.sqlite3") as store:
        job_id = store.add(Job(Source.local(str(clip))))
        seen = []
        with running(store, sandbox) as runner:
            runner.events.subscribe_progress(lambda jid, progress: seen.append(progress.bytes_done))
            assert runner.wait_for([job_id], timeout=20, settled={State.RUNNING})
            while not seen:
                runner.wait_for([job_id], timeout=0.05, settled={State.DONE})
            runner.cancel(job_id, delete_on_server=True)
            assert runner.wait_idle(20)
        job = store.get(job_id)
    assert job.state is State.CANCELLED and job.stage is Stage.UPLOAD
    assert sandbox.state.videos() == []


def test_transient_errors_are_retried_and_the_error_kept_meanwhile(sandbox, clip_factory, tmp_path):
    clip = clip_factory("retry.mp4", seconds=1, fps=10)
    sandbox.faults.unavailable(count=8, retry_after=0, path_prefix="/videos/v1/video")
    with JobStore(tmp_path / "q.sqlite3") as store:
        job_id = store.add(Job(Source.local(str(clip))))
        with running(store, sandbox) as runner:
            assert runner.wait_for([job_id], timeout=40)
        job = store.get(job_id)
        history = store.history(job_id)
    assert job.state is State.DONE, job.error
    assert any(entry.to_state is State.QUEUED and "Pixop" in (entry.message or "") and entry.stage is Stage.CREATE_VIDEO
               for entry in history)
    assert len([v for v in sandbox.state.videos()]) == 1


def test_stop_after_current_finishes_started_jobs_and_starts_no_new_one(sandbox, clip_factory, tmp_path):
    first = clip_factory("first.mp4", seconds=3, fps=10)
    later = [clip_factory(f"later{i}.mp4", seconds=1, fps=10) for i in range(2)]
    sandbox.faults.limit_rate(first.stat().st_size // 3)  # the first upload takes a few seconds
    with JobStore(tmp_path / "q.sqlite3") as store:
        first_id = store.add(Job(Source.local(str(first)), processing={"resolution": {"tag": "2x"}},
                                 output_folder=str(tmp_path / "out")))
        seen = []
        with running(store, sandbox) as runner:
            runner.events.subscribe_progress(lambda jid, progress: seen.append(jid))
            while first_id not in seen:  # mid-upload
                assert runner.wait_for([first_id], timeout=0.05, settled={State.FAILED}) is False
            runner.stop_after_current()
            later_ids = store.add_many([Job(Source.local(str(clip))) for clip in later])
            assert runner.wait_idle(60)
            finished, waiting = store.get(first_id), [store.get(job_id) for job_id in later_ids]
            # The started job went on through processing and download; the new ones never began.
            assert finished.state is State.DONE and Path(finished.output_path).exists()
            assert [job.state for job in waiting] == [State.QUEUED] * 2
            assert all(job.started_at is None and job.video_id is None for job in waiting)
            assert len(sandbox.state.videos()) == 2  # the first video and its processed child only

            runner.stop_after_current(False)
            assert runner.wait_for(later_ids, timeout=40)
        assert [store.get(job_id).state for job_id in later_ids] == [State.DONE] * 2


def test_status_polls_leave_one_history_row_per_stage_not_two_per_poll(sandbox, clip_factory, tmp_path):
    clip = clip_factory("polled.mp4", seconds=3, fps=10)
    slow = {"frameRateConverter": "mcinterpolate", "frameRate": {"fps": 50}}  # motion search: not instant
    with JobStore(tmp_path / "q.sqlite3") as store:
        job_id = store.add(Job(Source.local(str(clip)), processing=slow,
                               output_folder=str(tmp_path / "out")))
        waits = []
        with running(store, sandbox, poll=PollPolicy(first=0.02, factor=1.0, longest=0.02)) as runner:
            runner.events.subscribe_job_changed(
                lambda job: waits.append(job.stage) if job.state is State.QUEUED and job.not_before else None)
            assert runner.wait_for([job_id], timeout=60)
        history = store.history(job_id)
    assert history[-1].to_state is State.DONE
    polled = [stage for stage in (Stage.WAIT_INGEST, Stage.WAIT_PROCESSING) if waits.count(stage) >= 2]
    assert polled, f"the job was never polled twice in a stage ({waits}); nothing was tested"
    for stage in polled:
        rows = [entry for entry in history if entry.stage is stage]
        # taken up, "Waiting for Pixop" once, taken up after the wait, and on to the next stage
        assert len(rows) <= 4, [(e.from_state, e.to_state, e.message) for e in rows]
        assert sum(entry.message == "Waiting for Pixop" for entry in rows) == 1
