"""The Library's "Process…" job with an API key alone: a video already on Pixop is ordered,
followed and downloaded through the current API (``processing/start`` → ``processing/status``
→ the signed link of ``out/https``); nothing uploaded again, ordered once."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pixop_desktop.api.client import PixopClient
from pixop_desktop.jobs.model import State
from pixop_desktop.jobs.runner import Limits, RetryRule, Runner
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.sandbox import DEFAULT_API_KEY
from pixop_desktop.services.library import processing_job
from pixop_desktop.transfer.crc import file_crc32c
from tests.fixtures.sandbox import upload_video, v1_headers

from .jobs_helpers import FAST_POLL

pytestmark = pytest.mark.timeout(60)
CLEAN_UP = {"denoiser": "hqdn3d"}


def test_a_library_video_processed_with_only_an_api_key_is_downloaded(sandbox, small_clip, tmp_path):
    video_id = upload_video(sandbox, small_clip, v1_headers(sandbox), name="Archive tape")
    listed = SimpleNamespace(id=video_id, name="Archive tape", filename="tape.mp4", project_id=None)
    job = processing_job(listed, CLEAN_UP, preset="Clean up noisy footage", output_folder=tmp_path / "out",
                         server=sandbox.url)
    client = PixopClient(sandbox.url, api_key=DEFAULT_API_KEY)  # no email, no password
    with JobStore(tmp_path / "jobs.sqlite") as store:
        [job_id] = store.add_many([job])
        runner = Runner(store, client, tick=0.05, poll=FAST_POLL, retry=RetryRule(max_attempts=2, first_delay=0.2),
                        limits=Limits(uploads=1, downloads=1, polls=2, control=1)).start()
        try:
            assert runner.wait_for([job_id], timeout=40)
        finally:
            runner.stop(wait=True)
            client.close()
        done = store.get(job_id)
    assert done.state is State.DONE, done.error
    assert sandbox.state.video(done.processed_video_id).parent_id == video_id
    assert file_crc32c(done.output_path) == file_crc32c(sandbox.state.media_path(done.processed_video_id))
    assert [v.id for v in sandbox.state.videos() if v.kind == "original"] == [video_id]  # no re-upload
    assert len([v for v in sandbox.state.videos() if v.parent_id == video_id and v.kind != "derived"]) == 1
