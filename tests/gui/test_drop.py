"""Dropping files and folders on the main window, against a real sandbox, with real clips."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt

from pixop_desktop.jobs.model import Ingestion, SourceKind, State
from pixop_desktop.settings import Settings
from pixop_desktop.transfer.throttle import default_limiter
from tests.fixtures.clips import make_clip
from tests.gui.queue_window import context_menu_choose, drop_paths, open_main_window, stage_texts


@pytest.fixture
def window(qtbot, sandbox):
    window = open_main_window(qtbot, sandbox)
    yield window
    window.shutdown()


def _fingerprint(path):
    info = path.stat()
    return info.st_size, info.st_mtime_ns, path.read_bytes()


def test_a_drop_creates_the_right_jobs_reports_the_text_file_and_they_reach_done(qtbot, window, tmp_path):
    first = make_clip(tmp_path / "drop" / "first.mp4", seconds=1)
    second = make_clip(tmp_path / "drop" / "second.mov", seconds=1)
    inner = make_clip(tmp_path / "drop" / "reels" / "inner.mp4", seconds=1)
    notes = tmp_path / "drop" / "notes.txt"
    notes.write_text("shopping list")
    before = {p: _fingerprint(p) for p in (first, second, inner, notes)}
    # A person picks Light ingestion with the keyboard (Full is the default).
    window.intake_panel.ingestion.setFocus()
    qtbot.keyClick(window.intake_panel.ingestion, Qt.Key.Key_Down)
    assert window.intake_panel.ingestion.currentText() == "Light"
    assert "basic facts" in window.intake_panel.ingestion_help.text()

    assert drop_paths(qtbot, window.drop_zone, [first, second, tmp_path / "drop" / "reels", notes])

    qtbot.waitUntil(lambda: len(window.store.list_jobs()) == 3, timeout=15_000)
    jobs = window.store.list_jobs()
    assert [job.source.path for job in jobs] == [str(first), str(second), str(inner)]
    assert all(job.source.kind is SourceKind.LOCAL and job.ingestion is Ingestion.LIGHT
               and job.processing is None for job in jobs)
    assert window.refused_panel.isVisible() and window.refused_panel.names() == ["notes.txt"]
    assert "notes.txt" in window.refused_panel.list.item(0).text()

    qtbot.waitUntil(lambda: all(j.state is State.DONE for j in window.store.list_jobs()), timeout=60_000)
    qtbot.waitUntil(lambda: stage_texts(window) == {"first.mp4": "Done", "second.mov": "Done",
                                                    "inner.mp4": "Done"}, timeout=5_000)
    assert {p: _fingerprint(p) for p in (first, second, inner, notes)} == before  # copied, never changed
    names = {video.name for video in window.client.videos.iter_videos()}
    assert len(names) == 3


def test_a_drop_of_nothing_usable_adds_nothing(qtbot, window, tmp_path, not_a_video):
    empty = tmp_path / "empty.mov"
    empty.write_bytes(b"")
    assert drop_paths(qtbot, window.drop_zone, [not_a_video, empty])
    qtbot.waitUntil(lambda: len(window.refused_panel.names()) == 2, timeout=10_000)
    assert window.store.list_jobs() == []
    window.refused_panel.dismiss_button.click()
    assert not window.refused_panel.isVisible()


def test_web_links_are_not_taken(qtbot, window):
    from PySide6.QtCore import QMimeData, QUrl

    from pixop_desktop.ui.intake.drop_zone import local_paths

    mime = QMimeData()
    mime.setUrls([QUrl("https://example.com/video.mp4")])
    assert local_paths(mime) == []


@pytest.fixture
def slow_window(qtbot, sandbox):
    """Uploads limited to ~3 kB/s by the app's own bandwidth limit: time to pause one."""
    window = open_main_window(qtbot, sandbox, settings=Settings(bandwidth_limit_mbps=0.024))
    yield window
    window.shutdown()
    default_limiter().set_rate(0)


def test_pause_resume_and_retry_through_the_context_menu(qtbot, slow_window, tmp_path):
    window = slow_window
    clip = make_clip(tmp_path / "slow.mp4", seconds=2)
    assert drop_paths(qtbot, window.drop_zone, [clip])
    qtbot.waitUntil(lambda: len(window.store.list_jobs()) == 1, timeout=10_000)
    job_id = window.store.list_jobs()[0].id
    qtbot.waitUntil(lambda: stage_texts(window).get("slow.mp4") == "Uploading", timeout=20_000)

    context_menu_choose(qtbot, window, job_id, "Pause")
    assert window.store.get(job_id).state is State.PAUSED
    qtbot.waitUntil(lambda: stage_texts(window)["slow.mp4"] == "Paused", timeout=5_000)

    # While it is paused the file goes away: resuming then fails in a way a person can fix.
    hidden = tmp_path / "elsewhere.mp4"
    os.rename(clip, hidden)
    context_menu_choose(qtbot, window, job_id, "Resume")
    qtbot.waitUntil(lambda: window.store.get(job_id).state is State.FAILED, timeout=20_000)
    qtbot.waitUntil(lambda: stage_texts(window)["slow.mp4"] == "Failed", timeout=5_000)
    row = window.queue_model.row_of(job_id)
    assert window.queue_model.index(row, 6).data()  # the Result column names the problem

    os.rename(hidden, clip)
    default_limiter().set_rate(0)  # as the Settings dialog does when the limit is lifted
    context_menu_choose(qtbot, window, job_id, "Retry")
    qtbot.waitUntil(lambda: window.store.get(job_id).state is State.DONE, timeout=60_000)
    qtbot.waitUntil(lambda: stage_texts(window)["slow.mp4"] == "Done", timeout=5_000)
    states = [entry.message for entry in window.store.history(job_id)]
    assert "Paused" in states and "Resumed" in states and "Retry" in states
