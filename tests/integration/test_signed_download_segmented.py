"""The current API's signed-link download in byte ranges: no credentials, pinned to the storage's
ETag, CRC32C-checked, and a link that stops working mid-download is renewed and every range
resumes where it got to."""

from __future__ import annotations

import random

import pytest

from pixop_desktop.api.client import PixopClient
from pixop_desktop.sandbox import DEFAULT_API_KEY
from pixop_desktop.transfer.segments import split
from pixop_desktop.transfer.signed_download import SignedDownload
from tests.fixtures.sandbox import upload_video, v1_headers
from tests.integration.test_download_fixtures import sha256_of

MIB = 1 << 20
SIZE = 6 * MIB + 999
STARTS = [segment.start for segment in split(SIZE, 4, MIB)]


@pytest.fixture
def stored(sandbox, small_clip):
    video_id = upload_video(sandbox, small_clip, v1_headers(sandbox), light=True)
    sandbox.replace_media(video_id, data=random.Random(11).randbytes(SIZE))
    sleeps: list = []
    with PixopClient(sandbox.url, api_key=DEFAULT_API_KEY, sleep=lambda s: [f() for f in sleeps]) as client:
        yield client, video_id, sleeps


def _download(client, video_id, dest):
    links = []

    def get_link():
        links.append(client.imports.download_link(video_id))
        return links[-1]

    path = SignedDownload(client, video_id, get_link, dest, connections=4, min_segment=MIB).run()
    return path, links


def _range_starts(sandbox) -> list[int]:
    ranges = [entry["range"] for entry in sandbox.ctx.storage_log if entry["range"] not in (None, "bytes=0-0")]
    return [int(value.split("=")[1].split("-")[0]) for value in ranges]


def test_ranges_at_once_without_credentials(sandbox, stored, tmp_path):
    client, video_id, _ = stored
    path, _ = _download(client, video_id, tmp_path / "out" / "result.mp4")
    assert sha256_of(path) == sandbox.state.media_sha256(video_id)
    assert sorted(_range_starts(sandbox)) == STARTS
    assert not any(entry["authorization"] for entry in sandbox.ctx.storage_log)
    assert sorted(p.name for p in path.parent.iterdir()) == ["result.mp4"]


def test_a_link_that_stops_working_is_renewed_and_every_range_resumes(sandbox, stored, tmp_path):
    client, video_id, sleeps = stored
    sandbox.faults.cut_downloads(1, after_bytes=300_000)
    # While the cut range waits to retry, the storage's signing key changes: the link is refused.
    sleeps.append(lambda: setattr(sandbox.ctx, "jwt_secret", "rotated"))
    path, links = _download(client, video_id, tmp_path / "out" / "result.mp4")
    assert sha256_of(path) == sandbox.state.media_sha256(video_id)
    assert len(links) == 2
    starts = _range_starts(sandbox)
    assert set(STARTS) <= set(starts)
    assert [start for start in starts if start not in STARTS], "ranges resumed where they got to"


def test_storage_without_ranges_gets_one_stream(sandbox, stored, tmp_path):
    client, video_id, _ = stored
    sandbox.faults.ignore_range()
    path, _ = _download(client, video_id, tmp_path / "out" / "result.mp4")
    assert sha256_of(path) == sandbox.state.media_sha256(video_id)
    assert _range_starts(sandbox) == []  # only the probe asked for a range
