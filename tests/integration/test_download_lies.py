"""A server that lies about where a download ends or which version a piece belongs to:
never a truncated or spliced file passed off as done."""

from __future__ import annotations

from tests.integration.test_download_fixtures import (  # noqa: F401  (fixtures)
    MEDIA_SIZE, folder, media_bytes, remote, sha256_of,
)

HALF = MEDIA_SIZE // 2


def test_an_early_close_of_an_unsized_body_is_not_taken_for_the_end(remote, folder):
    # No Content-Length and a clean end after half: only HEAD's size shows it is short.
    remote.sandbox.faults.unframed_body(1, after_bytes=HALF)
    result = remote.download(folder)
    assert result.path.stat().st_size == MEDIA_SIZE
    assert sha256_of(result.path) == remote.sha256
    assert result.attempts == 2


def test_a_partial_without_the_validator_restarts_from_zero(remote, folder):
    remote.sandbox.faults.cut_downloads(1, after_bytes=HALF)
    remote.sandbox.faults.partial_without_etag()
    # Between the attempts the stored file becomes another version of the same size.
    remote.between_attempts.append(lambda: remote.replace(media_bytes(99)))
    result = remote.download(folder)
    assert result.path.read_bytes() == media_bytes(99)  # the whole new version, never spliced
