"""Settings while trying the app on the built-in sandbox: OK on another page keeps the sandbox;
choosing an account on the Account page leaves it (from the next start, as the window says)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt

from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD
from pixop_desktop.settings import PRODUCTION_SERVER, ServerKind, load_settings, save_settings, settings_path
from pixop_desktop.transfer.throttle import default_limiter
from tests.gui.account_fixtures import fresh_session_stores, no_keyring  # noqa: F401  (fixtures)
from tests.gui.queue_window import open_main_window

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def sandbox_window(qtbot, sandbox, no_keyring):
    """The main window as ``pixop-desktop --sandbox`` / the welcome's sandbox choice leave things."""
    settings = load_settings()
    settings.first_run_done, settings.use_builtin_sandbox = True, True
    save_settings(settings)
    window = open_main_window(qtbot, sandbox, settings=settings)
    yield window
    default_limiter().set_rate(0)
    window.shutdown()


def open_settings(qtbot, window):
    dialog = window.extras.open_settings()
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    return dialog


def saved() -> dict:
    return json.loads(settings_path().read_text(encoding="utf-8"))


def test_ok_after_changing_only_the_bandwidth_keeps_the_sandbox(qtbot, sandbox_window):
    dialog = open_settings(qtbot, sandbox_window)
    assert dialog.account_page.sandbox_note.isVisible()
    dialog.show_page(dialog.transfers_page)
    spin = dialog.transfers_page.bandwidth_spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "8")
    dialog.account_page.wait()  # the saved secrets (none here) have been looked up
    qtbot.mouseClick(dialog.ok_button, LEFT)

    assert not dialog.isVisible(), dialog.error_banner.message_label.text()
    on_disk = saved()
    assert on_disk["use_builtin_sandbox"] is True
    assert on_disk["server"] == PRODUCTION_SERVER and on_disk["email"] == ""
    assert on_disk["bandwidth_limit_mbps"] == 8
    assert sandbox_window.settings.use_builtin_sandbox
    assert "next start" not in sandbox_window.statusBar().currentMessage()


def test_choosing_a_custom_server_leaves_the_sandbox_from_the_next_start(qtbot, sandbox_window, sandbox):
    dialog = open_settings(qtbot, sandbox_window)
    form = dialog.account_page.form
    form.server_combo.setCurrentIndex(form.server_combo.findData(ServerKind.CUSTOM))
    form.url_edit.setText(sandbox.url)
    qtbot.keyClicks(form.email_edit, DEFAULT_EMAIL)
    qtbot.keyClicks(form.password_edit, DEFAULT_PASSWORD)
    form.update_keyring_status()
    qtbot.mouseClick(form.session_only_check, LEFT, pos=QPoint(8, form.session_only_check.height() // 2))
    qtbot.mouseClick(dialog.ok_button, LEFT)

    assert not dialog.isVisible(), dialog.error_banner.message_label.text()
    on_disk = saved()
    assert on_disk["use_builtin_sandbox"] is False
    assert on_disk["server"] == sandbox.url and on_disk["email"] == DEFAULT_EMAIL
    assert sandbox_window.statusBar().currentMessage() == "The new account settings are used from the next start."
