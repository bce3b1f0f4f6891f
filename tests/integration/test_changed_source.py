"""A file changed after it was queued is not sent silently; Retry sends it as it is now."""

from __future__ import annotations

import os
import shutil

import pytest

from pixop_desktop.jobs import control
from pixop_desktop.jobs.model import Job, JobError, Source, Stage, State
from pixop_desktop.jobs.store import JobStore

from .jobs_helpers import running

pytestmark = pytest.mark.timeout(120)


def _queued(store: JobStore, path) -> int:
    info = path.stat()
    return store.add(Job(Source.local(str(path), info.st_size, info.st_mtime_ns)))


def _run(store, sandbox, job_id) -> Job:
    with running(store, sandbox) as runner:
        assert runner.wait_for([job_id], timeout=90)
    return store.get(job_id)


def _replace(path, other) -> None:
    """Put another video at ``path``, with a modification time surely different from before."""
    before = path.stat().st_mtime_ns
    shutil.copyfile(other, path)
    os.utime(path, ns=(before + 5_000_000_000, before + 5_000_000_000))


def test_a_file_changed_after_queueing_fails_plainly_and_retry_sends_the_new_version(sandbox, clip_factory,
                                                                                       tmp_path):
    clip = clip_factory("clip.mp4", seconds=1, fps=10)
    newer = clip_factory("newer.mp4", seconds=2, fps=10)
    with JobStore(tmp_path / "queue.sqlite3") as store:
        job_id = _queued(store, clip)
        _replace(clip, newer)
        failed = _run(store, sandbox, job_id)
        assert failed.state is State.FAILED and failed.stage is Stage.UPLOAD
        assert failed.error.title == "File changed"
        assert failed.error.message == ("“clip.mp4” changed after it was added to the queue (size/time differ). "
                                        "Retry to send the file as it is now.")
        assert not sandbox.state.video(failed.video_id).upload_done, "nothing was sent"

        retried = control.retry(store, job_id)
        info = clip.stat()
        assert (retried.source.size, retried.source.mtime_ns) == (info.st_size, info.st_mtime_ns)
        done = _run(store, sandbox, job_id)
    assert done.state is State.DONE, done.error
    assert done.video_id == failed.video_id
    assert sandbox.state.media_path(done.video_id).read_bytes() == newer.read_bytes()


def test_only_the_modification_time_changed_is_noticed_too(sandbox, small_clip, tmp_path):
    with JobStore(tmp_path / "queue.sqlite3") as store:
        job_id = _queued(store, small_clip)
        later = small_clip.stat().st_mtime_ns + 2_000_000_000
        os.utime(small_clip, ns=(later, later))  # same size: an edit in place
        failed = _run(store, sandbox, job_id)
    assert failed.state is State.FAILED and failed.error.title == "File changed"


def test_retry_keeps_the_record_of_a_file_already_sent(sandbox, small_clip, tmp_path):
    """After the upload the record no longer matters: a retry leaves it as it was."""
    with JobStore(tmp_path / "queue.sqlite3") as store:
        job_id = _queued(store, small_clip)
        recorded = store.get(job_id).source
        store.transition(job_id, State.RUNNING, stage=Stage.PROCESS)
        store.transition(job_id, State.FAILED, error=JobError("Processing failed", "no"))
        later = small_clip.stat().st_mtime_ns + 2_000_000_000
        os.utime(small_clip, ns=(later, later))
        retried = control.retry(store, job_id)
    assert (retried.source.size, retried.source.mtime_ns) == (recorded.size, recorded.mtime_ns)
