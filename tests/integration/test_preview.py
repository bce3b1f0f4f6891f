"""Preview 10 seconds against the sandbox: a separate order of a clip range, cached, never the job's order."""

from __future__ import annotations

import os
import time

import pytest

from pixop_desktop.api.client import PixopClient
from pixop_desktop.jobs import preview_files
from pixop_desktop.jobs.model import Job, Source, State
from pixop_desktop.jobs.preview_files import job_folder
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.services.preview import make_preview, preview_range
from tests.fixtures.sandbox import client_kwargs

from .jobs_helpers import running, video_shape

pytestmark = pytest.mark.timeout(90)

DOUBLE = {"resolution": {"tag": "2x"}}


def test_preview_range_is_ten_seconds_from_the_middle_of_what_is_processed():
    assert preview_range(60_000) == (25_000, 35_000)
    assert preview_range(4_000) == (0, 4_000)
    assert preview_range(None) == (0, 10_000)
    chosen = {"range": {"startPositionMilliseconds": 20_000, "endPositionMilliseconds": 50_000}}
    assert preview_range(120_000, chosen) == (30_000, 40_000)


def _children(sandbox, video_id):
    return [v for v in sandbox.state.videos() if v.parent_id == video_id]


def test_a_preview_is_ordered_once_and_never_taken_for_the_jobs_order(sandbox, clip_factory, tmp_path,
                                                                      monkeypatch):
    # A 2 s clip: its "10 seconds" are the whole video, the very range the job orders —
    # only the preview record keeps the job from adopting the preview as its processing.
    clip = clip_factory("preview.mp4", seconds=2, fps=10)
    with JobStore() as store, PixopClient(**client_kwargs(sandbox)) as client:
        job_id = store.add(Job(Source.local(str(clip)), processing=DOUBLE, needs_approval=True,
                               output_folder=str(tmp_path / "out")))
        with running(store, sandbox) as runner:
            assert runner.wait_for([job_id], timeout=30, settled={State.NEEDS_APPROVAL})
            job = store.get(job_id)
            monkeypatch.setattr(preview_files, "_pruned", False)  # this test's session: its first preview
            stale = job_folder("a-job-removed-long-ago")
            stale.mkdir(parents=True)
            os.utime(stale, (time.time() - 40 * 24 * 3600,) * 2)
            preview = make_preview(client, store, job, poll=0.05)
            assert not stale.exists()  # the session's first preview tidied up the old ones
            assert (preview.start_ms, preview.end_ms) == (0, 2000)
            assert preview.original == clip
            assert video_shape(preview.result)[:2] == (320, 240)  # the job's settings: 2x of 160x120
            [ordered] = _children(sandbox, job.video_id)
            assert make_preview(client, store, job, poll=0.05).result == preview.result  # reused
            assert len(_children(sandbox, job.video_id)) == 1  # not ordered (nor paid) twice

            runner.approve(job_id)
            assert runner.wait_for([job_id], timeout=60)
        job = store.get(job_id)
        assert job.state is State.DONE, job.error
        assert job.processed_video_id != ordered.id
        assert len(_children(sandbox, job.video_id)) == 2  # the preview and the job's one order
        assert not str(job.output_path).startswith(str(preview.result.parent))


def test_an_import_is_previewed_against_its_free_clip(sandbox, clip_factory, tmp_path):
    """Nothing of an import is on this computer: the "before" side is Pixop's free clip of its start."""
    import shutil

    from pixop_desktop.sandbox import DEMO_S3_LOCATION_ID

    shutil.copy(clip_factory("tape.mp4", seconds=2, fps=10), sandbox.s3_folder() / "tape.mp4")
    with JobStore() as store, PixopClient(**client_kwargs(sandbox)) as client:
        job_id = store.add(Job(Source.s3(DEMO_S3_LOCATION_ID, "tape.mp4"), processing=DOUBLE, needs_approval=True,
                               output_folder=str(tmp_path / "out")))
        with running(store, sandbox) as runner:
            assert runner.wait_for([job_id], timeout=30, settled={State.NEEDS_APPROVAL})
            preview = make_preview(client, store, store.get(job_id), poll=0.05)
            assert video_shape(preview.original)[:2] == (160, 120)
            assert video_shape(preview.result)[:2] == (320, 240)
            assert (preview.start_ms, preview.original_start_ms) == (0, 0)
            job = store.get(job_id)
            assert job.free_clip_id  # found and recorded on the way
            runner.approve(job_id)
            assert runner.wait_for([job_id], timeout=60)
        job = store.get(job_id)
        assert job.state is State.DONE, job.error
        previews = [v for v in sandbox.state.videos() if (v.name or "").endswith("(preview)")]
        assert len(previews) == 1 and job.processed_video_id not in {v.id for v in previews}
