"""The client's checks of a download answer (transfer/ranges.py), on real httpx.Response objects.

A resumed download asks for ``bytes=OFFSET-`` of a file whose size and ETag the partial's
sidecar recorded; every answer that does not fit exactly must be refused before a byte is
written, and a refusal that makes the partial untrustworthy must say so (``discard``).
"""

from __future__ import annotations

import httpx
import pytest

from pixop_desktop.transfer.ranges import (Accepted, AttemptFailed, accept_response, complete_after_416,
                                           parse_content_range)

SIZE, OFFSET, ETAG = 1000, 400, '"abc123"'


def answer(status: int, content_range: str | None = None, *, etag: str | None = ETAG,
           length: int | None = None) -> httpx.Response:
    headers = {}
    if content_range is not None:
        headers["Content-Range"] = content_range
    if etag is not None:
        headers["ETag"] = etag
    if length is not None:
        headers["Content-Length"] = str(length)
    return httpx.Response(status, headers=headers,
                          request=httpx.Request("GET", "http://127.0.0.1/media", headers={"Range": f"bytes={OFFSET}-"}))


def refused(response: httpx.Response) -> AttemptFailed:
    with pytest.raises(AttemptFailed) as caught:
        accept_response(response, OFFSET, ETAG, SIZE)
    return caught.value


def test_the_right_range_is_accepted_from_the_offset():
    accepted = accept_response(answer(206, f"bytes {OFFSET}-{SIZE - 1}/{SIZE}", length=SIZE - OFFSET),
                               OFFSET, ETAG, SIZE)
    assert accepted == Accepted(start=OFFSET, total=SIZE, etag=ETAG, restarted=False)


def test_a_range_without_the_validator_it_was_asked_for_restarts_from_zero():
    # A proxy that ignores If-Range may splice another version on: nothing says it is ours.
    error = refused(answer(206, f"bytes {OFFSET}-{SIZE - 1}/{SIZE}", etag=None))
    assert error.discard and "no ETag" in error.reason


def test_a_range_starting_elsewhere_is_refused_and_the_partial_discarded():
    error = refused(answer(206, f"bytes 0-{SIZE - 1}/{SIZE}"))
    assert error.discard and f"starts at byte 0, not {OFFSET}" in error.reason


def test_a_range_stopping_before_the_end_is_refused():
    error = refused(answer(206, f"bytes {OFFSET}-{SIZE - 2}/{SIZE}"))
    assert error.discard and f"ends at byte {SIZE - 2}, not at the end ({SIZE - 1})" in error.reason


def test_a_different_total_is_refused():
    error = refused(answer(206, f"bytes {OFFSET}-{SIZE}/{SIZE + 1}"))
    assert error.discard and f"says the file has {SIZE + 1} bytes, not {SIZE}" in error.reason


def test_a_length_that_does_not_fit_the_range_is_refused():
    error = refused(answer(206, f"bytes {OFFSET}-{SIZE - 1}/{SIZE}", length=SIZE))
    assert error.discard and f"announces {SIZE} bytes for a range of {SIZE - OFFSET}" in error.reason


@pytest.mark.parametrize("header", ["bytes 400-/1000", "bytes=400-999/1000", "items 400-999/1000",
                                    "bytes 999-400/1000", "bytes 400-1000/1000", "bytes */1000", "garbage"])
def test_a_malformed_content_range_is_refused(header):
    assert parse_content_range(header) is None
    error = refused(answer(206, header))
    assert error.discard and error.reason == "a partial answer without a valid Content-Range"


def test_a_partial_answer_without_content_range_is_refused():
    error = refused(answer(206, None))
    assert error.discard and error.reason == "a partial answer without a valid Content-Range"


def test_a_changed_etag_means_another_version_and_discards_the_partial():
    error = refused(answer(206, f"bytes {OFFSET}-{SIZE - 1}/{SIZE}", etag='"other"'))
    assert error.discard and "ETag changed" in error.reason


def test_every_problem_is_named_at_once():
    error = refused(answer(206, "bytes 10-20/2000", etag='"other"'))
    assert error.reason.count(";") == 3, error.reason


def test_a_200_to_a_ranged_request_restarts_from_zero():
    accepted = accept_response(answer(200, None, etag='"new"', length=SIZE), OFFSET, ETAG, SIZE)
    assert accepted == Accepted(start=0, total=SIZE, etag='"new"', restarted=True)


def test_another_status_is_a_retryable_failure_that_keeps_the_partial():
    error = refused(answer(416, f"bytes */{SIZE}"))
    assert not error.discard and error.reason == "unexpected HTTP 416 for a download"


def test_parse_content_range_reads_the_three_numbers():
    assert parse_content_range(" bytes 0-0/1 ") == (0, 0, 1)
    assert parse_content_range("BYTES 5-9/10") == (5, 9, 10)
    assert parse_content_range(None) is None


def test_a_416_means_complete_only_when_the_server_file_is_exactly_the_partial():
    assert complete_after_416(SIZE, SIZE, ETAG, ETAG, SIZE)
    assert complete_after_416(SIZE, SIZE, ETAG, ETAG, None), "no size recorded: the server's counts"
    assert not complete_after_416(SIZE, SIZE + 1, ETAG, ETAG, SIZE), "the server's file is bigger"
    assert not complete_after_416(SIZE, SIZE, '"other"', ETAG, SIZE), "another version"
    assert not complete_after_416(SIZE, SIZE, f"W/{ETAG}", f"W/{ETAG}", SIZE), "a weak ETag proves nothing"
    assert not complete_after_416(SIZE, SIZE, ETAG, ETAG, SIZE - 1), "the sidecar expected another size"
    assert not complete_after_416(0, 0, ETAG, ETAG, None), "an empty partial is never complete"
