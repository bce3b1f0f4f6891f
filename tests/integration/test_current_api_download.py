"""``out/https`` and the signed-link download: another origin, no credentials, resumed, CRC32C checked."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from pixop_desktop.api.client import PixopClient
from pixop_desktop.transfer.crc import file_crc32c
from pixop_desktop.transfer.signed_download import CHECKSUM_TITLE, SignedDownload
from pixop_desktop.sandbox import DEFAULT_API_KEY
from pixop_desktop.transfer.download_support import DownloadFailed
from pixop_desktop.transfer.partfile import Sidecar
from tests.fixtures.sandbox import upload_video, v1_headers


@pytest.fixture
def stored(sandbox, small_clip):
    """A video with media in the sandbox, and a client holding only the API key."""
    video_id = upload_video(sandbox, small_clip, v1_headers(sandbox), light=True)
    with PixopClient(sandbox.url, api_key=DEFAULT_API_KEY) as client:
        yield client, video_id


def test_out_https_gives_a_signed_link_with_checksum_and_name(sandbox, stored, small_clip):
    client, video_id = stored
    link = client.imports.download_link(video_id)
    assert urlsplit(link.url).netloc != urlsplit(sandbox.url).netloc
    assert link.crc32c_checksum == file_crc32c(small_clip) and link.file_size == small_clip.stat().st_size
    assert link.suggested_file_name and link.expires_at is not None


def test_download_resumes_a_partial_and_checks_the_crc(stored, small_clip, tmp_path):
    client, video_id = stored
    dest = tmp_path / "result.mp4"
    first = SignedDownload(client, video_id, lambda: client.imports.download_link(video_id), dest)
    link = client.imports.download_link(video_id)
    data = small_clip.read_bytes()
    half = len(data) // 2
    # what an interrupted run leaves: the first half and its sidecar (right identity, no ETag yet)
    (tmp_path / "result.mp4.part").write_bytes(data[:half])
    Sidecar(url=f"{client.server}/api/v1/videos/{video_id}/out/https#size={link.file_size}"
                f"&crc32c={link.crc32c_checksum}", size=link.file_size).save(tmp_path / "result.mp4.part")
    seen: list[tuple[int, int | None]] = []
    first.progress = lambda done, total: seen.append((done, total))
    assert first.run() == dest and dest.read_bytes() == data
    assert seen and all(done > half for done, _ in seen), "resumed from the partial, not restarted"
    assert not list(tmp_path.glob("*.part*"))


def test_a_checksum_mismatch_keeps_nothing_and_says_so(sandbox, stored, tmp_path):
    client, video_id = stored
    link = client.imports.download_link(video_id)
    stored_media = sandbox.state.media_path(video_id)
    stored_media.write_bytes(stored_media.read_bytes()[::-1])  # the storage now serves other bytes
    dest = tmp_path / "result.mp4"
    with pytest.raises(DownloadFailed) as failed:
        SignedDownload(client, video_id, lambda: link, dest).run()
    assert failed.value.title == CHECKSUM_TITLE and "checksum" in failed.value.message
    assert not dest.exists() and not list(tmp_path.glob("*.part*"))
