"""Driving the processing wizard as a person would (shared by the wizard tests; no tests here).

Choices are made in the combo boxes, numbers typed with the keyboard, pages
turned with the Next button; ``finish`` clicks Finish.
"""

from __future__ import annotations

from enum import Enum

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from pixop_desktop.ui.wizard import ProcessingWizard
from pixop_desktop.ui.wizard.editors import ChoiceEditor, ClipTimeEditor, FieldEditor, NumberEditor


@pytest.fixture
def make_wizard(qtbot):
    def make(source=None, preset=None) -> ProcessingWizard:
        wizard = ProcessingWizard(source=source, preset=preset)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        return wizard

    return make


def editor(wizard: ProcessingWizard, path: str) -> FieldEditor:
    for page in wizard.field_pages:
        if path in page.editors:
            return page.editors[path]
    raise KeyError(path)


def go_to(qtbot, wizard: ProcessingWizard, page_id: str) -> None:
    """Click Next until the page is showing (fails if Next is disabled on the way)."""
    while wizard.currentPage().objectName() != f"page_{page_id}":
        next_page(qtbot, wizard)


def next_page(qtbot, wizard: ProcessingWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled(), f"Next is disabled: {problems_shown(wizard)}"
    before = wizard.currentId()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() != before


def choose(qtbot, wizard: ProcessingWizard, path: str, member: Enum | None) -> None:
    """Pick an option in the field's combo box (None = "Not set")."""
    go_to_field(qtbot, wizard, path)
    field = editor(wizard, path)
    assert isinstance(field, ChoiceEditor)
    assert field.combo.isEnabled(), f"{path} is disabled: {field.why_not.text()}"
    index = field.index_of(member)
    assert field.combo.model().item(index).isEnabled(), f"{member} cannot be chosen: {field.why_not.text()}"
    field.combo.setFocus()
    field.combo.setCurrentIndex(index)
    assert field.member() == member


def type_number(qtbot, wizard: ProcessingWizard, path: str, text: str) -> None:
    go_to_field(qtbot, wizard, path)
    field = editor(wizard, path)
    assert isinstance(field, NumberEditor) and field.line.isEnabled(), field.why_not.text()
    field.line.setFocus()
    field.line.selectAll()
    qtbot.keyClick(field.line, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(field.line, text)


def set_clip(qtbot, wizard: ProcessingWizard, path: str, ms: int | None) -> None:
    from PySide6.QtCore import QTime

    go_to_field(qtbot, wizard, path)
    field = editor(wizard, path)
    assert isinstance(field, ClipTimeEditor)
    if (ms is not None) != field.enabled_box.isChecked():
        qtbot.mouseClick(field.enabled_box, Qt.MouseButton.LeftButton)
    if ms is not None:
        field.time.setFocus()
        field.time.setTime(QTime(0, 0).addMSecs(ms))


def go_to_field(qtbot, wizard: ProcessingWizard, path: str) -> None:
    for page in wizard.field_pages:
        if path in page.editors:
            if wizard.currentPage() is not page:
                ids = wizard.pageIds()
                assert ids.index(wizard.page_id_of(page)) > ids.index(wizard.currentId()), "only forward"
                go_to(qtbot, wizard, page.page_id)
            return
    raise KeyError(path)


def problems_shown(wizard: ProcessingWizard) -> str:
    page = wizard.currentPage()
    return page.problem_label.text() if page.problem_label.isVisible() else ""


def finish(qtbot, wizard: ProcessingWizard) -> dict:
    go_to(qtbot, wizard, "summary")
    button = wizard.button(QWizard.WizardButton.FinishButton)
    assert button.isEnabled(), problems_shown(wizard)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    return wizard.request().to_json()
