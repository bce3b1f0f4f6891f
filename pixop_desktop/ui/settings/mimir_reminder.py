"""Remind people, where they look, that the Mimir integration is about to lapse (issue 8).

Pixop deletes a Mimir integration when its time to live runs out, and then Mimir silently
stops sending videos. The expiry the app knows is the one saved by the last setup
(``imports/mimir_store.py``); the Qt-free :func:`pixop_desktop.imports.mimir.reminder` decides
whether it is close enough to mention. :class:`MimirReminder` asks it when the main window
opens and again every day while the window stays open (``timer``; tests shorten its interval),
and when it is due shows it three ways: the status bar, a dismissible notice above the queue
(:class:`MimirNotice`) and a tray notification when there is a tray.

The saved expiry can be earlier than the real one: Pixop also resets the TTL whenever Mimir
starts new Pixop jobs, and Pixop's API has no call that reads the current expiry (only PUT,
which would renew it, and DELETE) — so the words say "unless Mimir sent new jobs since".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from pixop_desktop.imports.mimir import reminder
from pixop_desktop.imports.mimir_store import load_record
from pixop_desktop.notify import Notification
from pixop_desktop.ui.window.banners import NOTICE_COLOURS, Banner

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 24 * 60 * 60 * 1000   # "once a day while it stays open"


class MimirNotice(Banner):
    """A calm, dismissible notice (not the red error banner: nothing has failed yet)."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        # self.tr needs the QObject made first; lupdate reads QCoreApplication.translate literally.
        translate = QCoreApplication.translate
        super().__init__("mimirNotice", NOTICE_COLOURS,
                         translate("MimirNotice", "Mimir reminder"), translate("MimirNotice", "Dis&miss"),
                         translate("MimirNotice", "Dismiss Mimir reminder"), parent)
        self.dismiss_button.clicked.connect(self.dismiss)

    def show_notice(self, title: str, message: str) -> None:
        self.show_text(title, message)

    @Slot()
    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()


def _place_above_queue(window, notice: MimirNotice) -> bool:
    """Put the notice right under the window's error banner; False if the layout is unknown."""
    banner = getattr(window, "error_banner", None)
    holder = banner.parentWidget() if banner is not None else None
    layout = holder.layout() if holder is not None else None
    if layout is None or layout.indexOf(banner) < 0:
        return False
    layout.insertWidget(layout.indexOf(banner) + 1, notice)
    return True


class MimirReminder(QObject):
    """Checks the saved Mimir expiry on open and daily; tells the window (and tray) when due.

    ``window`` needs ``server.url`` and ``show_status(str)``; ``tray`` (optional) needs
    ``show_notification(Notification)``. ``now`` is for tests that need a fixed clock.
    """

    reminded = Signal(str, str)   # title, message — each time a due reminder is shown

    def __init__(self, window, tray=None, *, now: Callable[[], datetime] | None = None,
                 interval_ms: int = CHECK_EVERY_MS) -> None:
        super().__init__(window)
        self.window, self.tray, self._now = window, tray, now
        self.notice = MimirNotice()
        if not _place_above_queue(window, self.notice):
            self.notice.setParent(window)   # still owned (and findable) by the window
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        # Once the window has finished opening, so "Connecting…" does not hide the message at once.
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.timeout.connect(self.check)
        self._first.start(0)

    def due(self) -> tuple[str, str] | None:
        """(title, message) when the saved integration lapses soon or has lapsed; else None."""
        try:
            record = load_record(self.window.server.url)
        except Exception:   # a damaged record must not stop the window
            log.warning("cannot read the saved Mimir integration", exc_info=True)
            return None
        expires = record.expires if record is not None else None
        message = reminder(expires, self._now() if self._now else None)
        if message is None:
            return None
        lapsed = expires <= (self._now() if self._now else datetime.now(expires.tzinfo))
        title = (self.tr("The Mimir integration may have expired") if lapsed
                 else self.tr("The Mimir integration expires soon"))
        return title, message

    @Slot()
    def check(self) -> None:
        found = self.due()
        if found is None:
            self.notice.hide()   # renewed meanwhile (e.g. in Settings → Integrations)
            return
        title, message = found
        self.notice.show_notice(title, message)
        if self.tray is not None:
            self.tray.show_notification(Notification(title, message, is_problem=True))
        self.window.show_status(f"{title} — {message}")   # after the tray's own (title-only) line
        self.reminded.emit(title, message)

    def shutdown(self) -> None:
        self.timer.stop()
        self._first.stop()
