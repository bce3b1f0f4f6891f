"""The main window's title, the account bar's connection line, and a first layout that fits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QToolButton

from pixop_desktop.services.connection import ServerChoice
from pixop_desktop.credentials import Credentials
from pixop_desktop.sandbox import DEFAULT_EMAIL
from pixop_desktop.settings import ServerKind
from pixop_desktop.ui.window.main_window import MainWindow
from pixop_desktop.ui.queue.columns import BY_KEY
from pixop_desktop.ui.queue.model import RESULT, STAGE
from pixop_desktop.ui.window.layout import default_window_size
from pixop_desktop.ui.window.state import save_window_state
from tests.gui.queue_window import FAST_POLLS, demo_credentials


@pytest.fixture
def make_window(qtbot, sandbox):
    made = []

    def make(load_credentials=demo_credentials, *, show=True):
        window = MainWindow(ServerChoice(sandbox.url, ServerKind.SANDBOX), load_credentials, poll=FAST_POLLS)
        window.ask_before_closing = False
        qtbot.addWidget(window)
        made.append(window)
        if show:
            window.show()
        return window

    yield make
    for window in made:
        window.shutdown()


def test_the_title_names_the_server_once_and_leaves_the_app_name_to_qt(make_window):
    window = make_window()
    assert window.windowTitle() == "Sandbox on this computer"  # Qt appends " — Pixop Desktop"


def test_connecting_then_connected(qtbot, make_window, sandbox):
    window = make_window()
    label = window.account_bar.server_label
    assert label.text() == f"Connecting to Sandbox on this computer — {sandbox.url}…"
    qtbot.waitUntil(lambda: window.client is not None, timeout=10_000)
    assert label.text() == f"Connected to Sandbox on this computer — {sandbox.url}"


def test_a_failed_sign_in_says_not_connected(qtbot, make_window, sandbox):
    window = make_window(lambda: Credentials(DEFAULT_EMAIL, "wrong-password"))
    qtbot.waitUntil(window.error_banner.isVisible, timeout=10_000)
    assert window.account_bar.user_label.text() == "Not signed in"
    assert window.account_bar.server_label.text() == f"Not connected — Sandbox on this computer — {sandbox.url}"
    assert "Connected to" not in window.account_bar.server_label.text()


@pytest.mark.parametrize(("screen", "size"), [
    (QRect(0, 0, 2560, 1400), QSize(1360, 860)),   # room: the preferred size
    (QRect(0, 0, 1440, 860), QSize(1296, 774)),    # a laptop with a taskbar: 90 % of the free area
    (QRect(100, 0, 1280, 720), QSize(1152, 648)),
])
def test_the_first_size_fits_the_screen(screen, size):
    assert default_window_size(screen) == size


@pytest.mark.parametrize("saved_widths", [None, [400, 300, 200, 150, 150, 150, 300, 100]])
def test_at_the_first_size_the_whole_toolbar_and_every_column_show(qtbot, make_window, saved_widths):
    if saved_widths:  # widths saved on a wider screen are fitted too
        save_window_state({"queue_columns": saved_widths})
    window = make_window(show=False)
    window.resize(default_window_size(QRect(0, 0, 1440, 860)))
    window.show()
    qtbot.waitExposed(window)
    toolbar, table = window.queue.toolbar, window.queue.table
    overflow = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert overflow is None or not overflow.isVisible(), "the toolbar hides actions behind ››"
    assert all(toolbar.widgetForAction(a).isVisible() for a in toolbar.actions())
    assert table.horizontalHeader().length() <= table.viewport().width()
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0, timeout=2_000)  # updated lazily
    header = table.horizontalHeader()
    assert not any(header.isSectionHidden(c) for c in range(window.queue_model.columnCount()))
    assert table.columnWidth(STAGE) >= window.queue.columns.stage_width  # the approval line with its price
    assert table.columnWidth(RESULT) >= BY_KEY["result"].least
    last = window.queue_model.columnCount() - 1
    assert table.columnWidth(last) >= BY_KEY["made_by"].least
