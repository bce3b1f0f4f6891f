"""Shift+F10 opens the queue's context menu over the current row (laptops lack a Menu key)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from pixop_desktop.jobs.model import Job, Source, State
from tests.gui.queue_window import click_row, open_main_window

pytestmark = pytest.mark.timeout(60)


def test_shift_f10_opens_the_context_menu_at_the_current_row(qtbot, sandbox):
    window = open_main_window(qtbot, sandbox)
    try:
        window.runner.pause_queue()
        ids = window.store.add_many([Job(Source.local(f"/videos/{name}.mp4", 10, 1), state=State.QUEUED)
                                     for name in ("first", "second")])
        window.queue_model.refresh_jobs(ids)
        click_row(qtbot, window, ids[1])
        table = window.queue.table
        qtbot.keyClick(table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=5_000)
        menu = QApplication.activePopupWidget()
        labels = [action.text().replace("&", "") for action in menu.actions() if not action.isSeparator()]
        assert "Pause" in labels
        row_rect = table.visualRect(window.queue_model.index(window.queue_model.row_of(ids[1]), 0))
        at_row = table.viewport().mapToGlobal(row_rect.center())
        # At the row; Qt moves a menu that would not fit below it up (never sideways) onto the screen.
        assert menu.geometry().left() == at_row.x() and menu.geometry().top() <= at_row.y()
        assert menu.geometry().top() == at_row.y() or menu.geometry().bottom() >= at_row.y()
        assert window.queue.selected_ids() == [ids[1]]
        menu.close()
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=5_000)
    finally:
        window.shutdown()
