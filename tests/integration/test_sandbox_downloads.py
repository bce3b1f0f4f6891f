"""Downloads: ETag, Range, If-Range, If-None-Match, HEAD, 416, Content-Disposition."""

from __future__ import annotations

import hashlib

import httpx
import pytest

from tests.fixtures.sandbox import upload_video, v1_headers




@pytest.fixture
def original(shared_sandbox, small_clip):
    """(url, headers, bytes) of an uploaded original in the shared sandbox."""
    headers = v1_headers(shared_sandbox)
    video_id = upload_video(shared_sandbox, small_clip, headers, light=True)
    yield f"{shared_sandbox.url}/media/v1/download/original/{video_id}", headers, small_clip.read_bytes()
    httpx.delete(f"{shared_sandbox.url}/videos/v1/video/{video_id}", headers=headers)


def test_full_download_headers(original):
    url, headers, data = original
    response = httpx.get(url, headers=headers)
    assert response.status_code == 200 and response.content == data
    assert response.headers["content-length"] == str(len(data))
    assert response.headers["accept-ranges"] == "bytes"
    etag = response.headers["etag"]
    assert etag.startswith('"') and etag.strip('"') == hashlib.sha256(data).hexdigest()
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and "filename*=UTF-8''small.mp4" in disposition
    assert httpx.get(url, headers=headers).headers["etag"] == etag


def test_head_has_headers_and_no_body(original):
    url, headers, data = original
    response = httpx.head(url, headers=headers)
    assert response.status_code == 200 and response.content == b""
    assert response.headers["content-length"] == str(len(data))


@pytest.mark.parametrize("header, start, end", [
    ("bytes=10-19", 10, 19), ("bytes=100-", 100, None), ("bytes=-50", -50, None),
    ("bytes=0-999999999", 0, None),
])
def test_ranges(original, header, start, end):
    url, headers, data = original
    response = httpx.get(url, headers={**headers, "Range": header})
    assert response.status_code == 206
    expected = data[start:] if end is None else data[start:end + 1]
    assert response.content == expected
    first = start if start >= 0 else len(data) + start
    assert response.headers["content-range"] == f"bytes {first}-{first + len(expected) - 1}/{len(data)}"
    assert response.headers["content-length"] == str(len(expected))


def test_unsatisfiable_range_is_416(original):
    url, headers, data = original
    response = httpx.get(url, headers={**headers, "Range": f"bytes={len(data)}-"})
    assert response.status_code == 416
    assert response.headers["content-range"] == f"bytes */{len(data)}"


def test_if_range_pins_the_range_to_the_etag(original):
    url, headers, data = original
    etag = httpx.head(url, headers=headers).headers["etag"]
    same = httpx.get(url, headers={**headers, "Range": "bytes=5-9", "If-Range": etag})
    assert same.status_code == 206 and same.content == data[5:10]
    other = httpx.get(url, headers={**headers, "Range": "bytes=5-9", "If-Range": '"stale"'})
    assert other.status_code == 200 and other.content == data


def test_if_none_match_is_304(original):
    url, headers, _ = original
    etag = httpx.head(url, headers=headers).headers["etag"]
    response = httpx.get(url, headers={**headers, "If-None-Match": etag})
    assert response.status_code == 304 and response.content == b""
    assert httpx.get(url, headers={**headers, "If-None-Match": '"other"'}).status_code == 200


def test_downloads_need_a_token_and_the_team(original, shared_sandbox):
    url, _, _ = original
    assert httpx.get(url).json()["exception"] == "NoJWTTokenFoundException"
    second = v1_headers(shared_sandbox, team_id=shared_sandbox.state.team_id("Second Team"))
    assert httpx.get(url, headers=second).status_code == 404


def test_processed_download_only_when_done(shared_sandbox, original):
    url, headers, _ = original
    video_id = url.rsplit("/", 1)[1]
    response = httpx.get(f"{shared_sandbox.url}/media/v1/download/processed/{video_id}", headers=headers)
    assert response.status_code == 404
