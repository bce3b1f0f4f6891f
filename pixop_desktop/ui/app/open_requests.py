"""Files handed to the app from outside: the command line, macOS "Open with" / the Dock, a second launch.

All three end in :class:`OpenRequests`. Requests that come before the main
window exists (macOS sends its FileOpen events while the first-run welcome may
still be showing) wait in a buffer; :meth:`OpenRequests.attach` delivers them to
the window's intake — the same path as a drop: pre-flight probe, refusals listed,
jobs added with the intake panel's current choice — and from then on every
request goes there directly and brings the window to the front.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from pixop_desktop.ui.window.main_window import MainWindow

log = logging.getLogger(__name__)


class OpenRequests(QObject):
    """Collects paths to open and gives them to the main window once there is one.

    macOS, the only system that sends ``QEvent.Type.FileOpen``, delivers its files through the
    application's ``file_opened`` signal (``application.PixopApplication``). Call :meth:`remove`
    before the app goes.
    """

    def __init__(self, app: QCoreApplication, *, platform: str = sys.platform) -> None:
        super().__init__(app)
        self._app = app
        self._platform = platform
        self._waiting: list[str] = []
        self.window: MainWindow | None = None
        self._opens = hasattr(app, "file_opened")
        if self._opens:
            app.file_opened.connect(self._file_opened)
        self._follows_state = hasattr(app, "applicationStateChanged")
        if self._follows_state:
            app.applicationStateChanged.connect(self._state_changed)

    @Slot(Qt.ApplicationState)
    def _state_changed(self, state: Qt.ApplicationState) -> None:
        """macOS: a click on the Dock icon activates the app; if its window was put away in the
        tray ("keep working in the tray"), that click means "show it" (as every Mac app does)."""
        window = self.window
        if (self._platform == "darwin" and state == Qt.ApplicationState.ApplicationActive
                and window is not None and not window.isVisible()):
            window.bring_to_front()

    @Slot(str)
    def _file_opened(self, path: str) -> None:
        self.request([path])

    @Slot(list)
    def request(self, paths: Iterable[str | os.PathLike]) -> None:
        """Open ``paths`` (may be empty: then only bring the window to the front)."""
        paths = [os.fspath(p) for p in paths]
        window = self.window
        if window is None:  # e.g. the first-run welcome is up: it comes forward, the paths wait
            self._waiting.extend(paths)
            modal = QApplication.activeModalWidget()
            if modal is not None:
                modal.raise_()
                modal.activateWindow()
            return
        window.bring_to_front()
        if paths:
            log.info("opening %d path(s) handed to the app", len(paths))
            window.intake.add_paths(paths)

    def waiting(self) -> list[str]:
        """Paths not yet delivered (no window yet)."""
        return list(self._waiting)

    def attach(self, window: MainWindow) -> None:
        """From now on requests go to ``window``; what waited is delivered now."""
        self.window = window
        waiting, self._waiting = self._waiting, []
        if waiting:
            log.info("opening %d path(s) given at start-up", len(waiting))
            window.intake.add_paths(waiting)

    def remove(self) -> None:
        """Stop listening (before the window and the app go)."""
        if self._opens:
            self._opens = False
            self._app.file_opened.disconnect(self._file_opened)
        if self._follows_state:  # once: remove() may be called again
            self._follows_state = False
            self._app.applicationStateChanged.disconnect(self._state_changed)
        self.window = None
