"""Runner controls against the sandbox: cancel mid-upload (deleting the server's copy), transient errors."""

from __future__ import annotations

import pytest

from pixop_desktop.jobs.model import Job, Source, Stage, State
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
