"""A copy that stalls longer than the settle time (an SMB/NFS writer pausing) is taken half-written;
when the rest arrives the file changes again, and the watcher supersedes the earlier version: the
earlier job is cancelled (its upload deleted) or, if done, its result moved aside to
"NAME (superseded).ext", and the complete file is sent under the same output name — never "(2)"."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import av
import pytest

from pixop_desktop.jobs import control
from pixop_desktop.jobs.model import State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.watch.ledger import Entry, folder_key
from pixop_desktop.watch.rules import Approval
from pixop_desktop.watch.service import WatchService
from pixop_desktop.watch.watcher import EventKind
from tests.fixtures.clips import make_clip

from .jobs_helpers import running
from .watch_helpers import MODES, EventLog, make_rule, wait_until

pytestmark = pytest.mark.timeout(60)

TWICE = {"resolution": {"tag": "2x"}}
SECONDS, FPS = 4, 5
TS_PACKET = 188


@contextmanager
def _watching_with_client(store, sandbox, rule, mode):
    """A watch service attached to a runner's events AND its connection (to delete withdrawn uploads)."""
    log = EventLog()
    with running(store, sandbox) as runner:
        service = WatchService(store, [rule], on_event=log, use_events=mode == "events")
        detach = service.attach(runner.events, client=runner.client)
        try:
            with service:
                yield service, log, runner
        finally:
            detach()


def _frames(path: Path) -> int:
    with av.open(str(path)) as container:
        return sum(1 for _ in container.decode(video=0))


def _halves(tmp_path: Path) -> tuple[bytes, bytes]:
    """A whole MPEG-TS clip cut at a packet boundary in its middle: the first half plays on its own."""
    data = make_clip(tmp_path / "whole.ts", seconds=SECONDS, width=64, height=48, fps=FPS).read_bytes()
    cut = len(data) // 2 // TS_PACKET * TS_PACKET
    return data[:cut], data[cut:]


def _outputs(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def _job_of(store, state: State):
    return next((job for job in store.list_jobs() if job.state is state), None)


@pytest.mark.parametrize("mode", MODES)
def test_a_copy_that_stalls_before_its_job_ends_is_sent_again_whole_and_the_half_is_withdrawn(
        mode, sandbox, tmp_path):
    incoming, out = tmp_path / "in", tmp_path / "out"
    incoming.mkdir()
    first_half, rest = _halves(tmp_path)
    rule = make_rule(mode, incoming, processing=TWICE, output_folder=str(out), approval=Approval.HOLD)
    target = incoming / "stall.ts"
    with JobStore(tmp_path / "q.sqlite3") as store, \
            _watching_with_client(store, sandbox, rule, mode) as (service, log, runner):
        target.write_bytes(first_half)  # the writer pauses here, longer than the settle time
        wait_until(lambda: _job_of(store, State.NEEDS_APPROVAL), 30, "the half to be uploaded")
        [half_job] = store.list_jobs()
        with open(target, "ab") as handle:  # … and goes on
            handle.write(rest)
        wait_until(lambda: len(store.list_jobs()) == 2, 30, "the whole file to be sent again")
        wait_until(lambda: store.get(store.list_jobs()[1].id).state is State.NEEDS_APPROVAL, 30,
                   "the whole file to be uploaded")
        whole_job = store.list_jobs()[1]
        control.approve(store, whole_job.id)
        assert runner.wait_for([whole_job.id], timeout=30)
        wait_until(lambda: service.ledger.counts(rule.id).done == 1, 10, "the ledger to follow")
        half_job, whole_job = store.list_jobs()
        entries = service.ledger.entries(rule.id, folder=folder_key(incoming))
    assert half_job.state is State.CANCELLED and whole_job.state is State.DONE, whole_job.error
    assert whole_job.source.size == target.stat().st_size
    assert _outputs(out) == ["stall_pixop.ts"] == [Path(whole_job.output_path).name]
    assert _frames(out / "stall_pixop.ts") == SECONDS * FPS
    assert [entry.state for entry in entries] == [Entry.DONE, Entry.SUPERSEDED]  # newest first
    assert "sent again" in entries[1].reason.lower() and "sent again" in entries[0].reason.lower()
    assert log.of(EventKind.SUPERSEDED) == ["stall.ts"]
    assert log.of(EventKind.SUBMITTED) == ["stall.ts", "stall.ts"]
    originals = [video for video in sandbox.state.videos() if video.kind == "original"]
    assert [video.id for video in originals] == [whole_job.video_id]  # the half's upload was deleted


@pytest.mark.parametrize("mode", MODES)
def test_a_copy_that_goes_on_after_its_half_was_processed_replaces_the_result_by_name(
        mode, sandbox, tmp_path):
    incoming, out = tmp_path / "in", tmp_path / "out"
    incoming.mkdir()
    first_half, rest = _halves(tmp_path)
    rule = make_rule(mode, incoming, processing=TWICE, output_folder=str(out))
    target = incoming / "stall.ts"
    with JobStore(tmp_path / "q.sqlite3") as store, \
            _watching_with_client(store, sandbox, rule, mode) as (service, log, runner):
        target.write_bytes(first_half)
        wait_until(lambda: _job_of(store, State.DONE), 30, "the half to be processed")
        half_frames = _frames(out / "stall_pixop.ts")
        with open(target, "ab") as handle:
            handle.write(rest)
        wait_until(lambda: len(store.list_jobs()) == 2, 30, "the whole file to be sent again")
        assert runner.wait_for([job.id for job in store.list_jobs()], timeout=30)
        half_job, whole_job = store.list_jobs()
    assert half_job.state is State.DONE and whole_job.state is State.DONE, whole_job.error
    assert _outputs(out) == ["stall_pixop (superseded).ts", "stall_pixop.ts"]
    assert Path(whole_job.output_path) == out / "stall_pixop.ts"
    assert _frames(out / "stall_pixop.ts") == SECONDS * FPS
    assert 0 < half_frames == _frames(out / "stall_pixop (superseded).ts") < SECONDS * FPS
    [event] = [e for e in log.events if e.kind is EventKind.SUPERSEDED]
    assert event.job_id == half_job.id and "stall_pixop (superseded).ts" in event.detail
