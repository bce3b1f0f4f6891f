"""services.words: what a job is called at each stage, sizes, speeds, megabits ↔ bytes."""

from __future__ import annotations

import pytest

from pixop_desktop.jobs.model import Job, Source, Stage, State
from pixop_desktop.services import words


def test_every_state_at_every_stage_has_words():
    for state in State:
        for stage in [*Stage, None]:
            text = words.state_words(state, stage)
            assert text and text[0].isupper() and "_" not in text, (state, stage, text)


@pytest.mark.parametrize("state, stage, text", [
    (State.RUNNING, Stage.UPLOAD, "Uploading"), (State.QUEUED, Stage.UPLOAD, "Waiting to upload"),
    (State.RUNNING, Stage.WAIT_INGEST, "Pixop is analysing it"), (State.QUEUED, Stage.PROCESS, "Waiting to process"),
    (State.RUNNING, None, "Working"), (State.QUEUED, Stage.FINISHED, "Waiting"),
    (State.PAUSED, Stage.UPLOAD, "Paused"), (State.NEEDS_APPROVAL, Stage.APPROVAL, "Needs your approval"),
    (State.DONE, Stage.FINISHED, "Done"), (State.FAILED, Stage.DOWNLOAD, "Failed"),
    (State.CANCELLED, Stage.UPLOAD, "Cancelled"),
])
def test_the_words(state, stage, text):
    assert words.state_words(state, stage) == text
    job = Job(Source.local("/a.mp4"), state=state, stage=stage)
    assert words.stage_words(job) == words.state_words(state, job.stage)


def test_sizes_in_decimal_units():
    assert [words.format_size(n) for n in (0, 999, 1500, 2_500_000, 3 * 10**12, 4 * 10**15)] == [
        "0 B", "999 B", "1.5 KB", "2.5 MB", "3.0 TB", "4000.0 TB"]
    assert words.format_size(None) == "" and words.format_size(-1) == ""


def test_speeds():
    assert words.format_speed(1_200_000) == "9.6 Mbit/s" and words.format_speed(5_000_000) == "40 Mbit/s"
    assert words.format_speed(0) == words.format_speed(None) == ""
    assert words.format_speed(15_000, "{rate} Mbit par s") == "0.12 Mbit par s"


def test_megabits_and_bytes_per_second():
    assert words.mbps_to_bytes_per_second(8) == 1_000_000
    assert words.mbps_to_bytes_per_second(0.024) == 3000
    assert words.mbps_to_bytes_per_second(0) == 0 and words.mbps_to_bytes_per_second(-5) == 0
    assert words.bytes_per_second_to_mbps(1_000_000) == 8.0
