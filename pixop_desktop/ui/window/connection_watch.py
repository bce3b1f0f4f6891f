"""Notices within seconds that the server stopped answering, and that it is back.

While the window is connected, a quick unauthenticated request (``services.reachability``)
goes out every few seconds on the window's background tasks; a change is passed on as
``changed(reachable)``, which the window shows in the header and on the rows still waiting
for Pixop. The jobs themselves ride it out with their own retries.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from pixop_desktop.services.reachability import server_reachable

CHECK_EVERY_MS = 4_000
KIND = "reachability"


class ConnectionWatch(QObject):
    changed = Signal(bool)  # reachable

    def __init__(self, server_url: str, tasks, parent: QObject | None = None,
                 interval_ms: int = CHECK_EVERY_MS) -> None:
        super().__init__(parent)
        self.server_url, self.tasks = server_url, tasks
        self.reachable = True
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        if not self.timer.isActive():
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self._set(True)  # no watch, no claim either way (the account bar says "Not connected" then)

    @Slot()
    def check(self) -> None:
        if not self.tasks.busy(KIND):  # a slow answer must not pile up requests
            self.tasks.run(KIND, server_reachable, self.server_url, on_done=self._answered)

    def _answered(self, reachable: bool) -> None:
        if self.timer.isActive():
            self._set(bool(reachable))

    def _set(self, reachable: bool) -> None:
        if reachable != self.reachable:
            self.reachable = reachable
            self.changed.emit(reachable)
