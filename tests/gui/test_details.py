"""The details panel for a job that went through the sandbox, and for one that failed."""

from __future__ import annotations

import pytest

from pixop_desktop.jobs.model import Job, JobError, Source, State
from tests.fixtures.clips import make_clip
from tests.gui.queue_window import click_row, drop_paths, open_main_window


@pytest.fixture
def window(qtbot, sandbox):
    window = open_main_window(qtbot, sandbox)
    yield window
    window.shutdown()


def test_details_of_a_done_job_show_metadata_quality_history_and_derived_clips(qtbot, window, tmp_path):
    clip = make_clip(tmp_path / "archive reel.mp4", seconds=1, width=176, height=144)
    assert window.intake_panel.ingestion.currentText() == "Full"  # quality assessment needs Full
    assert drop_paths(qtbot, window.drop_zone, [clip])
    qtbot.waitUntil(lambda: len(window.store.list_jobs()) == 1, timeout=10_000)
    job_id = window.store.list_jobs()[0].id
    qtbot.waitUntil(lambda: window.store.get(job_id).state is State.DONE, timeout=60_000)
    qtbot.waitUntil(lambda: window.queue_model.job(job_id).state is State.DONE, timeout=5_000)

    click_row(qtbot, window, job_id)
    page = window.details.browser
    qtbot.waitUntil(lambda: "Quality assessment" in page.toPlainText() and "Loading" not in page.toPlainText(),
                    timeout=10_000)
    text = page.toPlainText()
    assert window.details.title.text() == "archive reel.mp4"
    assert "176×144" in text and "25 fps" in text
    # Pixop names the whole QuickTime/MPEG-4 family "QuickTime / MOV": the file's .mp4 says which it is.
    assert "Container MP4" in " ".join(text.split())
    assert "QuickTime" not in text
    assert "Overall" in text and "/ 5" in text
    assert "Derived clips" in text
    assert "Upload only" in text
    history = text.split("History", 1)[1]
    for step in ("Waiting to upload", "Uploading", "Pixop is analysing it", "Done"):
        assert step in history
    lines = [line for line in history.splitlines() if line.strip()]
    assert all(line[:1].isdigit() for line in lines[0::2])  # each step with its time (locale's short format)


def test_details_of_a_failed_job_say_what_went_wrong_and_what_to_do(qtbot, window):
    job_id = window.store.add(Job(Source.local("/nowhere/lost.mp4", 10, 1)))
    window.store.transition(job_id, State.PAUSED)
    window.store.transition(job_id, State.CANCELLED)
    failed_id = window.store.add(Job(Source.local("/nowhere/broken.mp4", 10, 1)))
    window.stop_runner()  # nobody else may touch the job while the test plays the runner
    window.store.transition(failed_id, State.RUNNING)
    window.store.transition(failed_id, State.FAILED,
                            error=JobError("Cannot read the file", "“broken.mp4” cannot be read: permission denied."))
    window.queue_model.reload()
    click_row(qtbot, window, failed_id)
    text = window.details.browser.toPlainText()
    assert "Cannot read the file" in text and "permission denied" in text
    assert "Retry" in text and "Not on Pixop yet" in text
    assert window.queue.action["retry"].isEnabled() and not window.queue.action["resume"].isEnabled()


def test_a_processed_job_does_not_offer_its_own_result_as_a_derived_clip(qtbot, window, tmp_path):
    """Pixop lists a processed version among a video's derived videos; it is the job's result
    (already on disk), not a clip to download again under its server-side name."""
    clip = make_clip(tmp_path / "harbour.mp4", seconds=1, width=160, height=120, fps=10)
    job_id = window.store.add(Job(Source.local(str(clip)), processing={"resolution": {"tag": "2x"}},
                                  output_folder=str(tmp_path / "out")))
    window.queue_model.refresh_jobs([job_id])
    qtbot.waitUntil(lambda: window.queue_model.job(job_id).state is State.DONE, timeout=60_000)
    assert window.store.get(job_id).processed_video_id
    click_row(qtbot, window, job_id)
    page = window.details.browser
    qtbot.waitUntil(lambda: "Derived clips" in page.toPlainText() and "Loading" not in page.toPlainText(),
                    timeout=10_000)
    derived = page.toPlainText().split("Derived clips", 1)[1]
    assert derived.strip().startswith("None.") and "[fp=" not in derived
    assert window.details.clip_buttons == []
