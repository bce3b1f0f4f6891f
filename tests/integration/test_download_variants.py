"""Downloads against the other ways real Pixop may serve media: ETags without quotes, and
redirects to signed storage links on another origin (GET only, credentials ignored)."""

from __future__ import annotations

from tests.integration.test_download_fixtures import (  # noqa: F401  (fixtures)
    MEDIA_SIZE, folder, listing, remote, sha256_of,
)

HALF = MEDIA_SIZE // 2


def test_unquoted_etag_still_resumes_from_the_cut(remote, folder):
    remote.sandbox.variants.enable("unquoted-etag")
    remote.sandbox.faults.cut_downloads(1, after_bytes=HALF)
    result = remote.download(folder)
    assert sha256_of(result.path) == remote.sha256
    assert result.etag and not result.etag.startswith(('"', "W/"))  # really unquoted
    assert result.attempts == 2
    assert result.bytes_received == MEDIA_SIZE  # resumed at the cut, not restarted


def _storage(remote) -> list[dict]:
    return remote.sandbox.ctx.storage_log


def test_redirect_to_a_signed_link_downloads_without_credentials(remote, folder):
    remote.sandbox.variants.enable("signed-redirect")
    result = remote.download(folder)
    assert result.path == folder / "interview.mp4"
    assert sha256_of(result.path) == remote.sha256
    seen = _storage(remote)
    assert any(entry["method"] == "HEAD" for entry in seen)  # tried, refused, coped
    assert any(entry["method"] == "GET" and entry["range"] is None for entry in seen)
    assert [entry for entry in seen if entry["authorization"]] == []


def test_signed_link_download_cut_at_half_resumes_from_the_cut(remote, folder):
    remote.sandbox.variants.enable("signed-redirect")
    # The one-byte probe that stands in for the refused HEAD is too short to be cut there.
    remote.sandbox.faults.cut_downloads(1, after_bytes=HALF)
    result = remote.download(folder)
    assert sha256_of(result.path) == remote.sha256
    assert (result.attempts, result.bytes_received) == (2, MEDIA_SIZE)
    gets = [entry["range"] for entry in _storage(remote) if entry["method"] == "GET"]
    assert gets == ["bytes=0-0", None, f"bytes={HALF}-"]  # the redirect followed again to resume
    assert [entry for entry in _storage(remote) if entry["authorization"]] == []


def test_media_head_copes_with_a_link_that_refuses_head(remote):
    remote.sandbox.variants.enable("signed-redirect")
    info = remote.client.media.head(remote.video_id, original=True)
    assert info.content_length == MEDIA_SIZE and info.file_name == "interview.mp4"
    assert info.etag and not info.etag.startswith("W/")
    assert [entry for entry in _storage(remote) if entry["authorization"]] == []
