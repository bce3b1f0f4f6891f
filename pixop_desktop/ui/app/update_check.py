"""The window's update check: shortly after the window opens, then daily while it stays open.

Settings → Updates decides what happens (``settings.updates``): Off asks nothing; "Tell me" says
in the status bar (and the tray) that a newer version is out; "Download and install" also
downloads and verifies it in the background, and the next start puts it in place
(pixop_desktop/updates does all of it, Qt-free; the CLI's ``update`` is the same). A refused
update (not signed, expired, rolled back, damaged) is said in plain words and nothing changes.
A copy that cannot update itself (run from source, no update address) stays quiet.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from pixop_desktop.notify import Notification
from pixop_desktop.settings import UpdateMode
from pixop_desktop.ui.tasks import BackgroundTasks

log = logging.getLogger(__name__)

FIRST_CHECK_MS = 10_000  # after the window has opened and connected: the check is never in the way
POLL_MS = 60 * 60 * 1000  # each hour: is the daily check due? (a laptop asleep overnight catches up)


def _check(settings, updater_factory: Callable | None):
    """Pool thread: a CheckResult, an UpdateRefused (returned, to tell "offline" from "refused"), or None."""
    from pixop_desktop.updates.client import UpdateRefused
    from pixop_desktop.updates.install import current_installation
    from pixop_desktop.updates.schedule import UpdatesUnavailable, check_for_update, updater_for

    installation = current_installation()
    try:
        updater = updater_factory() if updater_factory else updater_for(settings, installation)
    except UpdatesUnavailable as exc:
        log.info("no update check: %s", exc.message)
        return None
    managed = installation is not None and installation.system_managed
    try:
        return check_for_update(updater, download=settings.updates is UpdateMode.INSTALL and not managed,
                                system_managed=managed)
    except UpdateRefused as refused:
        return refused


class UpdateCheck(QObject):
    """``window`` needs ``settings`` and ``show_status(str)``; ``tray`` (optional) ``show_notification``.
    ``updater_factory`` replaces "this installation's updater" (tests: a stand-in install)."""

    told = Signal(str)  # each sentence shown about an update

    def __init__(self, window, tray=None, *, updater_factory: Callable | None = None,
                 first_ms: int = FIRST_CHECK_MS, poll_ms: int = POLL_MS) -> None:
        super().__init__(window)
        self.window, self.tray, self._factory = window, tray, updater_factory
        self.tasks = BackgroundTasks(self, max_threads=1)
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.check_if_due)
        self.timer.start()
        QTimer.singleShot(first_ms, self, self.check_if_due)

    @Slot()
    def check_if_due(self) -> None:
        from pixop_desktop.updates.install import current_installation
        from pixop_desktop.updates.schedule import due

        settings = self.window.settings
        if self._factory is None and current_installation() is None:
            return  # run from source: git updates it
        if settings.updates is UpdateMode.OFF or self.tasks.busy() or not due():
            return
        self.check_now()

    def check_now(self) -> None:
        self.tasks.run("update", _check, self.window.settings.model_copy(), self._factory,
                       on_done=self._checked, on_error=self._refused)

    def _checked(self, result) -> None:
        from pixop_desktop.updates.client import UpdateRefused

        if isinstance(result, UpdateRefused):
            if result.unreachable:  # offline: a line in the status bar, no alarm in the tray
                self.window.show_status(f"{result.title} — {result.message}")
                self.told.emit(result.message)
            else:
                self._refused(result.title, result.message)
            return
        if result is None or result.offered is None:
            return
        if result.staged is not None:
            text = self.tr("Pixop Desktop %1 is ready: it is installed the next time you start the app."
                           ).replace("%1", result.staged.version)
        else:
            text = self.tr("Pixop Desktop %1 is available (you have %2). Settings → Updates can install "
                           "it for you.").replace("%1", result.offered).replace("%2", result.current)
        self._tell(self.tr("Update"), text, problem=False)

    def _refused(self, title: str, message: str) -> None:
        self._tell(title, message, problem=True)

    def _tell(self, title: str, text: str, *, problem: bool) -> None:
        if self.tray is not None:
            self.tray.show_notification(Notification(title, text, is_problem=problem))
        self.window.show_status(f"{title} — {text}")
        self.told.emit(text)

    def shutdown(self) -> None:
        self.timer.stop()
        self.tasks.shutdown()
