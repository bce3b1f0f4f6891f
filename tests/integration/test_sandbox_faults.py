"""Each fault switch does what it says, seen with plain httpx."""

from __future__ import annotations

import os
import time
from urllib.parse import unquote

import httpx
import pytest

from pixop_desktop.sandbox.faults import HOSTILE_FILENAMES
from tests.fixtures.sandbox import upload_video, v1_headers

BODY = os.urandom(300_000)


@pytest.fixture
def media(sandbox, small_clip):
    """(sandbox, url, headers) of an original whose stored bytes are BODY."""
    headers = v1_headers(sandbox)
    video_id = upload_video(sandbox, small_clip, headers, light=True)
    sandbox.replace_media(video_id, data=BODY)
    return sandbox, f"{sandbox.url}/media/v1/download/original/{video_id}", headers


def _read_until_error(url: str, headers: dict) -> tuple[httpx.Response, bytes, Exception | None]:
    received = bytearray()
    with httpx.stream("GET", url, headers=headers) as response:
        try:
            for chunk in response.iter_raw():
                received += chunk
        except httpx.HTTPError as exc:
            return response, bytes(received), exc
    return response, bytes(received), None


def test_cut_downloads_then_recover(media):
    sandbox, url, headers = media
    sandbox.faults.cut_downloads(count=1, after_bytes=70_000)
    response, received, error = _read_until_error(url, headers)
    assert error is not None and received == BODY[:70_000]
    assert response.headers["content-length"] == str(len(BODY))
    assert httpx.get(url, headers=headers).content == BODY


def test_short_body(media):
    sandbox, url, headers = media
    sandbox.faults.short_body(count=1, after_bytes=1234)
    response, received, error = _read_until_error(url, headers)
    assert error is not None and received == BODY[:1234]
    assert int(response.headers["content-length"]) == len(BODY)


def test_ignore_range(media):
    sandbox, url, headers = media
    sandbox.faults.ignore_range()
    response = httpx.get(url, headers={**headers, "Range": "bytes=100-"})
    assert response.status_code == 200 and response.content == BODY
    sandbox.faults.reset()
    assert httpx.get(url, headers={**headers, "Range": "bytes=100-"}).status_code == 206


def test_unavailable_with_retry_after_and_prefix(media):
    sandbox, url, headers = media
    sandbox.faults.unavailable(count=2, retry_after=7, path_prefix="/media/")
    other = httpx.get(f"{sandbox.url}/videos/v1/projects", headers=headers)
    assert other.status_code == 200, "other paths are not affected"
    for _ in range(2):
        refused = httpx.get(url, headers=headers)
        assert refused.status_code == 503 and refused.headers["retry-after"] == "7"
        assert refused.json()["exception"] == "ServiceUnavailableException"
    assert httpx.get(url, headers=headers).status_code == 200


def test_limit_rate(media):
    sandbox, url, headers = media
    sandbox.faults.limit_rate(600_000)
    started = time.monotonic()
    assert httpx.get(url, headers=headers).content == BODY
    assert time.monotonic() - started >= 0.45
    sandbox.faults.limit_rate(0)
    started = time.monotonic()
    httpx.get(url, headers=headers)
    assert time.monotonic() - started < 0.45


def test_weak_and_missing_etag(media):
    sandbox, url, headers = media
    strong = httpx.head(url, headers=headers).headers["etag"]
    sandbox.faults.weak_etag()
    weak = httpx.head(url, headers=headers).headers["etag"]
    assert weak == "W/" + strong
    pinned = httpx.get(url, headers={**headers, "Range": "bytes=0-9", "If-Range": weak})
    assert pinned.status_code == 200, "a weak validator never pins a range"
    sandbox.faults.no_etag()
    assert "etag" not in httpx.head(url, headers=headers).headers


def test_etag_changes_with_salt_and_with_replaced_media(media):
    sandbox, url, headers = media
    first = httpx.head(url, headers=headers).headers["etag"]
    sandbox.faults.salt_etags("v2")
    salted = httpx.head(url, headers=headers).headers["etag"]
    assert salted != first
    resumed = httpx.get(url, headers={**headers, "Range": "bytes=10-", "If-Range": first})
    assert resumed.status_code == 200 and resumed.content == BODY
    sandbox.faults.reset()
    video_id = url.rsplit("/", 1)[1]
    sandbox.replace_media(video_id, data=b"new bytes")
    replaced = httpx.get(url, headers=headers)
    assert replaced.content == b"new bytes" and replaced.headers["etag"] not in (first, salted)


@pytest.mark.parametrize("name", HOSTILE_FILENAMES)
def test_hostile_filename(media, name):
    sandbox, url, headers = media
    sandbox.faults.hostile_filename(name)
    disposition = httpx.head(url, headers=headers).headers["content-disposition"]
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == name


def test_reset_turns_everything_off(media):
    sandbox, url, headers = media
    sandbox.faults.cut_downloads(5)
    sandbox.faults.unavailable(5)
    sandbox.faults.no_etag()
    sandbox.faults.reset()
    response = httpx.get(url, headers=headers)
    assert response.status_code == 200 and response.content == BODY and "etag" in response.headers


def test_limit_rate_applies_to_uploads(sandbox):
    headers = v1_headers(sandbox)
    video_id = httpx.put(f"{sandbox.url}/videos/v1/video", headers=headers, json={}).json()["videoId"]
    sandbox.faults.limit_rate(400_000)
    started = time.monotonic()
    response = httpx.post(f"{sandbox.url}/media/v1/upload/light/{video_id}", headers=headers,
                          files={"file": ("x.bin", BODY, "application/octet-stream")})
    assert response.status_code == 200
    assert time.monotonic() - started >= 0.5
