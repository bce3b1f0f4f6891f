"""Every wait ends: limits sized by the video, the test scale, and the words a person reads."""

from __future__ import annotations

import pytest

from pixop_desktop.jobs.deadlines import (GB, HOUR, MINUTE, PROCESSING, SCALE_ENV, UNKNOWN_STATE_LIMIT, WaitMemory,
                                          Work, copy_limit, deadline_scale, ending, ingestion_limit,
                                          processing_limit, span_words, unknown_state_limit)


@pytest.fixture(autouse=True)
def unscaled(monkeypatch):
    monkeypatch.delenv(SCALE_ENV, raising=False)


def test_processing_is_a_multiple_of_the_duration_with_a_floor():
    assert processing_limit(Work(duration_s=10)) == HOUR                      # a short clip: the floor
    assert processing_limit(Work(duration_s=2 * HOUR)) == 80 * HOUR           # 40× its duration
    assert processing_limit(Work(duration_s=2 * HOUR, size_bytes=30 * GB)) == 85 * HOUR
    assert processing_limit(Work(duration_s=3 * HOUR)) > processing_limit(Work(duration_s=2 * HOUR))
    assert processing_limit(Work()) == 24 * HOUR                               # unknown: a long film's bound


def test_ingestion_and_copies_grow_with_the_size():
    assert ingestion_limit(Work(size_bytes=0)) == ingestion_limit(Work()) == 4 * HOUR  # unknown size
    assert ingestion_limit(Work(size_bytes=2 * GB), full=True) == 60 * MINUTE
    assert ingestion_limit(Work(size_bytes=2 * GB), full=False) == 40 * MINUTE
    assert ingestion_limit(Work(size_bytes=20 * GB)) > ingestion_limit(Work(size_bytes=2 * GB))
    assert copy_limit(Work(size_bytes=3 * GB)) == 90 * MINUTE and copy_limit(Work()) == 6 * HOUR


def test_the_scale_shrinks_every_limit(monkeypatch):
    monkeypatch.setenv(SCALE_ENV, "0.001")
    assert deadline_scale() == 0.001
    assert processing_limit(Work(duration_s=10)) == pytest.approx(3.6)
    assert ingestion_limit(Work(size_bytes=2 * GB)) == pytest.approx(3.6)
    assert unknown_state_limit() == pytest.approx(UNKNOWN_STATE_LIMIT / 1000)


@pytest.mark.parametrize("text", ["0", "-1", "soon", "inf", "nan"])
def test_a_scale_that_is_not_a_positive_number_is_ignored(text):
    assert deadline_scale({SCALE_ENV: text}) == 1.0


def test_spans_read_as_people_say_them():
    assert span_words(3.6) == "4 seconds"
    assert span_words(12 * MINUTE) == "12 minutes"
    assert span_words(5 * HOUR) == "5 hours" and span_words(3.5 * HOUR) == "3.5 hours"


def _ending(status, *, waited=0.0, limit=HOUR, unknown_for=0.0, reason="The GPU ran out of memory."):
    return ending(PROCESSING, "clip.mp4", status, waited=waited, limit=limit, unknown_for=unknown_for,
                  reason=lambda: reason)


def test_each_way_a_wait_ends_says_why():
    assert _ending("IN_PROGRESS") is None and _ending("ON_HOLD_FOREVER") is None
    failed = _ending("ERROR")
    assert (failed.title, failed.message) == ("Processing failed",
                                              "Pixop could not process “clip.mp4”: The GPU ran out of memory.")
    assert _ending("FAILED", reason=None).message.endswith(": no reason given.")
    stopped = _ending("CANCELLED", reason=None)
    assert stopped.title == "Processing stopped" and "(it says CANCELLED)." in stopped.message
    assert "Retry" in stopped.message
    assert "(it says ABORTED): quota. Check" in _ending("ABORTED", reason="quota").message
    unknown = _ending("ON_HOLD_FOREVER", unknown_for=UNKNOWN_STATE_LIMIT)
    assert unknown.title == "Processing in an unknown state" and "ON_HOLD_FOREVER" in unknown.message
    late = _ending("IN_PROGRESS", waited=5 * HOUR, limit=HOUR)
    assert late.title == "Processing took too long"
    assert late.message.startswith("Pixop has not finished processing “clip.mp4” after 5 hours")


def test_the_reason_is_asked_only_when_a_wait_ends_on_it():
    asked = []
    ending(PROCESSING, "a", "IN_PROGRESS", waited=0, limit=1, unknown_for=0, reason=lambda: asked.append(1))
    assert asked == []


def test_memory_times_an_unknown_word_from_its_first_sight_and_restarts_on_a_new_one():
    now = [100.0]
    memory = WaitMemory(clock=lambda: now[0])
    assert memory.unknown_for("job", "ON_HOLD") == 0
    now[0] = 160.0
    assert memory.unknown_for("job", "ON_HOLD") == 60
    assert memory.unknown_for("job", "PAUSED_BY_OPERATOR") == 0    # another unknown word: a new clock
    assert memory.unknown_for("job", "IN_PROGRESS") == 0           # a known word clears it
    now[0] = 200.0
    assert memory.unknown_for("job", "PAUSED_BY_OPERATOR") == 0


def test_memory_finds_the_work_once_and_forgets_a_job():
    memory, calls = WaitMemory(), []

    def find():
        calls.append(1)
        return Work(size_bytes=5) if len(calls) > 1 else None  # first look fails: asked again

    assert memory.work((7, "wait"), find) == Work()
    assert memory.work((7, "wait"), find) == Work(size_bytes=5)
    assert memory.work((7, "wait"), find) == Work(size_bytes=5) and len(calls) == 2
    memory.forget(7)
    assert memory.work((7, "wait"), lambda: Work(size_bytes=9)) == Work(size_bytes=9)
