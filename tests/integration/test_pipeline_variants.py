"""A queued job runs to the end against a sandbox answering the other ways real Pixop may:
403 for expired tokens, unquoted ETags, pages from 1, and downloads redirected to signed
storage links — following the URLs Pixop's answers give, never sending credentials to storage."""

from __future__ import annotations

import pytest

from pixop_desktop.jobs.model import Job, Source, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.sandbox import Sandbox

from .jobs_helpers import running

pytestmark = pytest.mark.timeout(60)

VARIANTS = ["expiry-403", "unquoted-etag", "one-based-pages", "signed-redirect"]


def test_a_job_runs_to_the_end_under_every_transport_variant(small_clip, tmp_path):
    with Sandbox(data_dir=tmp_path / "sandbox", token_ttl=1, variants=VARIANTS) as sandbox, \
            JobStore(tmp_path / "queue.sqlite3") as store:
        sandbox.faults.cut_downloads(2, after_bytes=4096)  # the probe, then the download itself
        job_id = store.add(Job(Source.local(str(small_clip)), processing={"resolution": {"tag": "2x"}},
                               output_folder=str(tmp_path / "out")))
        with running(store, sandbox) as runner:
            sandbox.faults.expire_tokens()  # whatever the runner signed in with is now refused
            assert runner.wait_for([job_id], timeout=45)
        job = store.get(job_id)
        followed = store.server_urls(job_id)
        storage = list(sandbox.ctx.storage_log)

    assert job.state is State.DONE, job.error
    assert job.output_path and (tmp_path / "out").joinpath(job.output_path).exists()
    assert {"uploadMediaUrl", "checkIngestProgressUrl", "processVideoUrl", "checkProgressUrl",
            "downloadMediaUrl"} <= set(followed)
    gets = [entry for entry in storage if entry["method"] == "GET"]
    assert any(entry["range"] and entry["range"] != "bytes=0-0" for entry in gets)  # resumed
    assert not any(entry["authorization"] for entry in storage)
