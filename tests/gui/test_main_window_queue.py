"""The main window's queue: as it was after a restart, keyboard paths, menus, removing jobs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pixop_desktop.jobs.model import Job, Source, State
from pixop_desktop.ui.queue.text import QueueFilter
from tests.gui.queue_window import click_row, open_main_window


@pytest.fixture
def windows(qtbot, sandbox):
    opened = []

    def make(**kwargs):
        window = open_main_window(qtbot, sandbox, **kwargs)
        window.runner.pause_queue()  # these tests look at the list, not at transfers
        opened.append(window)
        return window

    yield make
    for window in opened:
        window.shutdown()


def _add(window, *names: str) -> list[int]:
    """Jobs named ``*.wait.mp4`` wait for approval (they "need attention"); the rest are queued."""
    ids = window.store.add_many(Job(Source.local(f"/videos/{name}", 10, 1),
                                    state=State.NEEDS_APPROVAL if ".wait" in name else State.QUEUED)
                                for name in names)
    window.queue_model.refresh_jobs(ids)
    return ids


def test_the_queue_is_as_it_was_after_a_restart(qtbot, windows):
    window = windows()
    a, b, c, d = _add(window, "a.mp4", "b.wait.mp4", "c.mp4", "d.wait.mp4")
    click_row(qtbot, window, d)
    qtbot.keyClick(window.queue.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # Move Up
    assert window.queue_model.job_ids() == [a, b, d, c]
    attention = next(b for b in window.queue.filter_buttons.buttons()
                     if b.property("queueFilter") == QueueFilter.ATTENTION.value)
    qtbot.mouseClick(attention, Qt.MouseButton.LeftButton)
    assert window.queue_model.job_ids() == [b, d]
    window.queue.select_jobs([d])
    window.shutdown()

    again = windows()
    assert again.queue_model.filter is QueueFilter.ATTENTION and attention.text() in [
        button.text() for button in again.queue.filter_buttons.buttons() if button.isChecked()]
    assert again.queue_model.job_ids() == [b, d]
    assert again.queue.selected_ids() == [d]
    again.queue.set_filter(QueueFilter.ALL)
    assert again.queue_model.job_ids() == [a, b, d, c]


def test_toolbar_actions_follow_the_selection_and_remove_keeps_files(qtbot, windows, tmp_path):
    window = windows()
    a, b = _add(window, "a.mp4", "b.wait.mp4")
    click_row(qtbot, window, a)
    actions = window.queue.action
    assert actions["pause"].isEnabled() and not actions["retry"].isEnabled() and not actions["approve"].isEnabled()
    click_row(qtbot, window, b)
    assert actions["approve"].isEnabled() and actions["remove"].isEnabled() and not actions["pause"].isEnabled()
    qtbot.keyClick(window.queue.table, Qt.Key.Key_Delete)
    assert window.queue_model.job_ids() == [a]
    assert [job.id for job in window.store.list_jobs()] == [a]


def test_menus_offer_settings_imports_and_the_queue(windows):
    window = windows()
    texts = lambda menu: [a.text().replace("&", "") for a in menu.actions() if a.text()]  # noqa: E731
    file_items = texts(window.file_menu)
    for item in ("Add Files…", "Add Folder…", "Settings…", "Import from URL…", "Import from S3…", "Quit"):
        assert item in file_items
    queue_items = texts(window.queue_menu)
    assert "Pause Everything" in queue_items and "Retry" in queue_items and "Approve" in queue_items
    assert "Open Log Folder" in texts(window.help_menu)


def test_an_accepted_url_import_becomes_a_job(qtbot, windows):
    from pixop_desktop.imports.params import HttpsImport
    from pixop_desktop.jobs.model import Ingestion, SourceKind

    window = windows()
    dialog = window.extras.import_from_url()
    assert dialog is not None and dialog.isVisible()
    # O's dialog checks the fields and the host itself (tests/gui of imports); here: what OK hands over.
    dialog.params = HttpsImport("https://media.example.com/masters/reel.mov", full_ingestion=True)
    dialog.accept()
    qtbot.waitUntil(lambda: len(window.store.list_jobs()) == 1, timeout=5_000)
    job = window.store.list_jobs()[0]
    assert job.source.kind is SourceKind.URL and job.source.url.endswith("reel.mov")
    assert job.ingestion is Ingestion.FULL and job.processing is None
    assert window.queue_model.index(0, 0).data() == "reel.mov"


def test_cancel_asks_first_and_approve_has_a_shortcut(qtbot, windows):
    window = windows()
    keep, approve = _add(window, "keep.wait.mp4", "approve.wait.mp4")
    asked = []
    window.queue.confirm = lambda title, question, *buttons: asked.append(question) or False  # "No"
    click_row(qtbot, window, keep)
    window.queue.action["cancel"].trigger()
    assert asked and "cannot be continued" in asked[0]
    assert window.store.get(keep).state is State.NEEDS_APPROVAL
    window.queue.confirm = lambda title, question, *buttons: True  # "Cancel video"
    window.queue.action["cancel"].trigger()
    assert window.store.get(keep).state is State.CANCELLED
    click_row(qtbot, window, approve)
    qtbot.keyClick(window.queue.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.store.get(approve).state is State.QUEUED
    assert window.queue_model.job(approve).state is State.QUEUED
