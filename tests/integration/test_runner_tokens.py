"""JWT renewal is invisible to jobs: 2-second tokens, jobs that run far longer."""

from __future__ import annotations

import time

import pytest

from pixop_desktop.jobs.model import Job, Source, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.sandbox import Sandbox

from .jobs_helpers import running

pytestmark = pytest.mark.timeout(90)


def test_two_second_tokens_never_reach_a_job(clip_factory, tmp_path):
    clips = [clip_factory(f"long{i}.mp4", seconds=3, fps=10) for i in range(2)]
    with Sandbox(data_dir=tmp_path / "sandbox", token_ttl=2) as sandbox, \
            JobStore(tmp_path / "queue.sqlite3") as store:
        size = max(p.stat().st_size for p in clips)
        sandbox.faults.limit_rate(size // 3)  # each transfer ≈ 3 s: tokens expire mid-transfer
        ids = store.add_many([Job(Source.local(str(c)), processing={"resolution": {"tag": "2x"}},
                                  output_folder=str(tmp_path / "out")) for c in clips])
        started = time.monotonic()
        with running(store, sandbox) as runner:
            assert runner.wait_for(ids, timeout=70)
        elapsed = time.monotonic() - started
        jobs = store.list_jobs(ids=ids)
        history = [entry for job_id in ids for entry in store.history(job_id)]

    assert elapsed > 6, "the jobs must outlive several tokens"
    assert [job.state for job in jobs] == [State.DONE, State.DONE]
    assert all(job.error is None and job.attempts == 0 for job in jobs)
    messages = " ".join(entry.message or "" for entry in history).lower()
    for word in ("sign", "session", "token", "auth", "expired"):
        assert word not in messages
