"""Files handed to the app from outside: macOS FileOpen events, before and after the window exists."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QDialog

from pixop_desktop.ui.app.application import PixopApplication
from pixop_desktop.ui.app.open_requests import OpenRequests
from tests.fixtures.clips import make_clip
from tests.gui.queue_window import open_main_window


@pytest.fixture
def requests(qapp):
    requests = OpenRequests(qapp, platform="darwin")  # the system that sends FileOpen events
    yield requests
    requests.remove()
    requests.setParent(None)  # gone with this test, not left on the app for the next one


def send_file_open(path) -> bool:
    """What macOS sends the app for a file dropped on the Dock icon or opened with it; True if taken."""
    event = QFileOpenEvent(str(path))
    QCoreApplication.sendEvent(QApplication.instance(), event)
    return event.isAccepted()


def job_paths(window) -> list[str]:
    return [job.source.path for job in window.store.list_jobs()]


def test_opened_files_go_through_the_intake_like_a_drop(qtbot, sandbox, requests, tmp_path):
    window = open_main_window(qtbot, sandbox)
    try:
        requests.attach(window)
        clip = make_clip(tmp_path / "interview.mp4", seconds=1, fps=10)
        notes = tmp_path / "notes.txt"
        notes.write_text("not a video")
        window.hide()  # in the tray: opening a file brings it back
        send_file_open(notes)
        assert window.isVisible()
        QCoreApplication.sendEvent(QApplication.instance(), QFileOpenEvent(QUrl.fromLocalFile(str(clip))))

        qtbot.waitUntil(lambda: job_paths(window) == [str(clip)], timeout=15_000)
        qtbot.waitUntil(lambda: window.refused_panel.names() == ["notes.txt"], timeout=10_000)
        assert requests.waiting() == []
    finally:
        window.shutdown()


def test_files_opened_before_the_window_exists_wait_for_it(qtbot, sandbox, requests, tmp_path):
    clip = make_clip(tmp_path / "early.mov", seconds=1, fps=10)
    send_file_open(clip)
    requests.request([])  # a second launch without files: nothing to add, nothing lost
    assert requests.waiting() == [str(clip)]

    window = open_main_window(qtbot, sandbox)
    try:
        assert job_paths(window) == []
        requests.attach(window)
        assert requests.waiting() == []
        qtbot.waitUntil(lambda: job_paths(window) == [str(clip)], timeout=15_000)
        send_file_open(clip.with_name("missing.mp4"))  # later events go straight to the intake
        qtbot.waitUntil(lambda: window.refused_panel.names() == ["missing.mp4"], timeout=10_000)
        assert job_paths(window) == [str(clip)]
    finally:
        window.shutdown()


def test_after_remove_no_more_files_are_taken(qtbot, qapp, requests, tmp_path):
    requests.remove()
    send_file_open(tmp_path / "after.mp4")
    assert requests.waiting() == []


@pytest.mark.parametrize(("platform", "shown"), [("darwin", True), ("linux", False)])
def test_a_dock_click_brings_back_a_window_kept_in_the_tray(qtbot, qapp, sandbox, platform, shown):
    from PySide6.QtCore import Qt

    requests = OpenRequests(qapp, platform=platform)
    try:
        window = open_main_window(qtbot, sandbox)
        requests.attach(window)
        window.hide()  # "keep working in the tray"
        qapp.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)  # the Dock icon clicked
        assert window.isVisible() is shown
    finally:
        requests.remove()
        requests.setParent(None)


def test_file_open_events_come_through_the_application_not_a_filter(qapp, requests, tmp_path):
    """The application's own event() turns FileOpen into a signal: no filter on the whole app,
    which would see every event of every widget and have the bindings wrap widgets still being
    built (a crash when a window was built while it listened)."""
    assert isinstance(qapp, PixopApplication)
    for _ in range(20):  # widgets built and shown while the requests listen
        dialog = QDialog()
        dialog.show()
        dialog.deleteLater()
    clip = tmp_path / "late.mp4"
    assert send_file_open(clip) and requests.waiting() == [str(clip)]
