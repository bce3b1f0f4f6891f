"""The URL import asks for one name; the rest waits under "Advanced", which opens by itself when a
problem is there. One ingestion default everywhere (jobs.model.DEFAULT_INGESTION)."""

from __future__ import annotations

import argparse

from PySide6.QtCore import Qt

from pixop_desktop.commands.imports import add_common_arguments
from pixop_desktop.imports.params import HttpsImport, S3Import
from pixop_desktop.intake import JobOptions
from pixop_desktop.jobs.model import DEFAULT_INGESTION, Ingestion, Job, Source
from pixop_desktop.ui.imports.url_dialog import ImportUrlDialog
from pixop_desktop.watch.rules import WatchRule

PUBLIC = "https://example.com/media/Match%20Highlights.mxf"


def test_one_name_then_advanced(qtbot):
    dialog = ImportUrlDialog(projects=[("p-1", "Sports")])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.name_edit.isVisible() and not dialog.file_name_edit.isVisible()
    assert not dialog.crc_edit.isVisible() and not dialog.ingestion.isVisible()
    qtbot.mouseClick(dialog.advanced_button, Qt.MouseButton.LeftButton)
    assert dialog.file_name_edit.isVisible() and dialog.connections_spin.isVisible()
    qtbot.mouseClick(dialog.advanced_button, Qt.MouseButton.LeftButton)
    assert not dialog.file_name_edit.isVisible()
    dialog.url_edit.setText(PUBLIC)
    dialog.crc_edit.setText("abc")  # a problem under Advanced opens it
    assert dialog.crc_edit.isVisible() and dialog.advanced_button.isChecked()
    assert dialog.ingestion.isChecked() is (DEFAULT_INGESTION is Ingestion.FULL)


def test_every_door_has_the_same_ingestion_default():
    full = DEFAULT_INGESTION is Ingestion.FULL
    assert Job(Source.local("/a.mp4")).ingestion is DEFAULT_INGESTION
    assert JobOptions().ingestion is DEFAULT_INGESTION
    assert WatchRule(folder="/in").ingestion is DEFAULT_INGESTION
    assert HttpsImport(PUBLIC).full_ingestion is full and S3Import("loc", "key").full_ingestion is full
    parser = argparse.ArgumentParser()
    add_common_arguments(parser)
    assert parser.parse_args([]).light is not full
    assert parser.parse_args(["--light"]).light and not parser.parse_args(["--full-ingestion"]).light
