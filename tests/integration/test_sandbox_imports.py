"""Current API imports: URL rules, a real HTTPS copy, S3 locations, status and the free clip."""

from __future__ import annotations


import google_crc32c
import httpx
import pytest

from pixop_desktop.sandbox import DEMO_S3_LOCATION_ID, Sandbox
from tests.fixtures.sandbox import api_headers
from tests.integration.https_source import serve_https

API = "/api/v1"


def _post_https(server, url: str, **params) -> httpx.Response:
    return httpx.post(f"{server.url}{API}/videos/in/https", headers=api_headers(),
                      params=params, json={"name": "Imported", "url": url}, timeout=30)


def test_api_key_is_required(shared_sandbox):
    missing = httpx.get(f"{shared_sandbox.url}{API}/input-locations/s3")
    wrong = httpx.get(f"{shared_sandbox.url}{API}/input-locations/s3", headers=api_headers("nope"))
    for response in (missing, wrong):
        body = response.json()
        assert response.status_code == 401 and body["statusCode"] == 401
        assert set(body) >= {"timestamp", "requestId", "requestPath", "errorCode", "errorCodeEnum",
                             "message", "validationErrors", "errorDetails"}


@pytest.mark.parametrize("url, words", [
    ("http://example.com/a.mp4", "https"),
    ("ftp://example.com/a.mp4", "https"),
    ("https://example.com:8443/a.mp4", "port 443"),
    ("https://127.0.0.1/a.mp4", "loopback"),
    ("https://[::1]/a.mp4", "loopback"),
    ("https://10.1.2.3/a.mp4", "private"),
    ("https://192.168.0.10/a.mp4", "private"),
    ("https://172.16.5.4/a.mp4", "private"),
    ("https://[fd00::1]/a.mp4", "private"),
    ("https://169.254.1.1/a.mp4", "link-local"),
    ("https://[fe80::1]/a.mp4", "link-local"),
    ("https://224.0.0.1/a.mp4", "multicast"),
    ("https://[ff02::1]/a.mp4", "multicast"),
    ("https://localhost/a.mp4", "loopback"),
    ("https:///a.mp4", "host"),
])
def test_url_rules_refuse(shared_sandbox, url, words):
    response = _post_https(shared_sandbox, url)
    assert response.status_code == 400, response.text
    body = response.json()
    assert words in body["message"]
    assert body["validationErrors"][0]["field"] == "url"


@pytest.mark.parametrize("params, body, field", [
    ({"maxConcurrentConnections": 0}, {}, "maxConcurrentConnections"),
    ({"maxConcurrentConnections": 21}, {}, "maxConcurrentConnections"),
    ({"crc32c": 4294967296}, {}, "crc32c"),
    ({"crc32c": -1}, {}, "crc32c"),
    ({}, {"name": ""}, "name"),
    ({}, {"name": "x" * 256}, "name"),
    ({}, {"description": "x" * 512}, "description"),
    ({}, {"fileName": "x" * 256}, "fileName"),
    ({}, {"url": "https://e.com/" + "x" * 4096}, "url"),
])
def test_field_limits(shared_sandbox, params, body, field):
    payload = {"name": "n", "url": "https://93.184.215.14/a.mp4", **body}
    response = httpx.post(f"{shared_sandbox.url}{API}/videos/in/https", headers=api_headers(),
                          params=params, json=payload)
    assert response.status_code == 400
    assert field in response.json()["message"]


# --- a real HTTPS source on loopback, trusted through a test CA (tests/integration/https_source.py)
@pytest.fixture
def https_source(tmp_path, small_clip):
    """(base url, CA file, clip bytes): /clip.mp4 honours Range, /norange.mp4 does not."""
    with serve_https(tmp_path, small_clip) as source:
        yield source.base, source.ca_file, source.data


@pytest.fixture
def private_sandbox(tmp_path, https_source):
    with Sandbox(data_dir=tmp_path / "d", allow_private_urls=True,
                 import_ca_file=https_source[1]) as server:
        yield server


def test_https_import_copies_verifies_ingests_and_makes_free_clip(private_sandbox, https_source):
    base, _, data = https_source
    crc = int.from_bytes(google_crc32c.Checksum(data).digest(), "big")
    response = _post_https(private_sandbox, f"{base}/clip.mp4", crc32c=crc,
                           maxConcurrentConnections=3, fullIngestion="true")
    assert response.status_code == 200, response.text
    video_id = response.json()["videoId"]
    assert private_sandbox.wait_idle(120)
    assert private_sandbox.state.media_path(video_id).read_bytes() == data
    status = httpx.get(f"{private_sandbox.url}{API}/videos/{video_id}/in/status",
                       headers=api_headers()).json()
    assert status["videoId"] == video_id
    assert status["upload"]["uploadState"]["uploadStatus"] == "DONE"
    assert status["ingestion"]["ingestionState"]["ingestionStatus"] == "DONE"
    assert status["ingestion"]["ingestionState"]["progressPercentage"] == 100.0
    derived = httpx.get(f"{private_sandbox.url}{API}/videos/{video_id}/derived",
                        headers=api_headers()).json()
    assert derived["totalElements"] == 1 and derived["pageNumber"] == 0
    clip = derived["items"][0]
    assert clip["parentVideoId"] == video_id
    assert private_sandbox.state.video(clip["id"]).kind == "derived"
    assert private_sandbox.state.video(clip["id"]).processing_status == "DONE"


