"""A watched folder that processes says where its results go: an output folder, or "leave on Pixop"."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from pixop_desktop.ui.watch.rule_dialog import RuleDialog
from pixop_desktop.watch.rules import load_rules

LEFT = Qt.MouseButton.LeftButton


def _ok(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def test_a_processing_rule_without_a_place_for_results_is_refused_in_plain_words(qtbot, tmp_path):
    dialog = RuleDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.folder, str(tmp_path / "in"))
    assert not dialog.leave_on_pixop.isEnabled()  # upload only: nothing to leave anywhere
    dialog.preset.setCurrentIndex(1)  # the first preset
    qtbot.mouseClick(_ok(dialog), LEFT)
    assert dialog.isVisible()
    assert dialog.error.text() == ("Choose an output folder for the results, or tick “Leave the results on "
                                   "Pixop” if nothing should be downloaded.")

    dialog.leave_on_pixop.setChecked(True)
    assert not dialog.output.isEnabled()
    qtbot.mouseClick(_ok(dialog), LEFT)
    assert not dialog.isVisible()
    assert dialog.result_rule.leave_results_on_pixop and dialog.result_rule.output_folder is None


def test_an_old_rule_that_left_results_on_pixop_opens_with_that_said(qtbot, tmp_path):
    path = tmp_path / "rules.json"
    path.write_text(json.dumps({"schema_version": 1, "rules": [
        {"id": "old", "folder": str(tmp_path / "in"), "preset": "Clean up noisy footage"}]}))
    [rule] = load_rules(path)
    dialog = RuleDialog(rule=rule)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.leave_on_pixop.isChecked() and not dialog.output.isEnabled()
    dialog.leave_on_pixop.setChecked(False)  # the person wants the results back after all
    qtbot.keyClicks(dialog.output, str(tmp_path / "out"))
    qtbot.mouseClick(_ok(dialog), LEFT)
    assert dialog.result_rule.output_folder == str(tmp_path / "out")
    assert not dialog.result_rule.leave_results_on_pixop
