"""Resuming and validating downloads against the sandbox's fault modes over loopback."""

from __future__ import annotations

import hashlib
import json
import threading
import time

import pytest

from pixop_desktop.transfer.download import DownloadCancelled, DownloadFailed
from tests.integration.test_download_fixtures import (  # noqa: F401  (fixtures)
    MEDIA_SIZE, folder, listing, media_bytes, remote, sha256_of,
)

FORTY_PERCENT = int(MEDIA_SIZE * 0.4)


def test_cut_at_40_percent_resumes_where_it_stopped(remote, folder):
    remote.sandbox.faults.cut_downloads(1, after_bytes=FORTY_PERCENT)
    result = remote.download(folder)
    assert sha256_of(result.path) == remote.sha256
    assert result.attempts == 2
    assert result.bytes_received == MEDIA_SIZE  # resumed, not restarted
    assert len(remote.sleeps) == 1  # the client's backoff, once


def test_a_server_ignoring_range_restarts_from_zero_and_never_appends(remote, folder):
    remote.sandbox.faults.ignore_range()
    remote.sandbox.faults.cut_downloads(1, after_bytes=FORTY_PERCENT)
    result = remote.download(folder)
    assert result.path.stat().st_size == MEDIA_SIZE
    assert sha256_of(result.path) == remote.sha256
    assert result.bytes_received == FORTY_PERCENT + MEDIA_SIZE


def test_etag_changed_between_attempts_discards_the_partial(remote, folder):
    """Same size, other bytes: only the ETag tells them apart (If-Range → full 200)."""
    remote.sandbox.faults.cut_downloads(1, after_bytes=FORTY_PERCENT)
    remote.between_attempts.append(lambda: remote.replace(media_bytes(2)))
    result = remote.download(folder)
    assert sha256_of(result.path) == remote.sha256 == hashlib.sha256(media_bytes(2)).hexdigest()
    assert result.bytes_received == FORTY_PERCENT + MEDIA_SIZE


def test_etag_changed_between_runs_discards_the_partial(remote, folder):
    remote.sandbox.faults.limit_rate(MEDIA_SIZE * 3)  # ~0.3 s: progress reports arrive mid-way
    with pytest.raises(DownloadCancelled):
        remote.download(folder, **_cancel_at(FORTY_PERCENT))
    assert listing(folder) == ["interview.mp4.part", "interview.mp4.part.json"]
    remote.sandbox.faults.limit_rate(0)
    remote.replace(media_bytes(3))
    result = remote.download(folder)
    assert result.path == folder / "interview.mp4"
    assert sha256_of(result.path) == remote.sha256
    assert result.bytes_received == MEDIA_SIZE  # all of it again: nothing spliced


def test_weak_etag_means_full_downloads_without_if_range(remote, folder):
    remote.sandbox.faults.weak_etag()
    remote.sandbox.faults.cut_downloads(1, after_bytes=FORTY_PERCENT)
    result = remote.download(folder)
    assert sha256_of(result.path) == remote.sha256
    assert result.bytes_received == FORTY_PERCENT + MEDIA_SIZE  # the partial was not trusted


def test_missing_etag_across_runs_restarts_from_zero(remote, folder):
    remote.sandbox.faults.no_etag()
    remote.sandbox.faults.limit_rate(MEDIA_SIZE * 3)
    with pytest.raises(DownloadCancelled):
        remote.download(folder, **_cancel_at(FORTY_PERCENT))
    remote.sandbox.faults.limit_rate(0)
    result = remote.download(folder)
    assert sha256_of(result.path) == remote.sha256
    assert result.bytes_received == MEDIA_SIZE


def test_503_with_retry_after_waits_as_told(remote, folder):
    remote.sandbox.faults.unavailable(count=2, retry_after=7, path_prefix="/media/v1/download")
    result = remote.download(folder)
    assert sha256_of(result.path) == remote.sha256
    assert remote.sleeps == [7, 7]  # HEAD and GET each refused once, each retry as told


