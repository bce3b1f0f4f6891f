"""Uploads are streamed to disk: memory stays flat, the stored bytes and hash are exact."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import httpx
import pytest

from tests.fixtures.sandbox import v1_headers

BOUNDARY = "sandbox-test-boundary-7d1f"
CHUNK = bytes(range(256)) * 4096  # 1 MiB, not all zeros
TOTAL_MIB = 50


def _streamed_multipart(mib: int):
    """A multipart body generated on the fly, so the client holds no more than a chunk."""
    yield (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; "
           f"filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n").encode()
    for _ in range(mib):
        yield CHUNK
    yield f"\r\n--{BOUNDARY}--\r\n".encode()


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(field)


def _reset_peak_rss() -> None:
    Path("/proc/self/clear_refs").write_text("5")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_large_upload_keeps_memory_flat(sandbox):
    headers = v1_headers(sandbox)
    video_id = httpx.put(f"{sandbox.url}/videos/v1/video", headers=headers, json={}).json()["videoId"]
    _reset_peak_rss()
    before = _status_kib("VmHWM")
    response = httpx.post(
        f"{sandbox.url}/media/v1/upload/light/{video_id}", content=_streamed_multipart(TOTAL_MIB),
        headers={**headers, "Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}, timeout=60)
    assert response.status_code == 200, response.text
    grown_mib = (_status_kib("VmHWM") - before) / 1024
    assert grown_mib < 20, f"peak memory grew by {grown_mib:.0f} MiB for a {TOTAL_MIB} MiB upload"
    expected = hashlib.sha256()
    for _ in range(TOTAL_MIB):
        expected.update(CHUNK)
    assert sandbox.state.media_sha256(video_id) == expected.hexdigest()
    assert sandbox.state.media_path(video_id).stat().st_size == TOTAL_MIB * len(CHUNK)
    assert sandbox.wait_idle(60)
    assert sandbox.state.video(video_id).ingestion_status == "FAILED"


def test_upload_without_a_file_part_is_400(shared_sandbox):
    headers = v1_headers(shared_sandbox)
    video_id = httpx.put(f"{shared_sandbox.url}/videos/v1/video", headers=headers,
                         json={}).json()["videoId"]
    response = httpx.post(f"{shared_sandbox.url}/media/v1/upload/{video_id}", headers=headers,
                          data={"field": "value"}, files={"other": (None, "text")})
    assert response.status_code == 400 and "file part" in response.json()["errorMessage"]
    not_multipart = httpx.post(f"{shared_sandbox.url}/media/v1/upload/{video_id}", headers=headers,
                               content=b"raw")
    assert not_multipart.status_code == 400
    httpx.delete(f"{shared_sandbox.url}/videos/v1/video/{video_id}", headers=headers)


def test_upload_to_unknown_video_is_404(shared_sandbox, small_clip):
    headers = v1_headers(shared_sandbox)
    with open(small_clip, "rb") as handle:
        response = httpx.post(f"{shared_sandbox.url}/media/v1/upload/no-such-video", headers=headers,
                              files={"file": ("a.mp4", handle, "video/mp4")})
    assert response.status_code == 404
