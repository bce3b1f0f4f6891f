"""The computer is kept awake while a job runs and allowed to sleep once the queue is idle."""

from __future__ import annotations

import dataclasses
import shutil
import threading

import pytest

from pixop_desktop.jobs.model import Job, Source, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.services.keep_awake import CommandInhibitor, KeepAwake, system_inhibitor

from .jobs_helpers import running

pytestmark = pytest.mark.timeout(60)


class RecordingInhibitor:
    """Stands in for the operating system's sleep switch and records what it was asked."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.lock = threading.Lock()

    def hold(self) -> None:
        with self.lock:
            self.calls.append("hold")

    def release(self) -> None:
        with self.lock:
            self.calls.append("release")


def test_held_while_a_job_runs_and_released_when_the_queue_is_idle(sandbox, clip_factory, tmp_path):
    clip = clip_factory("awake.mp4", seconds=1, fps=10)
    sandbox.faults.limit_rate(clip.stat().st_size)  # about a second of upload: the job is seen running
    inhibitor = RecordingInhibitor()
    with JobStore(tmp_path / "q.sqlite3") as store:
        job_id = store.add(Job(Source.local(str(clip))))
        with running(store, sandbox) as runner:
            awake = KeepAwake(runner.events, inhibitor)
            assert runner.wait_for([job_id], timeout=30, settled={State.RUNNING})
            assert runner.wait_for([job_id], timeout=30)
            awake.close()
        assert store.get(job_id).state is State.DONE
    assert inhibitor.calls[0] == "hold" and inhibitor.calls[-1] == "release"
    assert inhibitor.calls.count("hold") == inhibitor.calls.count("release")  # never left held


def test_the_runner_both_front_ends_start_keeps_the_computer_awake(sandbox, clip_factory, tmp_path):
    from pixop_desktop.api.client import PixopClient
    from pixop_desktop.services.runner import make_runner
    from pixop_desktop.settings import Settings
    from tests.fixtures.sandbox import client_kwargs

    clip = clip_factory("awake.mp4", seconds=1, fps=10)
    inhibitor = RecordingInhibitor()
    with JobStore(tmp_path / "q.sqlite3") as store, PixopClient(**client_kwargs(sandbox)) as client:
        job_id = store.add(Job(Source.local(str(clip))))
        runner = make_runner(store, client, Settings(), server=sandbox.url, inhibitor=inhibitor)
        with runner:  # started, and stopped (threads joined) at the end
            assert runner.wait_for([job_id], timeout=30)
    assert inhibitor.calls[:1] == ["hold"] and inhibitor.calls[-1:] == ["release"]


@pytest.mark.skipif(not shutil.which("systemd-inhibit"), reason="no systemd-inhibit on this Linux")
def test_the_linux_inhibitor_runs_a_process_and_ends_it(tmp_path):
    inhibitor = system_inhibitor("linux")
    assert isinstance(inhibitor, CommandInhibitor) and inhibitor.command[0] == "systemd-inhibit"
    inhibitor.hold()
    process = inhibitor.process
    assert process is not None
    inhibitor.release()
    assert process.poll() is not None and inhibitor.process is None


def test_stopping_the_runner_mid_job_lets_the_computer_sleep(sandbox, clip_factory, tmp_path):
    """A quit during an upload: the job stays resumable and reports no new state, yet the hold ends."""
    from pixop_desktop.api.client import PixopClient
    from pixop_desktop.services.runner import make_runner
    from pixop_desktop.settings import Settings
    from tests.fixtures.sandbox import client_kwargs

    clip = clip_factory("awake.mp4", seconds=1, fps=10)
    sandbox.faults.limit_rate(max(1, clip.stat().st_size // 20))  # many seconds of upload
    inhibitor = RecordingInhibitor()
    with JobStore(tmp_path / "q.sqlite3") as store, PixopClient(**client_kwargs(sandbox)) as client:
        job_id = store.add(Job(Source.local(str(clip))))
        runner = make_runner(store, client, Settings(), server=sandbox.url, inhibitor=inhibitor)
        with runner:
            assert runner.wait_for([job_id], timeout=30, settled={State.RUNNING})
        assert store.get(job_id).state is not State.DONE
        assert inhibitor.calls == ["hold", "release"]
        # A job another process set running (or a late event) no longer holds anything: the
        # stopped runner's hold is gone for good, not waiting for a state change that never comes.
        runner.events.job_changed(dataclasses.replace(store.get(job_id), state=State.RUNNING))
    assert inhibitor.calls == ["hold", "release"]
