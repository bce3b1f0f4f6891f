"""Processing is ordered once, even when Pixop's answer to the order is lost and its derived
list is read the SDK's way (processed videos listed with the clip, clips marked by flags).

A real clip served over loopback HTTPS is imported by the sandbox (which derives the free
10-second clip), then processed through the Runner. The sandbox carries out the order but cuts
the connection before answering: the pipeline must find the processed video it made instead of
ordering again, and never take it for the free clip (nor the clip for it).
"""

from __future__ import annotations

import pytest

from pixop_desktop.api.client import PixopClient
from pixop_desktop.imports.params import HttpsImport
from pixop_desktop.imports.queueing import enqueue_import
from pixop_desktop.jobs.model import State
from pixop_desktop.jobs.store import JobStore
from tests.fixtures.sandbox import client_kwargs

from .jobs_helpers import running

pytestmark = pytest.mark.timeout(120)

TWICE = {"resolution": {"tag": "2x"}}


def _run_import(sandbox, source, tmp_path, processing=TWICE):
    with JobStore(tmp_path / "queue.sqlite3") as store:
        with PixopClient(**client_kwargs(sandbox)) as client:
            job = enqueue_import(client, store, HttpsImport(f"{source.base}/clip.mp4").with_defaults(),
                                 processing=processing, allow_private=True)
        with running(store, sandbox) as runner:
            assert runner.wait_for([job.id], timeout=60)
        return store.get(job.id)


def _kinds(sandbox, master_id: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for video in sandbox.state.videos():
        if video.parent_id == master_id:
            found.setdefault(video.kind, []).append(video.id)
    return found


def test_a_lost_answer_to_the_order_is_not_ordered_again_with_the_sdk_derived_list(
        private_sandbox, source, tmp_path):
    private_sandbox.variants.enable("derived-sdk")
    private_sandbox.faults.drop_process_answers(1)
    done = _run_import(private_sandbox, source, tmp_path)
    assert done.state is State.DONE, done.error
    assert private_sandbox.state.process_orders(done.video_id) == 1, "processing was ordered twice"
    kinds = _kinds(private_sandbox, done.video_id)
    assert kinds["processed"] == [done.processed_video_id]
    assert kinds["derived"] == [done.free_clip_id], "the free clip is recognised by its flags"
    assert not private_sandbox.faults.take_dropped_process_answer(), "the answer was really dropped"

