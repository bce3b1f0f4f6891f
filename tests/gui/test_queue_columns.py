"""The queue's columns on small screens: no horizontal scrollbar, the approval line with its price
whole in Stage, the least useful columns hidden first, and the person's own show/hide choice from
the header's menu and View ▸ Columns, kept with the window state. Real window, real sandbox."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QMenu

from pixop_desktop.jobs.model import Job, Source, Stage, State
from pixop_desktop.services.connection import ServerChoice
from pixop_desktop.settings import ServerKind
from pixop_desktop.ui.queue.model import ORIGIN, RESULT, SPEED, STAGE
from pixop_desktop.ui.window.main_window import MainWindow
from pixop_desktop.ui.window.state import load_window_state
from tests.fixtures.sandbox import upload_video, v1_headers
from tests.gui.queue_window import FAST_POLLS, demo_credentials

pytestmark = pytest.mark.timeout(90)
DOUBLE = {"scaler": "scale", "resolution": {"tag": "2x"}}


def open_window(qtbot, sandbox, width: int, height: int) -> MainWindow:
    window = MainWindow(ServerChoice(sandbox.url, ServerKind.SANDBOX), demo_credentials, poll=FAST_POLLS)
    window.ask_before_closing = False
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.runner is not None, timeout=10_000)
    return window


def held_for_approval(window, sandbox, video_id: str) -> int:
    job_id = window.store.add(Job(Source.local("/archive/Evening news 1987-03-14, the harbour.mp4"),
                                  processing=DOUBLE, needs_approval=True, server=sandbox.url))
    window.store.set_server_ids(job_id, video_id=video_id)
    window.store.transition(job_id, State.RUNNING)
    window.store.transition(job_id, State.NEEDS_APPROVAL, stage=Stage.APPROVAL)
    window.queue_model.refresh_jobs([job_id])
    return job_id


def shown_whole(table, row: int, column: int) -> bool:
    """The cell's words fit its width (the delegate would cut them otherwise)."""
    index = table.model().index(row, column)
    words = table.fontMetrics().horizontalAdvance(index.data())
    return words + 8 <= table.columnWidth(column)  # the cell's margins


@pytest.mark.parametrize(("width", "height"), [(920, 630), (1024, 700)])
def test_small_windows_have_no_horizontal_scrollbar_and_the_price_shows_whole(qtbot, sandbox, small_clip,
                                                                              width, height):
    video_id = upload_video(sandbox, small_clip, v1_headers(sandbox))
    window = open_window(qtbot, sandbox, width, height)
    try:
        window.runner.pause_queue()
        job_id = held_for_approval(window, sandbox, video_id)
        model, table = window.queue_model, window.queue.table
        row = model.row_of(job_id)
        qtbot.waitUntil(lambda: "about $" in model.index(row, STAGE).data(), timeout=15_000)
        line = model.index(row, STAGE).data()
        assert line.startswith("Needs your approval — about $") and "min" in line
        assert shown_whole(table, row, STAGE), (line, table.columnWidth(STAGE))
        qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0, timeout=2_000)  # updated lazily
        assert table.horizontalHeader().length() <= table.viewport().width()
        header = table.horizontalHeader()
        assert header.isSectionHidden(ORIGIN)  # the least useful gave way, not the price
        assert not header.isSectionHidden(RESULT) and table.columnWidth(RESULT) >= 100
        offered = [a.text() for a in window.columns_menu.actions() if not a.isChecked()]
        assert "Made by" in offered  # hidden, and one click from showing again
    finally:
        window.shutdown()


def test_on_a_wide_screen_every_column_shows_and_stage_holds_the_price(qtbot, sandbox):
    window = open_window(qtbot, sandbox, 1360, 860)
    try:
        table = window.queue.table
        header = table.horizontalHeader()
        assert not any(header.isSectionHidden(c) for c in range(window.queue_model.columnCount()))
        assert table.columnWidth(STAGE) >= window.queue.columns.stage_width
        qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0, timeout=2_000)
    finally:
        window.shutdown()


def test_a_hidden_column_comes_back_from_the_header_menu_and_the_choice_is_kept(qtbot, sandbox):
    window = open_window(qtbot, sandbox, 920, 630)
    header = window.queue.table.horizontalHeader()
    try:
        assert header.isSectionHidden(SPEED) and header.isSectionHidden(ORIGIN)
        header.customContextMenuRequested.emit(QPoint(10, 5))  # what a right-click on the header does
        qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=2_000)
        menu = QApplication.activePopupWidget()
        assert menu.accessibleName() == "Columns"
        speed = next(a for a in menu.actions() if a.text() == "Speed")
        name = next(a for a in menu.actions() if a.text() == "Name")
        assert not speed.isChecked() and not name.isEnabled()  # every row keeps its name
        speed.trigger()
        menu.close()
        assert not header.isSectionHidden(SPEED) and header.sectionSize(SPEED) >= 40
        window.columns_menu.actions()[STAGE].trigger()  # View ▸ Columns ▸ Stage: hidden by choice
        assert header.isSectionHidden(STAGE)
    finally:
        window.shutdown()
    saved = load_window_state()["queue_shown_columns"]
    assert saved == {"speed": True, "stage": False}

    again = open_window(qtbot, sandbox, 920, 630)  # the choice outlives a restart (the fit works around it)
    try:
        header = again.queue.table.horizontalHeader()
        assert not header.isSectionHidden(SPEED) and header.isSectionHidden(STAGE)
        table = again.queue.table
        qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0, timeout=2_000)
        actions = {a.text(): a for a in again.columns_menu.actions()}
        assert actions["Speed"].isChecked() and not actions["Stage"].isChecked()
    finally:
        again.shutdown()


def test_the_columns_menu_is_in_the_view_menu_for_the_keyboard(qtbot, sandbox):
    window = open_window(qtbot, sandbox, 1024, 700)
    try:
        assert window.columns_menu.menuAction() in window.view_menu.actions()
        assert window.columns_menu.title().replace("&", "") == "Columns"
        assert all(a.isCheckable() for a in window.columns_menu.actions())
        assert [a.text() for a in window.columns_menu.actions()][0] == "Name"
    finally:
        window.shutdown()
