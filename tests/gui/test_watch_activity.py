"""A watched folder's failures show on its page ("Recent activity"), not only in Failed/*.txt."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool

from pixop_desktop.jobs.store import JobStore
from pixop_desktop.ui.watch.page import WatchPage
from pixop_desktop.watch.rules import WatchRule, save_rules
from pixop_desktop.watch.service import WatchService

pytestmark = pytest.mark.timeout(60)


def test_a_non_video_dropped_in_shows_in_the_activity_list_with_its_reason(qtbot, tmp_path):
    incoming = tmp_path / "in"
    incoming.mkdir()
    rule = WatchRule(folder=str(incoming), settle_seconds=0.2, rescan_seconds=0.2, poll_only=True)
    other = WatchRule(folder=str(tmp_path / "other"), settle_seconds=0.2)
    save_rules([rule, other], tmp_path / "rules.json")
    pool = QThreadPool()
    with JobStore(tmp_path / "q.sqlite3") as store, WatchService(store, [rule], use_events=False):
        page = WatchPage(store, rules_path=tmp_path / "rules.json", pool=pool)
        qtbot.addWidget(page)
        page.show()
        page.table.selectRow(0)
        (incoming / "notes.mp4").write_text("this is not a video")

        def shown() -> bool:  # the page's own timer refreshes the list
            return any(row[1] == "notes.mp4" for row in page.activity.rows())
        qtbot.waitUntil(shown, timeout=15_000)
        [row] = page.activity.rows()
        assert row[2] == "Failed" and row[3], row  # with the reason the Failed/*.txt file gives
        reason = (incoming / "Failed" / "notes.mp4.txt").read_text()
        assert row[3].split(":")[0] in reason

        page.table.selectRow(1)  # another folder: its own (empty) activity
        assert page.activity.rows() == []
        page.shutdown()


def test_a_file_that_was_not_sent_makes_a_tray_notification_but_a_failed_job_does_not():
    from pixop_desktop.ui.watch.folder_watching import failure_notification
    from pixop_desktop.watch.watcher import EventKind, WatchEvent

    refused = WatchEvent(EventKind.FAILED, "r1", "notes.mp4", "Not a video: no video stream.")
    note = failure_notification(refused, "Incoming")
    assert note is not None and note.is_problem
    assert "notes.mp4" in note.title and "Incoming" in note.title and "no video stream" in note.message
    assert failure_notification(WatchEvent(EventKind.FAILED, "r1", "a.mp4", "x", job_id=3), "In") is None
    assert failure_notification(WatchEvent(EventKind.DONE, "r1", "a.mp4"), "In") is None
