"""Presets Import/Export open in the Documents folder (or where a preset file was last
imported or exported), never in the process's working folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths

from pixop_desktop.ui.presets.dialog import PresetsDialog
from tests.gui.test_presets_dialog import FIRST_BUILT_IN, _choose_file

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def person_home(tmp_path, monkeypatch):
    """A home folder with a Documents folder, and a working folder somewhere else entirely."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    working = tmp_path / "working"
    working.mkdir()
    monkeypatch.chdir(working)
    monkeypatch.setattr(PresetsDialog, "last_folder", "")
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert Path(documents) == home / "Documents"
    return home


@pytest.fixture
def dialog(qtbot):
    dialog = PresetsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def opened_in(file_dialog) -> Path:
    return Path(file_dialog.directory().absolutePath())


def test_import_and_export_start_in_documents(qtbot, dialog, person_home):
    importing = dialog.choose_import()
    assert opened_in(importing) == person_home / "Documents"
    importing.reject()
    dialog.select(FIRST_BUILT_IN)
    exporting = dialog.choose_export()
    assert opened_in(exporting) == person_home / "Documents"
    assert exporting.selectedFiles()[0].endswith(".json")
    exporting.reject()


def test_the_next_dialog_opens_where_the_last_file_went(qtbot, dialog, person_home, tmp_path):
    shared = tmp_path / "shared drive"
    shared.mkdir()
    dialog.select(FIRST_BUILT_IN)
    dialog.choose_export()
    _choose_file(qtbot, dialog, shared / "for the team.json")
    assert (shared / "for the team.json").is_file()
    importing = dialog.choose_import()
    assert opened_in(importing) == shared
    importing.reject()
    other = PresetsDialog()  # a Presets window opened later in the session remembers it too
    qtbot.addWidget(other)
    assert opened_in(other.choose_import()) == shared
    other.file_dialog.reject()
