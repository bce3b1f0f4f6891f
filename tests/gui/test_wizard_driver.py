"""Driving the processing wizard as a person would (shared by the wizard tests; no tests here).

Goals are radio buttons clicked with the mouse, choices made in the combo boxes, numbers
typed with the keyboard, pages turned with the Next button; ``finish`` clicks Finish. A field
of the Advanced pages is reached the way a person reaches it: "Choose every setting myself"
when no goal is chosen yet, else the "Advanced" box on the details page.
"""

from __future__ import annotations

from enum import Enum

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWizard

from pixop_desktop.ui.wizard import ProcessingWizard
from pixop_desktop.ui.wizard.editors import ChoiceEditor, ClipTimeEditor, FieldEditor, NumberEditor


@pytest.fixture
def make_wizard(qtbot):
    def make(source=None, preset=None, files=()) -> ProcessingWizard:
        wizard = ProcessingWizard(source=source, preset=preset, files=files)
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


def click(qtbot, widget) -> None:
    """Click a check box or radio button on its indicator (a wide button's middle may be past its text)."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))


def choose_goal(qtbot, wizard: ProcessingWizard, name: str | None) -> None:
    """Click the goal whose radio reads ``name`` (None: "Choose every setting myself")."""
    page = wizard.goal_page
    assert wizard.currentPage() is page, "goals are chosen on the first page"
    button = page.own_button if name is None else next(b for b in page.buttons if b.text() == name)
    click(qtbot, button)
    assert button.isChecked()


def go_to(qtbot, wizard: ProcessingWizard, page_id: str) -> None:
    """Click Next until the page is showing (fails if Next is disabled on the way); with no goal
    chosen yet, the goal is "every setting myself"."""
    while wizard.currentPage().objectName() != f"page_{page_id}":
        if wizard.currentPage() is wizard.goal_page and wizard.goal_page.goal() is None:
            choose_goal(qtbot, wizard, None)
        next_page(qtbot, wizard)


def next_page(qtbot, wizard: ProcessingWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled(), f"Next is disabled: {problems_shown(wizard)}"
    before = wizard.currentId()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() != before


def open_advanced(qtbot, wizard: ProcessingWizard) -> None:
    if wizard.advanced():
        return
    go_to(qtbot, wizard, "details")
    if not wizard.advanced():  # "every setting myself", chosen on the way, ticks it already
        click(qtbot, wizard.details_page.advanced_check)
    assert wizard.advanced()


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
                open_advanced(qtbot, wizard)
                ids = wizard.walk()
                assert ids.index(wizard.page_id_of(page)) > ids.index(wizard.currentId()), "only forward"
                go_to(qtbot, wizard, page.page_id)
            return
    raise KeyError(path)


def problems_shown(wizard: ProcessingWizard) -> str:
    page = wizard.currentPage()
    label = getattr(page, "problem_label", None)
    return label.text() if label is not None and label.isVisible() else ""


def finish(qtbot, wizard: ProcessingWizard) -> dict:
    go_to(qtbot, wizard, "summary")
    button = wizard.button(QWizard.WizardButton.FinishButton)
    assert button.isEnabled(), problems_shown(wizard) or wizard.summary.nothing_label.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    return wizard.request().to_json()
