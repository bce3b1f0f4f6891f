"""File → Presets…: import, export, duplicate, edit and delete presets as a person would,
with real preset files in the test's own data folder."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWizard

from pixop_desktop.processing import Deinterlacer, ProcessingRequest
from pixop_desktop.presets import BUILT_IN_PRESETS, get_preset, list_presets, save_preset
from pixop_desktop.ui.presets.dialog import PresetsDialog
from pixop_desktop.ui.watch.rule_dialog import RuleDialog
from tests.gui.queue_window import open_main_window
from tests.gui.test_translations import assert_all_translated, pseudo_qm, pseudo_translated  # noqa: F401
from tests.gui.test_wizard_driver import choose, finish

pytestmark = pytest.mark.timeout(60)

TAPE = ProcessingRequest.from_json({"deinterlacer": "yadif", "denoiser": "denoise"})
FIRST_BUILT_IN = BUILT_IN_PRESETS[0][0]


@pytest.fixture
def dialog(qtbot):
    save_preset("Tape look", TAPE, "For our VHS shelf")
    dialog = PresetsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _answer(qtbot, box: QMessageBox, text: str) -> None:
    [button] = [b for b in box.buttons() if b.text().replace("&", "") == text]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _choose_file(qtbot, dialog, path) -> None:
    """Type the file's path in the open file dialog and accept, as a person would."""
    file_dialog = dialog.file_dialog
    qtbot.waitUntil(file_dialog.isVisible)
    file_dialog.selectFile(str(path))
    file_dialog.accept()


def test_lists_built_ins_marked_and_read_only_then_own_presets(qtbot, dialog):
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert texts[0] == f"{FIRST_BUILT_IN} (built-in)"
    assert texts[-1] == "Tape look"
    assert sum(text.endswith("(built-in)") for text in texts) == len(BUILT_IN_PRESETS)
    dialog.list.setCurrentRow(0)
    assert not dialog.delete_button.isEnabled() and not dialog.edit_button.isEnabled()
    assert dialog.export_button.isEnabled() and dialog.duplicate_button.isEnabled()
    assert dialog.ask_delete() is None  # also not by a stray shortcut
    assert get_preset(FIRST_BUILT_IN).built_in


def test_shows_description_plain_summary_and_json(qtbot, dialog):
    dialog.select("Tape look")
    assert dialog.description.text() == "For our VHS shelf"
    assert dialog.summary.text().splitlines() == ["Deinterlacer: YADIF (“Yet Another DeInterlacing Filter”)",
                                                  "Denoiser: Pixop Denoiser"]
    assert json.loads(dialog.json_view.toPlainText()) == TAPE.to_json()


def test_export_then_import_round_trips_a_preset(qtbot, dialog, tmp_path):
    dialog.select("Tape look")
    _click(qtbot, dialog.export_button)
    _choose_file(qtbot, dialog, tmp_path / "shared.json")
    assert json.loads((tmp_path / "shared.json").read_text())["name"] == "Tape look"

    dialog.select("Tape look")
    _click(qtbot, dialog.delete_button)
    with qtbot.waitSignal(dialog.presets_changed):
        _answer(qtbot, dialog.confirm_box, "Delete")
    assert "Tape look" not in [p.name for p in list_presets()]

    _click(qtbot, dialog.import_button)
    with qtbot.waitSignal(dialog.presets_changed):
        _choose_file(qtbot, dialog, tmp_path / "shared.json")
    imported = get_preset("Tape look")
    assert imported.request == TAPE and imported.description == "For our VHS shelf"
    assert dialog.selected().name == "Tape look"
    assert "Imported “Tape look”" in dialog.status.text()


@pytest.mark.parametrize("content, problem", [
    ("this is { not json", "is not valid JSON"),
    ('{"name": "x"}', "is not a Pixop Desktop preset file"),
    ('{"name": "Bad", "request": {"deinterlacer": "shaky"}}', "Preset settings not valid"),
])
def test_a_broken_file_is_refused_naming_the_file_and_the_problem(qtbot, dialog, tmp_path, content, problem):
    broken = tmp_path / "broken-preset.json"
    broken.write_text(content)
    before = len(list_presets())
    dialog.import_file(str(broken))
    box = dialog.message_box
    assert box.isVisible()
    assert "broken-preset.json" in box.text()
    assert problem in box.informativeText()
    box.accept()
    assert len(list_presets()) == before


