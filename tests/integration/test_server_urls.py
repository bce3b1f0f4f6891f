"""The URLs Pixop's answers carry are followed, as Pixop's curl demo does: credentials only to
the server root's origin, another origin reached without them (and the documented path used
when it then refuses), an unusable URL replaced by the documented path."""

from __future__ import annotations

import time

import pytest

from pixop_desktop.api.client import PixopClient
from pixop_desktop.api.models_base import OperationStatus
from pixop_desktop.sandbox.signed_links import signed_link
from pixop_desktop.transfer.download import download_media
from tests.fixtures.sandbox import client_kwargs

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def client(sandbox):
    with PixopClient(**client_kwargs(sandbox)) as connected:
        yield connected


def _wait(check, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = check()
        if state in (OperationStatus.DONE, OperationStatus.FAILED, "ERROR"):
            return state
        time.sleep(0.1)
    raise AssertionError("Pixop did not finish in time")


def test_the_v1_journey_follows_the_urls_each_answer_gives(sandbox, client, small_clip, tmp_path):
    created = client.videos.create(name="journey")
    uploaded = client.media.upload(created.video_id, small_clip, light=True,
                                   url=created.upload_light_media_url)
    state = _wait(lambda: client.videos.ingestion_progress(
        created.video_id, url=uploaded.check_ingest_progress_url).ingestion_state.ingestion_status)
    assert state == OperationStatus.DONE
    order = client.videos.process(created.video_id, {"resolution": {"tag": "2x"}},
                                  url=uploaded.process_video_url)
    state = _wait(lambda: client.videos.processing_progress(
        order.processed_video_id, url=order.check_progress_url).processing_state.processing_status)
    assert state == OperationStatus.DONE
    result = download_media(client, order.processed_video_id, tmp_path / "out.mp4",
                            url=order.download_media_url)
    assert result.size > 0 and result.path.exists()


def _two_videos(client, small_clip) -> tuple[str, str]:
    """An ingested video and an empty one, whose ingestion states differ."""
    ready = client.videos.create(name="ready")
    client.media.upload(ready.video_id, small_clip, light=True)
    _wait(lambda: client.videos.ingestion_progress(ready.video_id).ingestion_state.ingestion_status)
    return ready.video_id, client.videos.create(name="empty").video_id


def test_the_servers_url_is_followed_not_rebuilt(sandbox, client, small_clip):
    ready, empty = _two_videos(client, small_clip)
    given = f"{sandbox.url}/videos/v1/check-ingest-video-progress/{ready}"
    state = client.videos.ingestion_progress(empty, url=given).ingestion_state
    assert state.ingestion_status == OperationStatus.DONE  # the URL's video, not the built one's


def test_a_url_on_another_origin_gets_no_credentials_and_the_path_is_used(sandbox, client, small_clip):
    ready, empty = _two_videos(client, small_clip)
    # The storage origin serves the same routes: with our JWT it would answer for ``ready``.
    foreign = f"{sandbox.ctx.storage_root}/videos/v1/check-ingest-video-progress/{ready}"
    state = client.videos.ingestion_progress(empty, url=foreign).ingestion_state
    assert state.ingestion_status != OperationStatus.DONE  # refused without a JWT → built path


@pytest.mark.parametrize("given", ["http://pixop.example.com/videos/v1/x", "javascript:alert(1)",
                                   "ftp://pixop.example.com/x", "relative/path", ""])
def test_an_unusable_url_falls_back_to_the_documented_path(sandbox, client, small_clip, given):
    ready, _ = _two_videos(client, small_clip)
    state = client.videos.ingestion_progress(ready, url=given).ingestion_state
    assert state.ingestion_status == OperationStatus.DONE


def test_a_signed_download_url_on_another_origin_gets_no_credentials(sandbox, client, small_clip,
                                                                     tmp_path):
    ready, _ = _two_videos(client, small_clip)
    result = download_media(client, ready, tmp_path / "out.mp4", original=True,
                            url=signed_link(sandbox.ctx, ready))
    assert result.path.read_bytes() == small_clip.read_bytes()
    assert sandbox.ctx.storage_log and not any(e["authorization"] for e in sandbox.ctx.storage_log)


def test_a_download_url_refusing_us_falls_back_to_the_documented_path(sandbox, client, small_clip,
                                                                       tmp_path):
    ready, _ = _two_videos(client, small_clip)
    foreign = f"{sandbox.ctx.storage_root}/media/v1/download/original/{ready}"
    result = download_media(client, ready, tmp_path / "out.mp4", original=True, url=foreign)
    assert result.path.read_bytes() == small_clip.read_bytes()
