"""Errors shown to people: a title, a plain message and the next step — never a traceback.

- :func:`show_error` for failures we understand (our exceptions carry ``.title``/``.message``).
- :class:`UnexpectedErrorDialog` for bugs: an apology, a copyable report with every secret
  removed (:func:`pixop_desktop.logging_setup.redact`) and "Open log folder".
- :func:`install_exception_hooks` routes uncaught exceptions from the GUI thread
  (``sys.excepthook``) and from plain threads (``threading.excepthook``) to that dialog,
  in the GUI thread.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QMessageBox, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from pixop_desktop import __version__, paths
from pixop_desktop.logging_setup import redact

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, title: str, message: str, next_step: str | None = None) -> QMessageBox:
    """A modal message: bold title, plain message, and what to do next (returns once closed)."""
    box = error_box(parent, title, message, next_step)
    box.exec()
    return box


def error_box(parent: QWidget | None, title: str, message: str, next_step: str | None = None) -> QMessageBox:
    """The message box :func:`show_error` shows (separate so tests and callers can ``open()`` it)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # server text is never rich text
    box.setInformativeText(message + (f"\n\n{next_step}" if next_step else ""))
    box.setAccessibleName(title)
    box.setObjectName("errorBox")
    return box


def crash_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
                 thread_name: str | None = None) -> str:
    """What support needs: versions, where it happened and the traceback, with secrets removed."""
    lines = [
        f"Pixop Desktop {__version__}",
        f"Python {platform.python_version()} on {platform.platform()}",
        f"Thread: {thread_name or threading.current_thread().name}",
        "",
        *traceback.format_exception(exc_type, exc, tb),
    ]
    return redact("\n".join(line.rstrip("\n") for line in lines))


def open_log_folder() -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.log_dir())))


class UnexpectedErrorDialog(QDialog):
    """Something went wrong that we did not foresee: say so plainly, offer the report and the logs."""

    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unexpectedErrorDialog")
        self.setWindowTitle(self.tr("Something went wrong"))
        self.setAccessibleName(self.tr("Unexpected error"))
        intro = QLabel(self.tr(
            "Pixop Desktop ran into a problem it did not expect. Your videos and the queue are safe; "
            "if something does not work, restart the app.\n\nTo help us fix it, copy the report below "
            "and send it to Pixop support. Passwords and keys have been removed from it."))
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.report_view = QPlainTextEdit(report)
        self.report_view.setReadOnly(True)
        self.report_view.setAccessibleName(self.tr("Error report"))
        self.report_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report_view.setMinimumSize(520, 200)

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("&Copy report"))
        self.copy_button.setAccessibleName(self.tr("Copy report"))
        self.log_button = QPushButton(self.tr("Open &log folder"))
        self.log_button.setAccessibleName(self.tr("Open log folder"))
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName(self.tr("Close"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.log_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_report)
        self.log_button.clicked.connect(self.open_logs)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(buttons)
        self.close_button.setFocus()

    @property
    def report(self) -> str:
        return self.report_view.toPlainText()

    @Slot()
    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)
        self.copy_button.setText(self.tr("Copied"))

    @Slot()
    def open_logs(self) -> None:
        if not open_log_folder():
            self.log_button.setToolTip(self.tr("The log files are in {folder}").format(folder=paths.log_dir()))


class _CrashRelay(QObject):
    """Carries reports from any thread to the GUI thread (a queued signal, received by a slot)."""

    crashed = Signal(str)

    def __init__(self, parent_widget: Callable[[], QWidget | None]) -> None:
        super().__init__()
        self._parent_widget = parent_widget
        self._open: list[UnexpectedErrorDialog] = []
        self.crashed.connect(self.show_report, Qt.ConnectionType.QueuedConnection)

    @Slot(str)
    def show_report(self, report: str) -> None:
        if len(self._open) >= 3:  # an error in a loop must not bury the screen in dialogs
            return
        dialog = UnexpectedErrorDialog(report, self._parent_widget())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._forget)
        self._open.append(dialog)
        dialog.open()

    @Slot()
    def _forget(self) -> None:
        self._open = [d for d in self._open if d is not self.sender()]


def install_exception_hooks(parent_widget: Callable[[], QWidget | None] = lambda: None) -> Callable[[], None]:
    """Show uncaught exceptions in :class:`UnexpectedErrorDialog`; returns a function that undoes it.

    Call in the GUI thread after the QApplication exists. The exception is logged (the
    log filter removes secrets) and the person sees the dialog instead of a crash.
    """
    relay = _CrashRelay(parent_widget)
    previous_sys, previous_thread = sys.excepthook, threading.excepthook

    def on_exception(exc_type, exc, tb, thread_name=None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous_sys(exc_type, exc, tb)
            return
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        relay.crashed.emit(crash_report(exc_type, exc, tb, thread_name))

    def on_thread_exception(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else None
        on_exception(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback, name)

    sys.excepthook = on_exception
    threading.excepthook = on_thread_exception

    def uninstall() -> None:
        if sys.excepthook is on_exception:
            sys.excepthook = previous_sys
        if threading.excepthook is on_thread_exception:
            threading.excepthook = previous_thread
        relay.deleteLater()

    uninstall.relay = relay  # type: ignore[attr-defined]  # tests look at the open dialogs
    return uninstall
