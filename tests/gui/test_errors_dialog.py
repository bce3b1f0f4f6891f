"""Errors: title, message and next step; unexpected exceptions give a copyable report without secrets."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from pixop_desktop.logging_setup import register_secret
from pixop_desktop.ui.window.errors import UnexpectedErrorDialog, crash_report, error_box, install_exception_hooks

LEFT = Qt.MouseButton.LeftButton
SECRET = "pw-Very-Secret-4711"


def failing_sign_in():
    password = SECRET
    raise RuntimeError(f"sign-in failed for url https://ana:{password}@pixop.example "
                       f"with password={password} and Authorization: Bearer abcdefghijklmnop")


def caught():
    try:
        failing_sign_in()
    except RuntimeError:
        return sys.exc_info()
    raise AssertionError("did not raise")


def test_report_has_versions_and_traceback_but_no_secret():
    report = crash_report(*caught())
    assert "Pixop Desktop" in report and "failing_sign_in" in report and "RuntimeError" in report
    assert SECRET not in report and "abcdefghijklmnop" not in report
    assert "[REDACTED]" in report


def test_a_secret_known_to_the_app_is_removed_even_without_a_key_name():
    register_secret("plain-Secret-9000")
    report = crash_report(ValueError, ValueError("the value plain-Secret-9000 was refused"), None)
    assert "plain-Secret-9000" not in report


def test_dialog_shows_and_copies_the_report(qtbot):
    dialog = UnexpectedErrorDialog(crash_report(*caught()))
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Traceback" in dialog.report and SECRET not in dialog.report
    qtbot.mouseClick(dialog.copy_button, LEFT)
    assert QGuiApplication.clipboard().text() == dialog.report
    assert dialog.copy_button.text() == "Copied"
    assert dialog.log_button.text() == "Open &log folder" and dialog.log_button.accessibleName()
    qtbot.mouseClick(dialog.close_button, LEFT)
    assert not dialog.isVisible()


def test_known_errors_show_title_message_and_next_step(qtbot):
    box = error_box(None, "Upload failed", "The connection dropped.", "Check the network, then press Retry.")
    qtbot.addWidget(box)
    box.open()
    assert box.text() == "Upload failed"
    assert box.informativeText() == "The connection dropped.\n\nCheck the network, then press Retry."
    assert box.textFormat() == Qt.TextFormat.PlainText


@pytest.fixture
def hooks(qapp):
    uninstall = install_exception_hooks()
    yield uninstall.relay
    for dialog in list(uninstall.relay._open):
        dialog.close()
    uninstall()


def test_an_uncaught_exception_in_the_gui_thread_opens_the_dialog(qtbot, hooks):
    sys.excepthook(*caught())
    qtbot.waitUntil(lambda: len(hooks._open) == 1)
    dialog = hooks._open[0]
    assert dialog.isVisible() and "failing_sign_in" in dialog.report and SECRET not in dialog.report


def test_an_uncaught_exception_in_a_worker_thread_reaches_the_gui_thread(qtbot, hooks):
    thread = threading.Thread(target=failing_sign_in, name="upload-worker")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(hooks._open) == 1)
    report = hooks._open[0].report
    assert "Thread: upload-worker" in report and SECRET not in report


def test_hooks_are_restored():
    before_sys, before_thread = sys.excepthook, threading.excepthook
    uninstall = install_exception_hooks()
    assert sys.excepthook is not before_sys and threading.excepthook is not before_thread
    uninstall()
    assert sys.excepthook is before_sys and threading.excepthook is before_thread
