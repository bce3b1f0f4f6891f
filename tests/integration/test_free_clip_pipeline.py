"""The pipeline records an import's free 10-second clip on its job, quietly, and only for imports.

A real clip served over loopback HTTPS, imported by a sandbox started with its private-URL
switch, run through the Runner; the sandbox derives the clip just after ingestion.
"""

from __future__ import annotations

import pytest

from pixop_desktop.api.client import PixopClient
from pixop_desktop.imports.params import HttpsImport
from pixop_desktop.imports.queueing import enqueue_import
from pixop_desktop.jobs.model import Job, Source, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.sandbox import Sandbox
from tests.fixtures.sandbox import client_kwargs

from .jobs_helpers import running

pytestmark = pytest.mark.timeout(120)

TWICE = {"resolution": {"tag": "2x"}}


def _derived_ids(sandbox: Sandbox, master_id: str) -> list[str]:
    return [v.id for v in sandbox.state.videos() if v.parent_id == master_id and v.kind == "derived"]


def _import_and_run(sandbox: Sandbox, source, store: JobStore, processing: dict | None, before_run=None) -> Job:
    with PixopClient(**client_kwargs(sandbox)) as client:
        job = enqueue_import(client, store, HttpsImport(f"{source.base}/clip.mp4").with_defaults(),
                             processing=processing, allow_private=True)
    if before_run is not None:
        before_run(job)
    with running(store, sandbox) as runner:
        assert runner.wait_for([job.id], timeout=60)
    return store.get(job.id)


def test_an_https_import_records_the_free_clip_the_sandbox_derived(private_sandbox, source, tmp_path):
    with JobStore(tmp_path / "queue.sqlite3") as store:
        done = _import_and_run(private_sandbox, source, store, TWICE)
    assert done.state is State.DONE, done.error
    [clip_id] = _derived_ids(private_sandbox, done.video_id)
    assert done.free_clip_id == clip_id
    assert done.processed_video_id not in (None, clip_id), "the clip is never taken for the processing"
    with JobStore(tmp_path / "queue.sqlite3") as reopened:  # it is on the record, not in memory
        assert reopened.get(done.id).free_clip_id == clip_id


def test_errors_asking_for_the_clip_never_fail_the_import(private_sandbox, source, tmp_path):
    def break_derived(job: Job) -> None:  # only the derived list answers 503, for good
        derived = f"/api/v1/videos/{job.video_id}/derived"
        private_sandbox.faults.unavailable(10_000, retry_after=0, path_prefix=derived)

    with JobStore(tmp_path / "queue.sqlite3") as store:
        done = _import_and_run(private_sandbox, source, store, TWICE, before_run=break_derived)
    assert done.state is State.DONE, done.error
    assert done.free_clip_id is None and done.processed_video_id
    assert private_sandbox.faults.take_unavailable(f"/api/v1/videos/{done.video_id}/derived") is not None
    assert done.processed_video_id not in _derived_ids(private_sandbox, done.video_id)


def test_a_local_upload_never_asks_for_a_free_clip(sandbox, small_clip, tmp_path):
    sandbox.faults.unavailable(1, retry_after=0, path_prefix="/api/v1/videos/")  # a trap: consumed if asked
    info = small_clip.stat()
    with JobStore(tmp_path / "queue.sqlite3") as store:
        job_id = store.add(Job(Source.local(str(small_clip), info.st_size, info.st_mtime_ns), processing=TWICE))
        with running(store, sandbox) as runner:
            assert runner.wait_for([job_id], timeout=60)
        done = store.get(job_id)
    assert done.state is State.DONE, done.error
    assert done.free_clip_id is None
    assert sandbox.faults.take_unavailable("/api/v1/videos/any/derived") is not None, "the pipeline asked"
