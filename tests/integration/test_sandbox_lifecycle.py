"""The sandbox starts fast, stops cleanly (no threads left), persists, and answers in JSON."""

from __future__ import annotations

import threading
import time

import httpx

from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD, Sandbox
from tests.fixtures.sandbox import upload_video, v1_headers


def test_starts_quickly_and_leaves_no_threads(tmp_path):
    before = set(threading.enumerate())
    started = time.monotonic()
    with Sandbox() as server:
        elapsed = time.monotonic() - started
        response = httpx.get(f"{server.url}/accounts/v1/token", auth=(DEFAULT_EMAIL, DEFAULT_PASSWORD))
        assert response.status_code == 200
        data_dir = server.data_dir
    assert elapsed < 2.0
    assert set(threading.enumerate()) - before == set()
    assert not data_dir.exists(), "a temporary data dir is removed on exit"


def test_stop_cancels_running_work_and_joins(tmp_path, clip_factory):
    clip = clip_factory("long.mp4", seconds=6, width=320, height=240)
    before = set(threading.enumerate())
    with Sandbox(data_dir=tmp_path / "d") as server:
        headers = v1_headers(server)
        video_id = upload_video(server, clip, headers)
        response = httpx.post(f"{server.url}/videos/v1/process-video/{video_id}", headers=headers,
                              json={"resolution": {"tag": "4x"}, "denoiser": "denoise"})
        assert response.status_code == 200
    assert set(threading.enumerate()) - before == set()


def test_state_persists_across_restart(tmp_path, small_clip):
    data = tmp_path / "persist"
    with Sandbox(data_dir=data) as first:
        headers = v1_headers(first)
        video_id = upload_video(first, small_clip, headers)
        digest = first.state.media_sha256(video_id)
    with Sandbox(data_dir=data) as second:
        headers = v1_headers(second)
        record = httpx.get(f"{second.url}/videos/v1/video/{video_id}", headers=headers)
        assert record.status_code == 200
        assert record.json()["video"]["ingestion"]["ingestionState"]["ingestionStatus"] == "DONE"
        download = httpx.get(f"{second.url}/media/v1/download/original/{video_id}", headers=headers)
        assert download.content == small_clip.read_bytes()
        assert second.state.media_sha256(video_id) == digest


def test_unknown_route_is_json_404(shared_sandbox):
    v1 = httpx.get(f"{shared_sandbox.url}/videos/v1/no-such-thing")
    assert v1.status_code == 404
    assert v1.json()["exception"] == "NotFoundException"
    api = httpx.get(f"{shared_sandbox.url}/api/v1/no-such-thing")
    assert api.status_code == 404
    assert api.json()["statusCode"] == 404 and api.json()["requestPath"] == "/api/v1/no-such-thing"


def test_wrong_method_is_json_405(shared_sandbox):
    response = httpx.delete(f"{shared_sandbox.url}/accounts/v1/token")
    assert response.status_code == 405
    assert "not allowed" in response.json()["errorMessage"]


def test_interrupted_processing_resumes_after_restart(tmp_path, small_clip):
    data = tmp_path / "resume"
    with Sandbox(data_dir=data) as first:
        headers = v1_headers(first)
        video_id = upload_video(first, small_clip, headers)
        # Stop the job pool first, so the order is accepted but its work never starts.
        first.ctx.workers.stopping.set()
        order = httpx.post(f"{first.url}/videos/v1/process-video/{video_id}", headers=headers,
                           json={"resolution": {"tag": "2x"}})
        processed = order.json()["processedVideoId"]
        assert first.state.video(processed).processing_status == "INITIAL"
    with Sandbox(data_dir=data) as second:
        assert second.wait_idle(60)
        assert second.state.video(processed).processing_status == "DONE"
        assert second.state.media_path(processed) is not None


def test_unexpected_error_is_json_500(sandbox, caplog):
    headers = v1_headers(sandbox)
    video_id = httpx.put(f"{sandbox.url}/videos/v1/video", headers=headers, json={}).json()["videoId"]
    sandbox.ctx.store.videos[video_id]["ingestion"] = None  # a corrupt record
    response = httpx.get(f"{sandbox.url}/videos/v1/video/{video_id}", headers=headers)
    assert response.status_code == 500
    assert response.json()["exception"] == "InternalServerErrorException"
    assert any("unexpected error" in r.getMessage() for r in caplog.records)


def test_two_sandboxes_never_share_a_port(tmp_path):
    from pixop_desktop.sandbox import Sandbox

    with Sandbox(data_dir=tmp_path / "a") as first:
        second = Sandbox(data_dir=tmp_path / "b", port=first.port)
        try:
            second.start()
        except OSError:
            pass
        else:
            second.stop()
            raise AssertionError("a second sandbox bound the port the first one listens on")


def test_windows_claims_its_port_exclusively():
    import socket

    from pixop_desktop.sandbox.server import reuse_option

    assert reuse_option("win32") == (getattr(socket, "SO_EXCLUSIVEADDRUSE", -5), 1)
    assert reuse_option("linux") == (socket.SO_REUSEADDR, 1)
