"""The open app runs the saved watched folders, as the headless ``watch`` command does."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from pixop_desktop.jobs.model import State
from pixop_desktop.ui.watch.folder_watching import status_text
from pixop_desktop.watch.rules import AfterSuccess, WatchRule, load_rules, save_rules
from pixop_desktop.watch.watcher import EventKind, WatchEvent
from tests.gui.queue_window import open_main_window

pytestmark = pytest.mark.timeout(90)

TWICE = {"resolution": {"tag": "2x"}}


def _rule(incoming: Path, out: Path) -> WatchRule:
    return WatchRule(folder=str(incoming), processing=TWICE, output_folder=str(out), settle_seconds=0.3,
                     rescan_seconds=0.2, after_success=AfterSuccess.MOVE)


def _jobs_of(window, rule_id: str):
    return [job for job in window.store.list_jobs() if job.watch_rule_id == rule_id]


def test_a_saved_folder_is_watched_while_the_app_is_open(qtbot, sandbox, clip_factory, tmp_path):
    incoming, out = tmp_path / "in", tmp_path / "out"
    (incoming / "show").mkdir(parents=True)
    rule = _rule(incoming, out)
    save_rules([rule])
    window = open_main_window(qtbot, sandbox)
    shutil.copy(clip_factory("ep1.mp4", seconds=1, fps=10), incoming / "show" / "ep1.mp4")

    qtbot.waitUntil(lambda: any(job.state is State.DONE for job in _jobs_of(window, rule.id)), timeout=60_000)
    qtbot.waitUntil(lambda: (incoming / "Done" / "show" / "ep1.mp4").exists(), timeout=20_000)
    outputs = list((out / "show").glob("*.mp4"))
    assert len(outputs) == 1, outputs                          # mirrored into out/show
    assert len(_jobs_of(window, rule.id)) == 1
    assert window.queue_model.rowCount() >= 1


def test_pausing_a_folder_on_the_page_stops_its_watcher(qtbot, sandbox, clip_factory, tmp_path):
    incoming, out = tmp_path / "in", tmp_path / "out"
    incoming.mkdir()
    rule = _rule(incoming, out)
    save_rules([rule])
    window = open_main_window(qtbot, sandbox)
    watching = window.extras.folder_watching
    qtbot.waitUntil(lambda: watching.service.watcher(rule.id) is not None, timeout=5_000)

    page = window.extras.watch_page
    page.table.selectRow(0)
    page.toggle_pause()  # saved, then announced to the service
    assert load_rules()[0].paused
    qtbot.waitUntil(lambda: watching.service.watcher(rule.id) is None, timeout=5_000)
    shutil.copy(clip_factory("late.mp4", seconds=1, fps=10), incoming / "late.mp4")

    page.toggle_pause()  # on again: the file that arrived meanwhile is taken
    qtbot.waitUntil(lambda: len(_jobs_of(window, rule.id)) == 1, timeout=20_000)


def test_closing_the_window_stops_every_watcher_thread(qtbot, sandbox, tmp_path):
    incoming = tmp_path / "in"
    incoming.mkdir()
    rule = _rule(incoming, tmp_path / "out")
    save_rules([rule])
    window = open_main_window(qtbot, sandbox)
    qtbot.waitUntil(lambda: any(t.name == f"watch-{rule.id}" for t in threading.enumerate()), timeout=5_000)
    window.close()
    window.shutdown()
    assert not [t for t in threading.enumerate() if t.name.startswith("watch-")]


def test_status_bar_words_for_watch_events():
    sent = WatchEvent(EventKind.SUBMITTED, "r1", "show/ep1.mp4", job_id=3)
    failed = WatchEvent(EventKind.FAILED, "r1", "bad.mp4", "Not a video file.")
    assert status_text(sent, "Incoming") == "Watched folder Incoming: sending show/ep1.mp4"
    assert status_text(failed, "Incoming") == "Watched folder Incoming: bad.mp4 failed — Not a video file."
    assert status_text(WatchEvent(EventKind.ARRIVED, "r1", "x.mp4"), "Incoming") is None
    locked = WatchEvent(EventKind.UNREADABLE, "r1", "locked.mp4", "cannot be opened")
    assert status_text(locked, "Incoming") == ("Watched folder Incoming: locked.mp4 cannot be opened; "
                                               "it is tried again at every scan")


def test_a_file_that_cannot_be_opened_is_told_in_the_tray_once(qtbot, sandbox, tmp_path):
    incoming = tmp_path / "in"
    incoming.mkdir()
    rule = _rule(incoming, tmp_path / "out")
    save_rules([rule])
    window = open_main_window(qtbot, sandbox)
    notes, statuses = [], []
    window.extras.tray.notified.connect(notes.append)
    window.statusBar().messageChanged.connect(statuses.append)
    watching = window.extras.folder_watching
    qtbot.waitUntil(lambda: watching.service.watcher(rule.id) is not None, timeout=5_000)
    watcher = watching.service.watcher(rule.id)
    # The tests run as root, who can open any file: a lock that stays is played by the detector's opener.
    watcher.detector.opener = lambda path: path.name != "locked.mp4"
    (incoming / "locked.mp4").write_bytes(b"held by another program")

    qtbot.waitUntil(lambda: len(notes) == 1, timeout=15_000)
    [note] = notes
    assert note.is_problem and note.title == "Watched folder in: locked.mp4 cannot be opened"
    assert "permissions" in note.message and "tried again at every scan" in note.message
    assert "Watched folder in: locked.mp4 cannot be opened; it is tried again at every scan" in statuses
    scans = watcher.scans
    qtbot.waitUntil(lambda: watcher.scans >= scans + 5, timeout=10_000)  # tried again, not told again
    # A rule restarted by an edit has a fresh detector and says it again: the tray still tells it once.
    watching.event.emit(WatchEvent(EventKind.UNREADABLE, rule.id, "locked.mp4", "cannot be opened"))
    qtbot.wait(100)
    assert len(notes) == 1
    assert not [job for job in _jobs_of(window, rule.id)]
