"""The app's QApplication: files macOS hands to the app arrive as a signal.

macOS sends ``QEvent.Type.FileOpen`` to the application object (Finder's "Open with", a file
dropped on the Dock icon). Catching it here, in the application's own ``event()``, sees only the
events sent to the application itself; an event filter installed on the application would see
every event of every widget, and the bindings would wrap a widget still under construction (a
crash when a window is built while it is installed).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication


def opened_path(event: QFileOpenEvent) -> str | None:
    """The local path a FileOpen event names (``file()``, else its ``file://`` URL); None otherwise."""
    path = event.file()
    if not path and event.url().isLocalFile():
        path = event.url().toLocalFile()
    return path or None


class PixopApplication(QApplication):
    file_opened = Signal(str)  # a local path macOS asked the app to open

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen:
            path = opened_path(event)  # type: ignore[arg-type]
            if path:
                self.file_opened.emit(path)
            return True
        return super().event(event)