def test_token_expiring_mid_download_is_renewed_for_the_resume(remote, folder):
    faults = remote.sandbox.faults
    faults.limit_rate(MEDIA_SIZE * 4)
    faults.cut_downloads(1, after_bytes=int(MEDIA_SIZE * 0.6))
    expired = threading.Event()

    def expire_once(done, total):
        if done >= FORTY_PERCENT and not expired.is_set():
            faults.expire_tokens()  # the JWT in use is now refused by the server
            expired.set()

    result = remote.download(folder, progress=expire_once)
    assert expired.is_set()
    assert sha256_of(result.path) == remote.sha256
    assert (result.attempts, result.bytes_received) == (2, MEDIA_SIZE)


def test_short_body_is_retried_and_resumed(remote, folder):
    remote.sandbox.faults.short_body(1, after_bytes=FORTY_PERCENT)
    result = remote.download(folder)
    assert sha256_of(result.path) == remote.sha256
    assert (result.attempts, result.bytes_received) == (2, MEDIA_SIZE)


def test_short_bodies_without_end_are_never_reported_done(remote, folder):
    remote.sandbox.faults.weak_etag()  # no resume: every attempt stops at the same byte
    remote.sandbox.faults.short_body(10, after_bytes=FORTY_PERCENT)
    with pytest.raises(DownloadFailed) as caught:
        remote.download(folder, max_attempts=3)
    assert "3 times in a row" in caught.value.message
    assert "interview.mp4" not in listing(folder)
    assert (folder / "interview.mp4.part").stat().st_size == FORTY_PERCENT


def test_416_for_a_complete_partial_completes_after_verification(remote, folder):
    """A run that received every byte but stopped before the rename (e.g. a crash)."""
    remote.sandbox.faults.cut_downloads(1, after_bytes=MEDIA_SIZE - 1)
    remote.between_attempts.append(_crash)
    with pytest.raises(Crash):  # the partial stays, 1 byte short
        remote.download(folder)
    part = folder / "interview.mp4.part"
    with open(part, "ab") as handle:  # the last byte, as if it had arrived before the crash
        handle.write(media_bytes(1)[-1:])
    result = remote.download(folder)  # asks for bytes=SIZE- → 416, total = local size
    assert result.bytes_received == 0 and result.attempts == 1
    assert sha256_of(result.path) == remote.sha256
    assert listing(folder) == ["interview.mp4"]


def test_cancel_then_resume(remote, folder):
    remote.sandbox.faults.limit_rate(MEDIA_SIZE * 3)
    with pytest.raises(DownloadCancelled):
        remote.download(folder, **_cancel_at(FORTY_PERCENT))
    part = folder / "interview.mp4.part"
    kept = part.stat().st_size
    assert FORTY_PERCENT <= kept < MEDIA_SIZE
    sidecar = json.loads((folder / "interview.mp4.part.json").read_text())
    assert sidecar["size"] == MEDIA_SIZE and sidecar["etag"] and sidecar["url"].endswith(remote.video_id)
    assert "password" not in json.dumps(sidecar).lower() and "bearer" not in json.dumps(sidecar).lower()
    remote.sandbox.faults.limit_rate(0)
    result = remote.download(folder)
    assert sha256_of(result.path) == remote.sha256
    assert result.bytes_received == MEDIA_SIZE - kept


def test_stall_watchdog_aborts_and_resumes(remote, folder):
    remote.sandbox.faults.limit_rate(2000)  # the first piece would take ~0.5 s: a stall
    remote.between_attempts.append(lambda: remote.sandbox.faults.limit_rate(0))
    started = time.monotonic()
    result = remote.download(folder, stall_seconds=0.1)
    assert time.monotonic() - started < 5
    assert sha256_of(result.path) == remote.sha256
    assert result.attempts == 2


def test_bandwidth_limiter_slows_the_download(remote, folder):
    from pixop_desktop.transfer.throttle import BandwidthLimiter

    limiter = BandwidthLimiter(MEDIA_SIZE * 4)  # ≈ 0.25 s for the file
    started = time.monotonic()
    result = remote.download(folder, limiter=limiter)
    elapsed = time.monotonic() - started
    assert sha256_of(result.path) == remote.sha256
    assert 0.15 < elapsed < 3


class Crash(Exception):
    """Stands for the process dying between two attempts."""


def _crash() -> None:
    raise Crash()


def _cancel_at(at_least: int) -> dict:
    """``progress`` and ``cancel`` options that cancel once ``at_least`` bytes are in."""
    cancel = threading.Event()

    def progress(done, total):
        if done >= at_least:
            cancel.set()

    return {"progress": progress, "cancel": cancel}
