"""The runner hands a job on from stage to stage when something happens, not on its next tick:
a stage that ends wakes the dispatcher, and so does a poll (or a retry) falling due. With a tick
of ten minutes, a job that has to wait for Pixop still goes through the whole queue at once."""

from __future__ import annotations

import pytest

from pixop_desktop.api.client import PixopClient
from pixop_desktop.jobs.model import Job, Source, Stage, State
from pixop_desktop.jobs.runner import Limits, RetryRule, Runner
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.sandbox.faults import STUCK
from tests.fixtures.sandbox import client_kwargs

from .jobs_helpers import FAST_POLL

pytestmark = pytest.mark.timeout(60)

NEVER = 600.0  # a tick no test waits for


def test_a_due_poll_and_every_next_stage_run_without_waiting_for_the_tick(sandbox, clip_factory, tmp_path):
    clip = clip_factory("wake.mp4", seconds=1, fps=10)
    sandbox.faults.end_next("processing", STUCK)  # processing waits until released: polls say "not yet"
    waits: list[Stage] = []

    def on_change(job: Job) -> None:
        if job.state is State.QUEUED and job.stage is Stage.WAIT_PROCESSING and job.not_before:
            waits.append(job.stage)
            sandbox.faults.release_stuck()  # the next poll, when due, finds it done

    info = clip.stat()
    with JobStore(tmp_path / "queue.sqlite3") as store, PixopClient(**client_kwargs(sandbox)) as client:
        [job_id] = store.add_many([Job(Source.local(str(clip), info.st_size, info.st_mtime_ns),
                                       processing={"resolution": {"tag": "2x"}},
                                       output_folder=str(tmp_path / "out"))])
        runner = Runner(store, client, tick=NEVER, poll=FAST_POLL, limits=Limits(),
                        retry=RetryRule(max_attempts=2, first_delay=0.1, longest=0.1))
        runner.events.subscribe_job_changed(on_change)
        with runner:
            assert runner.wait_for([job_id], timeout=30)
        job = store.get(job_id)
    assert waits, "processing never had to be waited for"
    assert job.state is State.DONE, job.error
    assert (tmp_path / "out").is_dir() and any((tmp_path / "out").iterdir())


def test_the_sandbox_sends_an_answer_without_waiting_for_an_ack(sandbox):
    """Its listening sockets (the API's and the signed links') have TCP_NODELAY, which the
    connections they accept inherit: otherwise a kept-alive connection's answer waits behind
    its headers for the client's delayed ACK, 40 ms a request, as no real server does."""
    import socket

    for listening in (sandbox._socket, sandbox._storage_socket):  # noqa: SLF001
        assert listening.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