def test_a_name_clash_asks_replace_or_keep_both(qtbot, dialog, tmp_path):
    other = tmp_path / "tape.json"
    other.write_text(json.dumps({"name": "tape LOOK", "description": "newer",
                                 "request": {"deinterlacer": "bwdif"}}))
    dialog.import_file(str(other))
    with qtbot.waitSignal(dialog.presets_changed):
        _answer(qtbot, dialog.clash_box, "Keep Both")
    assert get_preset("Tape look").request == TAPE
    assert get_preset("tape LOOK (2)").request.deinterlacer == Deinterlacer.BWDIF

    dialog.import_file(str(other))
    with qtbot.waitSignal(dialog.presets_changed):
        _answer(qtbot, dialog.clash_box, "Replace")
    assert get_preset("Tape look").request.deinterlacer == Deinterlacer.BWDIF

    dialog.import_file(str(other))
    _answer(qtbot, dialog.clash_box, "Cancel")
    assert len([p for p in list_presets() if not p.built_in]) == 2


def test_delete_asks_and_cancel_keeps_the_preset(qtbot, dialog):
    dialog.select("Tape look")
    _click(qtbot, dialog.delete_button)
    assert "Tape look" in dialog.confirm_box.text()
    _answer(qtbot, dialog.confirm_box, "Cancel")
    assert get_preset("Tape look").request == TAPE
    _click(qtbot, dialog.delete_button)
    with qtbot.waitSignal(dialog.presets_changed):
        _answer(qtbot, dialog.confirm_box, "Delete")
    assert [p.name for p in list_presets() if not p.built_in] == []
    assert all(dialog.list.item(i).text().endswith("(built-in)") for i in range(dialog.list.count()))


def test_duplicate_a_built_in_makes_an_own_editable_copy(qtbot, dialog):
    dialog.list.setCurrentRow(0)
    _click(qtbot, dialog.duplicate_button)
    assert dialog.name_dialog.textValue() == f"{FIRST_BUILT_IN} (copy)"
    dialog.name_dialog.setTextValue("My upscale")
    with qtbot.waitSignal(dialog.presets_changed):
        dialog.name_dialog.accept()
    copy = get_preset("My upscale")
    assert not copy.built_in and copy.request == get_preset(FIRST_BUILT_IN).request
    assert dialog.selected().name == "My upscale" and dialog.delete_button.isEnabled()


def test_edit_opens_the_wizard_with_the_preset_and_saves_back(qtbot, dialog):
    dialog.select("Tape look")
    _click(qtbot, dialog.edit_button)
    wizard = dialog.wizard
    qtbot.waitUntil(wizard.isVisible)
    assert wizard.draft.request() == TAPE
    choose(qtbot, wizard, "deinterlacer", Deinterlacer.BWDIF)
    with qtbot.waitSignal(dialog.presets_changed):
        finish(qtbot, wizard)
    edited = get_preset("Tape look")
    assert edited.request.deinterlacer == Deinterlacer.BWDIF and edited.description == "For our VHS shelf"
    assert "Bob Weaver" in dialog.summary.text()


def test_opened_from_the_file_menu_and_the_intake_list_follows(qtbot, sandbox, tmp_path):
    window = open_main_window(qtbot, sandbox)
    try:
        action = window.extras.presets_action
        assert action in window.file_menu.actions() and action.text() == "&Presets…"
        action.trigger()
        dialog = window.extras.presets_dialog
        qtbot.waitUntil(dialog.isVisible)
        file = tmp_path / "p.json"
        file.write_text(json.dumps({"name": "Night shift", "request": {"denoiser": "denoise"}}))
        with qtbot.waitSignal(dialog.presets_changed):
            dialog.import_file(str(file))
        combo = window.intake_panel.after_upload
        assert combo.findData("preset:Night shift") >= 0
        rule_dialog = RuleDialog(window)  # the watched-folder rule dialog reads the list when it opens
        assert rule_dialog.preset.findData("Night shift") >= 0
        rule_dialog.deleteLater()
        dialog.reject()
    finally:
        window.shutdown()


def test_wizard_finish_is_what_edit_waits_for(qtbot, dialog):
    """Cancel in the wizard changes nothing."""
    dialog.select("Tape look")
    _click(qtbot, dialog.edit_button)
    dialog.wizard.button(QWizard.WizardButton.CancelButton).click()
    assert get_preset("Tape look").request == TAPE


def test_every_text_is_translatable(qtbot, pseudo_translated):  # noqa: F811
    save_preset("⟦Tape look⟧", TAPE, "⟦For our VHS shelf⟧")  # a person's own words are data: marked
    dialog = PresetsDialog()
    qtbot.addWidget(dialog)
    for row in (0, dialog.list.count() - 1):
        dialog.list.setCurrentRow(row)
        assert_all_translated(dialog)
