"""Whether to retry is decided once per level, so attempts never multiply across levels.

A server that always answers 503 gets at most REQUEST_ATTEMPTS requests per transfer
(the client's retries, not repeated by the transfer) and at most
``RetryRule.max_attempts × REQUEST_ATTEMPTS`` per stage (the runner runs the stage again).
"""

from __future__ import annotations

import pytest

from pixop_desktop.api.client import PixopClient
from pixop_desktop.api.errors import ServerError
from pixop_desktop.api.retry import REQUEST_ATTEMPTS, RetryPolicy, is_transient
from pixop_desktop.jobs.model import Job, Source, Stage, State
from pixop_desktop.jobs.runner import RetryRule, Runner
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.transfer import download as download_module
from pixop_desktop.transfer.download import download_media
from pixop_desktop.transfer.upload import upload_file
from tests.fixtures.clips import make_clip
from tests.fixtures.sandbox import client_kwargs, upload_video, v1_headers

pytestmark = pytest.mark.timeout(60)
ALWAYS = 10_000


def test_one_answer_to_what_is_temporary():
    assert REQUEST_ATTEMPTS == 1 + RetryPolicy().max_retries == 5
    assert is_transient(ServerError("busy", status_code=503))
    assert not is_transient(ServerError("not implemented", status_code=501))
    assert not is_transient(ValueError("not from the client"))


def test_a_download_refused_by_503_is_not_retried_twice(sandbox, tmp_path, monkeypatch):
    video_id = upload_video(sandbox, make_clip(tmp_path / "clip.mp4", seconds=1.0), v1_headers(sandbox))
    real_probe = download_module.probe_media

    def probe_then_refuse(*args, **kwargs):  # the HEAD answers; every GET after it is refused
        info = real_probe(*args, **kwargs)
        sandbox.faults.unavailable(ALWAYS, retry_after=0, path_prefix="/media/v1/download")
        return info

    monkeypatch.setattr(download_module, "probe_media", probe_then_refuse)
    with PixopClient(**client_kwargs(sandbox), sleep=lambda s: None) as client:
        with pytest.raises(ServerError):
            download_media(client, video_id, tmp_path / "out", original=True)
    assert ALWAYS - sandbox.faults.unavailable_left() == REQUEST_ATTEMPTS


def test_an_upload_stage_refused_by_503_makes_a_bounded_number_of_requests(sandbox, tmp_path):
    clip = make_clip(tmp_path / "clip.mp4", seconds=1.0)
    sandbox.faults.unavailable(ALWAYS, retry_after=0, path_prefix="/media/v1/upload/")
    rule = RetryRule(max_attempts=3, first_delay=0.05, longest=0.1)
    with JobStore(tmp_path / "q.sqlite3") as store, \
            PixopClient(**client_kwargs(sandbox), sleep=lambda s: None) as client:
        job_id = store.add(Job(Source.local(str(clip))))
        runner = Runner(store, client, tick=0.05, retry=rule).start()
        try:
            assert runner.wait_for([job_id], timeout=40)
        finally:
            runner.stop(wait=True)
        job = store.get(job_id)
    assert job.state is State.FAILED and job.stage is Stage.UPLOAD
    assert ALWAYS - sandbox.faults.unavailable_left() == rule.max_attempts * REQUEST_ATTEMPTS


def test_an_upload_alone_makes_at_most_the_clients_attempts(sandbox, tmp_path):
    video_id = upload_video(sandbox, make_clip(tmp_path / "a.mp4", seconds=1.0), v1_headers(sandbox))
    sandbox.faults.unavailable(ALWAYS, retry_after=0, path_prefix="/media/v1/upload/")
    with PixopClient(**client_kwargs(sandbox), sleep=lambda s: None) as client:
        with pytest.raises(ServerError):
            upload_file(client, video_id, make_clip(tmp_path / "b.mp4", seconds=1.0))
    assert ALWAYS - sandbox.faults.unavailable_left() == REQUEST_ATTEMPTS
