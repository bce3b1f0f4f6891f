"""Segmented downloads against the sandbox: several ranges at once, byte-identical, with the
single stream's safety (a changed file restarts cleanly, a server ignoring ranges gets one
connection, the bandwidth limit holds across connections, a cancelled run resumes only what is
missing)."""

from __future__ import annotations

import json
import time

import pytest

from pixop_desktop.transfer.download import DownloadCancelled
from pixop_desktop.transfer.segments import split
from pixop_desktop.transfer.throttle import BandwidthLimiter
from tests.integration.test_download_fixtures import (  # noqa: F401  (fixtures)
    folder, listing, media_bytes, remote, sha256_of,
)

MIB = 1 << 20
SIZE = 6 * MIB + 777
SEGMENT = MIB  # small ranges for tests; the app's default is 8 MiB
STARTS = [segment.start for segment in split(SIZE, 4, SEGMENT)]


@pytest.fixture
def big(remote):
    remote.replace(media_bytes(5, SIZE))
    return remote


def _download(remote, dest, **options):
    return remote.download(dest, connections=4, min_segment=SEGMENT, **options)


def test_four_ranges_at_once_make_the_same_file(big, folder):
    rate = 2 * MIB  # per answer: one stream would take 3 s, four 0.75 s
    big.sandbox.faults.limit_rate(rate)
    started = time.monotonic()
    result = _download(big, folder)
    elapsed = time.monotonic() - started
    assert sha256_of(result.path) == big.sha256
    assert (result.size, result.bytes_received, result.attempts) == (SIZE, SIZE, 4)
    assert sorted(big.sandbox.faults.download_starts()) == STARTS
    assert listing(folder) == ["interview.mp4"]
    # Faster than any one answer could carry the file: the ranges ran side by side.
    assert elapsed < 0.9 * SIZE / rate, f"the ranges did not run at once ({elapsed:.1f} s)"


def test_small_files_use_one_connection(big, folder):
    result = big.download(folder, connections=4)  # the default 8 MiB ranges: too small to split
    assert sha256_of(result.path) == big.sha256
    assert big.sandbox.faults.download_starts() == [0]


def test_a_cut_range_resumes_where_it_stopped(big, folder):
    big.sandbox.faults.cut_downloads(1, after_bytes=300_000)
    result = _download(big, folder)
    assert sha256_of(result.path) == big.sha256
    assert result.bytes_received == SIZE and result.attempts == 5
    # Whichever range was cut resumes at the byte it got to.
    starts = big.sandbox.faults.download_starts()
    resumed = [start for start in starts if start not in STARTS]
    assert set(starts) - set(resumed) == set(STARTS) and len(starts) == 5 and len(resumed) == 1
    assert resumed[0] - 300_000 in STARTS
    assert len(big.sleeps) == 1


def test_a_file_changed_mid_download_restarts_every_range(big, folder):
    big.sandbox.faults.cut_downloads(1, after_bytes=300_000)
    big.between_attempts.append(lambda: big.replace(media_bytes(6, SIZE)))
    result = _download(big, folder)
    assert sha256_of(result.path) == big.sha256 == result.etag.strip('"')
    assert sorted(big.sandbox.faults.download_starts()[-4:]) == STARTS  # all four again
    assert listing(folder) == ["interview.mp4"]


def test_a_server_ignoring_ranges_gets_one_connection(big, folder):
    big.sandbox.faults.ignore_range()
    result = _download(big, folder)
    assert sha256_of(result.path) == big.sha256
    # Every range got the whole file instead: refused, then one plain download from byte 0.
    assert set(big.sandbox.faults.download_starts()) == {0}
    assert result.attempts == len(big.sandbox.faults.download_starts())


def test_the_bandwidth_limit_holds_across_connections(big, folder):
    rate = 8 * MIB
    limiter = BandwidthLimiter(rate)
    started = time.monotonic()
    result = _download(big, folder, limiter=limiter)
    elapsed = time.monotonic() - started
    assert sha256_of(result.path) == big.sha256 and result.attempts == 4
    floor = (SIZE - rate * limiter.BURST_SECONDS) / rate
    assert elapsed >= floor * 0.95, f"{elapsed:.2f} s: faster than the limit allows ({floor:.2f} s)"


def test_a_cancelled_download_records_its_ranges_and_resumes_only_the_rest(big, folder):
    big.sandbox.faults.limit_rate(2 * MIB)

    def cancel_midway(done, total):
        if done > SIZE // 3:
            raise_cancel.append(True)

    raise_cancel: list[bool] = []
    with pytest.raises(DownloadCancelled):
        _download(big, folder, progress=cancel_midway, cancel=lambda: bool(raise_cancel))
    sidecar = json.loads((folder / "interview.mp4.part.json").read_text())
    recorded = sidecar["segments"]
    assert [r[0] for r in recorded] == STARTS and 0 < sum(r[2] for r in recorded) < SIZE
    before = len(big.sandbox.faults.download_starts())
    big.sandbox.faults.limit_rate(0)
    result = _download(big, folder)
    assert sha256_of(result.path) == big.sha256
    wanted = sorted(start + done for start, end, done in recorded if start + done < end)
    assert sorted(big.sandbox.faults.download_starts()[before:]) == wanted
    assert result.bytes_received == SIZE - sum(r[2] for r in recorded)


def test_ranges_follow_a_redirect_to_a_signed_storage_link(big, folder):
    big.sandbox.variants.enable("signed-redirect")  # HEAD refused there: the size comes from a GET
    result = _download(big, folder)
    assert sha256_of(result.path) == big.sha256 and result.attempts == 4
    ranges = [entry["range"] for entry in big.sandbox.ctx.storage_log if entry["range"] != "bytes=0-0"]
    assert sorted(int(r.split("=")[1].split("-")[0]) for r in ranges if r) == STARTS
    assert not any(entry["authorization"] for entry in big.sandbox.ctx.storage_log)


def test_every_connection_has_the_stall_watchdog(big, folder):
    big.sandbox.faults.limit_rate(2000)  # a first piece would take ~0.5 s on each connection: stalls
    big.between_attempts.append(lambda: big.sandbox.faults.limit_rate(0))
    started = time.monotonic()
    result = _download(big, folder, stall_seconds=0.1)
    assert time.monotonic() - started < 5
    assert sha256_of(result.path) == big.sha256
    assert result.attempts > 4  # ranges stalled, were cut and resumed (all four, on most runs)


def test_more_ranges_than_connections_are_all_fetched(big, folder):
    # Ranges of at most 128 x 16 KiB = 2 MiB: four of them for two connections, the last two of
    # which are cut in four each (the tail runs side by side).
    segment = 16 * 1024
    ranges = split(SIZE, 2, segment)
    assert len(ranges) == 2 + 2 * 4
    result = big.download(folder, connections=2, min_segment=segment)
    assert sha256_of(result.path) == big.sha256 and result.attempts == len(ranges)
    assert sorted(big.sandbox.faults.download_starts()) == [r.start for r in ranges]
