"""Found by the chaos test: when the answer to a processing order was lost, the re-run looks for
the processed video Pixop made; if Pixop was busy (503s, a reset) while it read that video, the
candidate was passed over and processing was ordered — and paid for — a second time. A
temporary error while looking now ends the run, and the next run looks again."""

from __future__ import annotations

import time

import pytest

from pixop_desktop.jobs.model import Job, Source, State
from pixop_desktop.jobs.store import JobStore

from .jobs_helpers import running

pytestmark = pytest.mark.timeout(60)


def test_pixop_busy_while_the_rerun_looks_for_its_order_never_orders_twice(sandbox, clip_factory, tmp_path):
    clip = clip_factory("clip.mp4", seconds=1)
    info = clip.stat()
    sandbox.faults.drop_process_answers(1)  # Pixop carries out the order; its answer is lost
    with JobStore(tmp_path / "queue.sqlite3") as store:
        job_id = store.add(Job(Source.local(str(clip), info.st_size, info.st_mtime_ns),
                               processing={"resolution": {"tag": "2x"}}))
        with running(store, sandbox) as runner:
            deadline = time.monotonic() + 30
            while not (store.get(job_id).video_id and sandbox.state.process_orders(store.get(job_id).video_id)):
                assert time.monotonic() < deadline, "the order never arrived"
                time.sleep(0.01)
            # Pixop is busy while the re-run reads the video it already made (five 503s: the client's tries)
            sandbox.faults.unavailable(count=5, retry_after=0, path_prefix="/videos/v1/video/")
            assert runner.wait_for([job_id], timeout=40)
        job = store.get(job_id)
    assert job.state is State.DONE, job.error
    assert sandbox.state.process_orders(job.video_id) == 1, "processing was ordered twice"
    assert sandbox.faults.unavailable_left() == 0, "Pixop was never busy: the test proved nothing"
