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
