"""Imports with an API key alone: followed, processed and downloaded through the current API.

No email or password anywhere: the wait uses ``in/status``, the order ``processing/start``,
the wait ``processing/status`` and the download the signed link of ``out/https`` (fetched
without credentials, CRC32C checked).
"""

from __future__ import annotations

import shutil

import pytest

from pixop_desktop import cli
from pixop_desktop.transfer.crc import file_crc32c
from pixop_desktop.jobs.model import State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.sandbox import DEFAULT_API_KEY, DEMO_S3_LOCATION_ID, Sandbox

from .jobs_helpers import video_shape

pytestmark = pytest.mark.timeout(120)
PROCESS = '{"scaler": "scale", "resolution": {"tag": "2x"}}'


@pytest.fixture
def key_only(private_sandbox, monkeypatch):
    """The HTTPS-source sandbox with the CLI holding only PIXOP_API_KEY."""
    monkeypatch.delenv("PIXOP_EMAIL")
    monkeypatch.delenv("PIXOP_PASSWORD")
    return private_sandbox


def _one_line(capsys, status):
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return captured.out.strip().split("\t")


def test_import_url_with_only_an_api_key_ends_with_the_checked_result_on_disk(key_only, source, tmp_path,
                                                                              capsys):
    status = cli.main(["import-url", f"{source.base}/clip.mp4", "--process", PROCESS, "--download",
                       str(tmp_path / "out"), "--poll-max", "0.2", "--clip-wait", "0"])
    _name, video_id, output, _clip = _one_line(capsys, status)
    with JobStore() as store:
        [job] = store.list_jobs()
    assert job.state is State.DONE and job.processed_video_id
    assert key_only.state.video(job.processed_video_id).parent_id == video_id
    assert key_only.state.record(job.processed_video_id)["name"].endswith(f"[{job.uid[:8]}] (processed)")
    assert file_crc32c(output) == file_crc32c(key_only.state.media_path(job.processed_video_id))
    assert video_shape(output)[:2] == (320, 240)
    assert not list((tmp_path / "out").glob("*.part*")), "no partial left behind"


def test_import_s3_with_only_an_api_key(tmp_path, small_clip, monkeypatch, capsys):
    with Sandbox(data_dir=tmp_path / "sandbox") as server:
        monkeypatch.setenv("PIXOP_SERVER", server.url)
        monkeypatch.setenv("PIXOP_API_KEY", DEFAULT_API_KEY)
        shutil.copy(small_clip, server.s3_folder() / "reel.mp4")
        status = cli.main(["import-s3", DEMO_S3_LOCATION_ID, "reel.mp4", "--process", PROCESS, "--download",
                           str(tmp_path / "out"), "--poll-max", "0.2", "--clip-wait", "0"])
        _key, video_id, output, _clip = _one_line(capsys, status)
        with JobStore() as store:
            [job] = store.list_jobs()
        assert file_crc32c(output) == file_crc32c(server.state.media_path(job.processed_video_id))
        assert server.state.video(video_id).ingestion_status == "DONE"


def test_a_choice_the_current_api_cannot_express_fails_before_ordering(key_only, source, tmp_path, capsys):
    status = cli.main(["import-url", f"{source.base}/clip.mp4", "--process", '{"postProcessor": "filmgrain"}',
                       "--download", str(tmp_path / "out"), "--poll-max", "0.2", "--clip-wait", "0"])
    err = capsys.readouterr().err
    assert status == 1 and "Film Grain" in err
    with JobStore() as store:
        [job] = store.list_jobs()
    assert job.state is State.FAILED and job.processed_video_id is None
    assert key_only.state.record(job.video_id).get("processOrders", 0) == 0, "nothing was ordered"
