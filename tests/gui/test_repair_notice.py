"""A damaged job queue found when the window opens: the window still opens, on a new queue,
and says in a calm notice what happened and where the old file went."""

from __future__ import annotations

from pixop_desktop import paths
from pixop_desktop.jobs.store import FILE_NAME
from tests.gui.queue_window import open_main_window


def test_window_opens_on_a_damaged_queue_and_says_so(qtbot, shared_sandbox):
    queue = paths.data_dir() / FILE_NAME
    queue.parent.mkdir(parents=True, exist_ok=True)
    queue.write_bytes(b"not a database " * 100)
    window = open_main_window(qtbot, shared_sandbox)
    notice = window.repair_notice
    assert notice.isVisible()
    assert notice.title_label.text() == "Your job queue was repaired"
    assert "moved aside" in notice.message_label.text()
    assert window.store.recovered_from is not None
    notice.dismiss_button.click()
    assert not notice.isVisible()


def test_no_notice_on_a_healthy_queue(qtbot, shared_sandbox):
    window = open_main_window(qtbot, shared_sandbox)
    assert not window.repair_notice.isVisible()
