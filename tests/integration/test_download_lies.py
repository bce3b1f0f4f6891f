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


def test_bytes_that_do_not_match_the_etags_digest_are_not_kept(remote, folder):
    from pixop_desktop.transfer.download import DownloadFailed

    # The stored bytes change behind the server's back: its ETag (a SHA-256) no longer fits them.
    path = remote.sandbox.ctx.store.media_path(remote.video_id)
    path.write_bytes(media_bytes(7))
    try:
        remote.download(folder)
    except DownloadFailed as failure:
        assert "arrived damaged" in failure.message and "SHA256" in failure.message
    else:
        raise AssertionError("a damaged download was accepted")
    assert not (folder / "interview.mp4").exists()
    assert (folder / "interview.mp4.part").stat().st_size == 0  # nothing of it kept


def test_a_resumed_download_is_checked_whole(remote, folder):
    remote.sandbox.faults.cut_downloads(1, after_bytes=HALF)
    result = remote.download(folder)  # the digest of the first half is caught up from disk
    assert sha256_of(result.path) == remote.sha256 and result.bytes_received == MEDIA_SIZE
