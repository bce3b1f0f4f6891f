"""Issue 8: the main window reminds, where people look, that the Mimir integration lapses soon.

A real main window against the sandbox, with the Mimir record the last setup saved
(``mimir.json`` in this test's own PIXOP_DESKTOP_HOME).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt

from pixop_desktop.imports.mimir_store import MimirRecord, save_record
from pixop_desktop.ui.settings.mimir_reminder import CHECK_EVERY_MS
from tests.gui.queue_window import open_main_window

pytestmark = pytest.mark.timeout(60)


def _save_expiry(server: str, left: timedelta) -> None:
    expires = datetime.now(timezone.utc) + left
    save_record(MimirRecord(server, expires.isoformat(), 90, [], [], None))


def _open(qtbot, sandbox):
    """The window, the tray notifications and status messages seen from the start."""
    notes, statuses = [], []
    window = open_main_window(qtbot, sandbox)
    reminder = window.extras.mimir_reminder
    window.statusBar().messageChanged.connect(statuses.append)
    window.extras.tray.notified.connect(notes.append)
    return window, reminder, notes, statuses


def _first_check_done(qtbot, reminder) -> None:
    qtbot.waitUntil(lambda: not reminder._first.isActive(), timeout=5000)


def test_reminder_shows_on_open_when_three_days_are_left(qtbot, sandbox):
    _save_expiry(sandbox.url, timedelta(days=3, hours=1))
    window = open_main_window(qtbot, sandbox)
    reminder = window.extras.mimir_reminder
    notice = reminder.notice
    qtbot.waitUntil(notice.isVisible, timeout=5000)
    text = notice.message_label.text()
    assert "expires in 3 days" in text and "unless Mimir sent new jobs" in text and "Renew it now" in text
    assert notice.title_label.text() == "The Mimir integration expires soon"
    layout = window.error_banner.parentWidget().layout()
    assert layout.indexOf(notice) == layout.indexOf(window.error_banner) + 1, "shown above the queue"
    qtbot.mouseClick(notice.dismiss_button, Qt.MouseButton.LeftButton)
    assert not notice.isVisible(), "the person can dismiss it"


def test_reminder_reaches_the_status_bar_and_the_tray(qtbot, sandbox):
    _save_expiry(sandbox.url, timedelta(days=3))
    seen = []
    window, reminder, notes, statuses = _open(qtbot, sandbox)
    reminder.reminded.connect(lambda title, message: seen.append(window.statusBar().currentMessage()))
    reminder.check()   # the open-time check may have run before the spies were connected
    assert len(seen) == 1 and "expires in 3 days" in seen[0], "the status bar shows the whole reminder"
    assert notes and notes[-1].title == "The Mimir integration expires soon" and notes[-1].is_problem
    assert "unless Mimir sent new jobs" in notes[-1].message


@pytest.mark.parametrize("left", [timedelta(days=60), None], ids=["far-away", "never-set-up"])
def test_no_reminder_when_expiry_is_far_away_or_unknown(qtbot, sandbox, left):
    if left is not None:
        _save_expiry(sandbox.url, left)
    window, reminder, notes, _statuses = _open(qtbot, sandbox)
    _first_check_done(qtbot, reminder)
    reminder.check()
    assert not reminder.notice.isVisible() and notes == []
    assert "Mimir" not in window.statusBar().currentMessage()


def test_expired_integration_is_named_as_possibly_gone(qtbot, sandbox):
    _save_expiry(sandbox.url, -timedelta(hours=2))
    window = open_main_window(qtbot, sandbox)
    notice = window.extras.mimir_reminder.notice
    qtbot.waitUntil(notice.isVisible, timeout=5000)
    assert notice.title_label.text() == "The Mimir integration may have expired"
    assert "has expired" in notice.message_label.text() and "Set it up again" in notice.message_label.text()


def test_daily_recheck_is_a_timer_that_notices_a_nearing_expiry(qtbot, sandbox):
    _save_expiry(sandbox.url, timedelta(days=40))
    window, reminder, notes, _statuses = _open(qtbot, sandbox)
    assert reminder.timer.isActive() and reminder.timer.interval() == CHECK_EVERY_MS == 86_400_000
    _first_check_done(qtbot, reminder)
    assert not reminder.notice.isVisible()
    _save_expiry(sandbox.url, timedelta(days=2))       # days pass while the window stays open
    reminder.timer.setInterval(50)
    qtbot.waitUntil(reminder.notice.isVisible, timeout=5000)
    assert "expires in 2 days" in reminder.notice.message_label.text() and notes
    _save_expiry(sandbox.url, timedelta(days=90))      # renewed (e.g. in Settings → Integrations)
    qtbot.waitUntil(lambda: not reminder.notice.isVisible(), timeout=5000)
    window.shutdown()
    assert not reminder.timer.isActive(), "the window's shutdown stops the daily check"
