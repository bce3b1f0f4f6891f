"""kill -9 the queue (a child `pixop-desktop run-queue`) mid-upload, while waiting for
ingestion, mid-processing and mid-download; each restart resumes, and in the end every job
is done, with exactly one source and one processed video each and byte-exact downloads."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pixop_desktop import paths
from pixop_desktop.jobs.model import Job, Source, Stage, State
from pixop_desktop.jobs.pipeline import is_ours
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD
from pixop_desktop.sandbox.faults import STUCK

from .jobs_helpers import sha256

pytestmark = pytest.mark.timeout(150)
REQUEST = {"resolution": {"tag": "2x"}}


def _start_queue(sandbox) -> subprocess.Popen:
    env = dict(os.environ, PIXOP_SERVER=sandbox.url, PIXOP_EMAIL=DEFAULT_EMAIL, PIXOP_PASSWORD=DEFAULT_PASSWORD)
    return subprocess.Popen([sys.executable, "-m", "pixop_desktop", "run-queue", "--poll-max", "0.3"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _kill(child: subprocess.Popen) -> None:
    child.kill()  # SIGKILL
    child.communicate(timeout=30)  # reaped: the next run sees a dead pid, not a zombie


def _wait_until(condition, child: subprocess.Popen, what: str, timeout: float = 40.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if child.poll() is not None:
            out, err = child.communicate()
            pytest.fail(f"run-queue ended ({child.returncode}) before {what}: {err.decode()[-2000:]}")
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def _let_held_work_finish(sandbox, timeout: float = 30.0) -> None:
    """Every ingestion the sandbox started has ended (none still waits to see it was released)."""
    deadline = time.monotonic() + timeout
    while any(v.kind == "original" and v.upload_status == "DONE" and v.ingestion_status != "DONE"
              for v in sandbox.state.videos()):
        assert time.monotonic() < deadline, "the sandbox's held ingestion did not finish"
        time.sleep(0.02)


def _parts(folder: Path) -> list[Path]:
    return list(folder.glob("*.part*")) if folder.exists() else []


def test_kill_9_at_every_phase_then_resume(sandbox, clip_factory, tmp_path):
    out = tmp_path / "out"
    clips = [clip_factory(f"crash{i}.mp4", seconds=3, fps=10) for i in range(2)]
    sandbox.faults.limit_rate(max(p.stat().st_size for p in clips) // 2)  # ~2 s per transfer
    with JobStore(paths.data_dir() / "queue.sqlite3") as store:  # the file run-queue opens
        ids = store.add_many([Job(Source.local(str(c)), processing=REQUEST, output_folder=str(out))
                              for c in clips])

        def jobs():
            return store.list_jobs(ids=ids)

        def in_stage(*stages):  # running or between two polls
            return lambda: any(job.stage in stages for job in jobs())

        def mid_download():  # every download has begun (none is still claiming its file name)
            now = jobs()
            downloading = [job.stage is Stage.DOWNLOAD and job.state is State.RUNNING
                           and job.progress.bytes_done > 0 for job in now]
            return any(downloading) and all(
                busy or job.stage in (Stage.AFTER_ACTION, Stage.FINISHED) for busy, job in zip(downloading, now))

        # (what, when to kill, the sandbox work held until then: a stage that passes in a
        # few milliseconds would otherwise be over before this test sees it, and the kill
        # would land in the next one)
        phases = [
            ("mid-upload", lambda: any(v.upload_status == "IN_PROGRESS" for v in sandbox.state.videos()), None),
            ("waiting for ingestion", in_stage(Stage.WAIT_INGEST), "ingestion"),
            ("mid-processing", in_stage(Stage.PROCESS, Stage.WAIT_PROCESSING), "processing"),
            ("mid-download", mid_download, None),
        ]
        for what, condition, held in phases:
            if held:
                _let_held_work_finish(sandbox)  # one release serves every kind of held work
                sandbox.faults.end_next(held, STUCK, count=len(clips))
            child = _start_queue(sandbox)
            try:
                _wait_until(condition, child, what)
            finally:
                _kill(child)
                sandbox.faults.release_stuck()

        child = _start_queue(sandbox)
        _, err = child.communicate(timeout=90)
        assert child.returncode == 0, err.decode()[-2000:]
        finished = jobs()

    assert [job.state for job in finished] == [State.DONE, State.DONE], [j.error for j in finished]
    videos = sandbox.state.videos()
    assert len([v for v in videos if v.kind == "original"]) == len(finished)
    for job in finished:
        assert [v.id for v in videos if v.kind == "original" and is_ours(v.name, job)] == [job.video_id]
        assert [v.id for v in videos if v.parent_id == job.video_id] == [job.processed_video_id]
        assert sandbox.state.process_orders(job.video_id) == 1
        assert sha256(Path(job.output_path)) == sandbox.state.media_sha256(job.processed_video_id)
    assert len(videos) == 4
    assert not _parts(out) and len(list(out.iterdir())) == 2  # no leftovers, no second copies
