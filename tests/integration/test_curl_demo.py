"""Pixop's own curl demo runs unchanged against the sandbox (real curl, real jq, real video).

Transcribed step by step from ``pixop/pixop-cs-api-curl-demo``, file ``pixop_api_demo.sh``
(Pixop's script itself is not copied here): the same methods, paths, headers and bodies, the
credentials in a netrc file, and each next URL taken from the answer before (``uploadLightMediaUrl``,
``checkIngestProgressUrl``, ``processVideoUrl``, ``checkProgressUrl``, ``downloadMediaUrl``).
Only the server root (``API_SITE``), the clip and the pauses between polls differ.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from urllib.parse import urlsplit

import av
import pytest

from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD

pytestmark = [pytest.mark.timeout(60),
              pytest.mark.skipif(not (shutil.which("curl") and shutil.which("jq")),
                                 reason="the demo needs curl and jq (apt-get install curl jq)")]

COMMON = ["-H", "Content-Type: application/json", "-H", "Accept: application/json"]  # CURL_COMMON_HEADERS
PROCESS_REQUEST_BODY = """{
  "scaler": "pabsr1",
  "resolution": {
    "tag": "hd_1080p"
  },
  "clarityBoost": "medium"
}"""


class Demo:
    """curl and jq run in the demo's folder, as the script does."""

    def __init__(self, folder, api_site: str) -> None:
        self.folder, self.api_site = folder, api_site
        self.auth: list[str] = []

    def curl(self, *args: str, check: bool = False) -> str:
        done = subprocess.run(["curl", *args], cwd=self.folder, capture_output=True, text=True, timeout=30)
        assert not check or done.returncode == 0, f"curl {args}: exit {done.returncode} {done.stderr}"
        return done.stdout

    def jq(self, text: str, query: str) -> str:
        done = subprocess.run(["jq", "-r", query], input=text, capture_output=True, text=True, timeout=10)
        assert done.returncode == 0, f"jq {query!r} could not read: {text[:500]!r}"
        return done.stdout.strip()

    def wait_until_done(self, url: str, query: str) -> None:
        deadline = time.monotonic() + 40
        while self.jq(self.curl("-s", *COMMON, *self.auth, url), query) != "DONE":
            assert time.monotonic() < deadline, f"{url} never said DONE"
            time.sleep(0.2)  # the demo sleeps 5-10 s; the sandbox is quicker


def test_pixops_curl_demo_runs_unchanged(sandbox, clip_factory, tmp_path):
    folder = tmp_path / "demo"
    folder.mkdir()
    shutil.copy(clip_factory("clip.mov", seconds=1, fps=10), folder / "small.mov")
    host = urlsplit(sandbox.url).hostname
    (folder / "pixop-api-netrc").write_text(f"machine {host} login {DEFAULT_EMAIL} password {DEFAULT_PASSWORD}\n")
    demo = Demo(folder, sandbox.url)
    accounts, videos = f"{sandbox.url}/accounts/v1", f"{sandbox.url}/videos/v1"

    # Step 1: fetch the JWT (Basic auth from the netrc file; -f: an HTTP error fails the step).
    auth_response = demo.curl("-s", "-f", "--netrc-file", "pixop-api-netrc", *COMMON, f"{accounts}/token", check=True)
    jwt_token = demo.jq(auth_response, ".jwtToken")
    assert jwt_token not in ("", "null")
    demo.auth = ["-H", f"Authorization: Bearer {jwt_token}"]  # CURL_AUTH_HEADER

    # Step 2: create a project.
    project_response = demo.curl("-s", "-X", "PUT", *COMMON, *demo.auth, "-d", '{"name": "Demo project"}',
                                 f"{videos}/project")
    project_id = demo.jq(project_response, ".project.id")

    # Step 3: create a video in it (no name: only the project id).
    video_response = demo.curl("-s", "-X", "PUT", *COMMON, *demo.auth, "-d", f'{{"projectId": "{project_id}"}}',
                               f"{videos}/video")
    video_id = demo.jq(video_response, ".videoId")
    upload_endpoint = demo.jq(video_response, ".uploadLightMediaUrl")
    assert upload_endpoint.startswith(sandbox.url), video_response

    # Step 4: upload the file (multipart, only the Authorization header).
    upload_response = demo.curl("-s", "-F", "file=@small.mov", *demo.auth, upload_endpoint)
    check_ingest = demo.jq(upload_response, ".checkIngestProgressUrl")
    process_endpoint = demo.jq(upload_response, ".processVideoUrl")
    assert check_ingest.startswith(sandbox.url) and process_endpoint.startswith(sandbox.url), upload_response

    # Step 5: wait for the light ingestion.
    demo.wait_until_done(check_ingest, ".ingestionState.ingestionStatus")

    # Step 6: upscale to HD 1080p (curl -d makes it a POST).
    process_response = demo.curl("-s", *COMMON, *demo.auth, "-d", PROCESS_REQUEST_BODY, process_endpoint)
    check_progress = demo.jq(process_response, ".checkProgressUrl")
    download_endpoint = demo.jq(process_response, ".downloadMediaUrl")
    assert check_progress.startswith(sandbox.url) and download_endpoint.startswith(sandbox.url), process_response

    # Step 7: wait for the processing.
    demo.wait_until_done(check_progress, ".processingState.processingStatus")

    # Step 8: download the processed media (no -L: the answer must be the file itself).
    assert demo.curl("-s", *demo.auth, download_endpoint, "-o", "small_hd.mov") == ""
    with av.open(str(folder / "small_hd.mov")) as container:
        stream = container.streams.video[0]
        assert (stream.codec_context.width, stream.codec_context.height) == (1920, 1080)  # hd_1080p, as the seed's table says

    # Step 9: delete the original (and so its processed video).
    deleted = json.loads(demo.curl("-s", "-X", "DELETE", *COMMON, *demo.auth, f"{videos}/video/{video_id}"))
    assert {v["videoId"] for v in deleted["deletedVideos"]} >= {video_id}

    # Step 10: delete the project.
    demo.curl("-s", "-f", "-X", "DELETE", *COMMON, *demo.auth, f"{videos}/project/{project_id}", check=True)
    assert not [v for v in sandbox.state.videos() if v.project_id == project_id]
    assert all(project_id not in {p["id"] for p in sandbox.state.projects(team)}
               for team in sandbox.state.teams().values())
