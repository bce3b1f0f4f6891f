"""Helpers for GUI tests of the real main window against a real sandbox."""

from __future__ import annotations

import warnings

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMenu

from pixop_desktop.services.connection import ServerChoice
from pixop_desktop.credentials import CredentialSource, Credentials
from pixop_desktop.jobs.pipeline import PollPolicy
from pixop_desktop.sandbox import DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_PASSWORD
from pixop_desktop.settings import AFTER_UPLOAD_NOTHING, ServerKind, load_settings
from pixop_desktop.ui.window.main_window import MainWindow
from pixop_desktop.ui.queue.model import STAGE

DEMO = Credentials(DEFAULT_EMAIL, DEFAULT_PASSWORD, DEFAULT_API_KEY, CredentialSource.SESSION)
FAST_POLLS = PollPolicy(first=0.05, factor=1.5, longest=0.3)


def demo_credentials() -> Credentials:
    return DEMO


def open_main_window(qtbot, sandbox, **kwargs) -> MainWindow:
    """The window on ``sandbox``; "After upload" is "Nothing" unless the test's settings chose (a
    fresh home has not: the window would ask at the first drop, ``test_first_drop_asks.py``)."""
    settings = kwargs.pop("settings", None) or load_settings()
    if not settings.after_upload:
        settings = settings.model_copy(update={"after_upload": AFTER_UPLOAD_NOTHING})
    window = MainWindow(ServerChoice(sandbox.url, ServerKind.SANDBOX), demo_credentials, poll=FAST_POLLS,
                        settings=settings, **kwargs)
    window.ask_before_closing = False
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.runner is not None, timeout=10_000)
    return window


def drop_paths(qtbot, widget, paths) -> bool:
    """Drag ``paths`` onto ``widget`` and drop them, as a file manager does; True if accepted."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    centre = QPointF(widget.rect().center())
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    with warnings.catch_warnings():  # PySide6 marks the only QDragEnterEvent constructor deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(centre.toPoint(), actions, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(centre, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    assert drop.dropAction() == Qt.DropAction.CopyAction  # a drop never moves the person's files
    return drop.isAccepted()


def stage_texts(window) -> dict[str, str]:
    """Name → what the Stage column shows, for every visible row."""
    model = window.queue_model
    return {model.index(row, 0).data(): model.index(row, STAGE).data() for row in range(model.rowCount())}


def click_row(qtbot, window, job_id: int) -> None:
    table = window.queue.table
    row = window.queue_model.row_of(job_id)
    rect = table.visualRect(window.queue_model.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.queue.selected_ids() == [job_id]


def context_menu_choose(qtbot, window, job_id: int, label: str) -> None:
    """Right-click the job's row and click ``label`` in the menu that pops up."""
    table = window.queue.table
    row = window.queue_model.row_of(job_id)
    pos: QPoint = table.visualRect(window.queue_model.index(row, 0)).center()
    table.customContextMenuRequested.emit(pos)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=5_000)
    menu = QApplication.activePopupWidget()
    action = next(a for a in menu.actions() if a.text().replace("&", "") == label)
    assert action.isEnabled(), f"{label} is disabled"
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=5_000)
