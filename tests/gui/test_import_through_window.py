"""File → Import from URL… queues a job that keeps every option the person typed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pixop_desktop.jobs.model import SourceKind
from tests.gui.queue_window import open_main_window

PUBLIC = "https://93.184.215.14/media/Match%20Highlights.mxf"


def test_the_url_dialog_options_reach_the_queued_job(qtbot, sandbox):
    window = open_main_window(qtbot, sandbox)
    dialog = window.extras.import_from_url()
    dialog.url_edit.setText(PUBLIC)
    dialog.name_edit.setText("Cup final")
    dialog.file_name_edit.setText("final.mxf")
    dialog.description_edit.setPlainText("Second half, camera 2")
    dialog.crc_edit.setText("439041101")
    dialog.connections_spin.setValue(4)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.store.list_jobs()) == 1, timeout=10_000)

    [job] = window.store.list_jobs()
    assert job.source.kind is SourceKind.URL and job.source.url == PUBLIC
    assert job.import_options == {"name": "Cup final", "file_name": "final.mxf",
                                  "description": "Second half, camera 2", "crc32c": 439041101,
                                  "connections": 4}
