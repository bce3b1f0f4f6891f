"""Splitting a download into byte ranges and trusting (or not) what a sidecar says of them."""

from __future__ import annotations

import httpx
import pytest

from pixop_desktop.transfer.segments import (
    MAX_CONNECTIONS, Segment, SegmentsRefused, check_answer, clamp_connections, from_json, missing,
    prefix, split, to_json, worth_splitting,
)

MIB = 1 << 20


def test_split_tiles_the_file_in_equal_ranges():
    segments = split(100 * MIB + 3, 4, min_segment=8 * MIB)
    assert len(segments) == 4
    assert segments[0].start == 0 and segments[-1].end == 100 * MIB + 3
    assert all(a.end == b.start for a, b in zip(segments, segments[1:]))
    assert max(s.end - s.start for s in segments) - min(s.end - s.start for s in segments) <= 1


def test_small_files_get_fewer_ranges_and_tiny_ones_one():
    assert len(split(20 * MIB, 16, min_segment=8 * MIB)) == 2
    assert len(split(7 * MIB, 4, min_segment=8 * MIB)) == 1
    assert not worth_splitting(15 * MIB, 4, 8 * MIB)
    assert worth_splitting(16 * MIB, 4, 8 * MIB)
    assert not worth_splitting(None, 4, 8 * MIB) and not worth_splitting(64 * MIB, 1, 8 * MIB)


def test_connections_are_clamped_to_1_to_16():
    assert clamp_connections(0) == 1 and clamp_connections(None) == 1
    assert clamp_connections(99) == MAX_CONNECTIONS == 16


def test_a_plain_partial_counts_as_done_in_the_ranges_it_covers():
    segments = split(40, 4, min_segment=10, have=25)
    assert [s.done for s in segments] == [10, 10, 5, 0]
    assert prefix(segments) == 25 and missing(segments) == 15


def test_prefix_stops_at_the_first_gap():
    segments = [Segment(0, 10, 10), Segment(10, 20, 4), Segment(20, 30, 10)]
    assert prefix(segments) == 14
    assert missing(segments) == 6


def test_the_sidecar_round_trip_keeps_progress():
    segments = [Segment(0, 10, 10), Segment(10, 20, 4), Segment(20, 30, 0)]
    assert from_json(to_json(segments), 30, on_disk=30) == segments


@pytest.mark.parametrize("value", [
    None, [], "x", [[0, 10, 10]],                      # not a tiling of 30 bytes
    [[0, 10, 10], [11, 30, 0]],                         # a gap
    [[0, 10, 11], [10, 30, 0]],                         # more done than the range holds
    [[0, 10, 5], [10, 30, -1]],                         # negative progress
    [[0, 10, 5], [10, 20, 0], [20, 31, 0]],             # beyond the size
    [[0, 10, 5.0], [10, 30, 0]],                        # not integers
    [[0, 10, True], [10, 30, 0]],
])
def test_records_that_do_not_fit_are_not_trusted(value):
    assert from_json(value, 30, on_disk=30) is None


def test_progress_beyond_what_the_part_holds_is_not_trusted():
    assert from_json([[0, 10, 10], [10, 30, 5]], 30, on_disk=12) is None
    assert from_json([[0, 10, 10], [10, 30, 0]], 30, on_disk=10) is not None


def _answer(status=206, etag='"v1"', content_range="bytes 10-19/30", length=10):
    headers = {"content-range": content_range, "content-length": str(length)}
    if etag:
        headers["etag"] = etag
    return httpx.Response(status, headers=headers)


def test_the_exact_range_with_our_etag_is_accepted():
    check_answer(_answer(), 10, 19, 30, '"v1"')


@pytest.mark.parametrize("response, restart", [
    (_answer(etag='"v2"'), True),                                 # another version
    (_answer(200, etag='"v2"', content_range=""), True),          # If-Range said: all of it, new
    (_answer(200, content_range=""), False),                      # same version, range ignored
    (_answer(etag=None), False),                                  # a proxy that dropped If-Range
    (_answer(content_range="bytes 10-19/31"), True),              # another size
    (_answer(content_range="bytes 11-19/30", length=9), False),   # another range
    (_answer(length=11), False),                                  # a length that does not fit
])
def test_answers_that_do_not_fit_are_refused(response, restart):
    with pytest.raises(SegmentsRefused) as refused:
        check_answer(response, 10, 19, 30, '"v1"')
    assert refused.value.restart is restart


def test_the_saved_setting_or_the_option_decides_the_connections():
    from pixop_desktop.services.runner import apply_download_connections
    from pixop_desktop.settings import Settings
    from pixop_desktop.transfer.segments import DEFAULT_CONNECTIONS, default_connections, set_default_connections

    try:
        assert apply_download_connections(Settings(download_connections=6)) == 6 == default_connections()
        assert apply_download_connections(Settings(download_connections=6), 2) == 2 == default_connections()
        assert Settings().download_connections == DEFAULT_CONNECTIONS
        with pytest.raises(ValueError):
            Settings(download_connections=17)
    finally:
        set_default_connections(DEFAULT_CONNECTIONS)


def test_a_large_file_gets_more_ranges_than_connections_none_over_the_largest():
    size = 200 * 10**9  # the 200 GB ProRes result
    segments = split(size, 4)
    assert max(s.end - s.start for s in segments) <= 128 * 8 * MIB
    assert all(a.end == b.start for a, b in zip(segments, segments[1:]))
    assert segments[0].start == 0 and segments[-1].end == size
    assert split(size, 16)[-1].end == size and len(split(size, 16)) == 187 - 16 + 16 * 4
    assert len(split(4 * 1024 * MIB, 8)) == 8  # 512 MiB each: one per connection


def test_the_last_ranges_of_a_large_file_are_cut_finer():
    # The last ranges run side by side: a long one finishing alone would leave the other
    # connections idle, and the digest a long stretch to read after the last byte arrived.
    segments = split(200 * 10**9, 4)
    bulk, tail = segments[:-16], segments[-16:]
    assert len(segments) == 187 - 4 + 16
    assert {s.end - s.start for s in tail} <= {(segments[-1].end - tail[0].start) // 16,
                                              (segments[-1].end - tail[0].start) // 16 + 1}
    assert max(s.end - s.start for s in tail) * 3 < min(s.end - s.start for s in bulk)