def test_https_import_with_wrong_crc_fails_visibly(private_sandbox, https_source):
    base, _, _ = https_source
    response = _post_https(private_sandbox, f"{base}/clip.mp4", crc32c=12345)
    video_id = response.json()["videoId"]
    assert private_sandbox.wait_idle(60)
    state = httpx.get(f"{private_sandbox.url}{API}/videos/{video_id}/in/status",
                      headers=api_headers()).json()["upload"]["uploadState"]
    assert state["uploadStatus"] == "FAILED" and "CRC32C" in state["error"]


def test_https_source_without_range_is_refused(private_sandbox, https_source):
    base, _, _ = https_source
    response = _post_https(private_sandbox, f"{base}/norange.mp4")
    assert response.status_code == 400 and "range" in response.json()["message"]


def test_untrusted_certificate_is_refused(sandbox, https_source):
    base, _, _ = https_source
    with Sandbox(allow_private_urls=True) as server:  # no import_ca_file
        response = _post_https(server, f"{base}/clip.mp4")
    assert response.status_code == 400


# --- S3 input locations --------------------------------------------------------------------
def test_s3_locations_listed_and_imported(sandbox, small_clip):
    listed = httpx.get(f"{sandbox.url}{API}/input-locations/s3", headers=api_headers()).json()
    assert [loc["id"] for loc in listed["items"]] == [DEMO_S3_LOCATION_ID]
    assert listed["totalElements"] == 1 and listed["totalPages"] == 1
    (sandbox.s3_folder() / "in").mkdir()
    (sandbox.s3_folder() / "in" / "clip.mp4").write_bytes(small_clip.read_bytes())
    sandbox.set_free_clip(sandbox.state.team_id("Demo Team"), False)
    response = httpx.post(f"{sandbox.url}{API}/videos/in/s3/{DEMO_S3_LOCATION_ID}",
                          headers=api_headers(), json={"name": "From S3", "objectKey": "in/clip.mp4"})
    assert response.status_code == 200, response.text
    video_id = response.json()["videoId"]
    assert sandbox.wait_idle(60)
    video = sandbox.state.video(video_id)
    assert video.upload_done and video.ingestion_status == "DONE"
    assert sandbox.state.record(video_id)["upload"]["fileName"] == "clip.mp4"
    derived = httpx.get(f"{sandbox.url}{API}/videos/{video_id}/derived", headers=api_headers()).json()
    assert derived["items"] == [], "the free clip is disabled for this team"


@pytest.mark.parametrize("location, key", [
    ("00000000-0000-4000-8000-000000000000", "clip.mp4"),
    (DEMO_S3_LOCATION_ID, "missing.mp4"),
    (DEMO_S3_LOCATION_ID, "../state.json"),
])
def test_s3_missing_things_are_404(shared_sandbox, location, key):
    response = httpx.post(f"{shared_sandbox.url}{API}/videos/in/s3/{location}",
                          headers=api_headers(), json={"name": "x", "objectKey": key})
    assert response.status_code == 404 and response.json()["errorCode"] == "NOT_FOUND"


def test_s3_missing_bucket_is_404(tmp_path):
    with Sandbox(data_dir=tmp_path / "d", s3_locations={"gone": tmp_path / "nope"}) as server:
        location = [loc for loc in server.ctx.s3_locations.values() if loc.bucket == "gone"][0]
        response = httpx.post(f"{server.url}{API}/videos/in/s3/{location.id}",
                              headers=api_headers(), json={"name": "x", "objectKey": "a.mp4"})
    assert response.status_code == 404 and "bucket" in response.json()["message"]


def test_select_team_id(shared_sandbox):
    second = shared_sandbox.state.team_id("Second Team")
    ok = httpx.get(f"{shared_sandbox.url}{API}/input-locations/s3", headers=api_headers(),
                   params={"selectTeamId": second})
    assert ok.status_code == 200
    refused = httpx.get(f"{shared_sandbox.url}{API}/input-locations/s3", headers=api_headers(),
                        params={"selectTeamId": "not-mine"})
    assert refused.status_code == 403
