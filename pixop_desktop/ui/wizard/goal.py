"""The wizard's first page: what Pixop should do, chosen as an outcome, for the file(s) named on top.

Each preset (built-in and the person's own) is a radio button with its one-line
description under it; the last choice keeps every setting in the person's hands (the
Advanced pages). Choosing is all this page does: the wizard loads the preset.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup, QLabel, QRadioButton, QScrollArea, QVBoxLayout, QWidget, QWizardPage,
)

from pixop_desktop.presets import Preset
from pixop_desktop.ui.translations import PRESETS, core_text

from .steps import add_step_label

OWN_SETTINGS = 1_000_000  # not -1: QButtonGroup reads -1 as "assign an id"
"""The id of "Choose every setting myself" in the goal group (presets are 0, 1, 2 …)."""


def preset_name_shown(preset: Preset) -> str:
    return core_text(PRESETS, preset.name) if preset.built_in else preset.name


def preset_description(preset: Preset) -> str:
    """A built-in preset's description in the person's language; a person's own as they wrote it."""
    return core_text(PRESETS, preset.description) if preset.built_in else preset.description


def _note(text: str) -> QLabel:
    note = QLabel(text)
    note.setWordWrap(True)
    note.setTextFormat(Qt.TextFormat.PlainText)
    note.setStyleSheet("color: palette(placeholder-text); margin-left: 24px")
    return note


class GoalPage(QWizardPage):
    """One radio per preset plus "every setting myself"; ``chosen(index)`` (``OWN_SETTINGS``: every setting myself)."""

    chosen = Signal(int)

    def __init__(self, presets: Sequence[Preset], files: Sequence[str] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_goal")
        self.setTitle(self.tr("What should Pixop do?"))
        self.setSubTitle(self.tr("Choose the result you want. You can check the details before anything starts."))
        self.step_label = add_step_label(self)
        self.for_label = QLabel()
        self.for_label.setTextFormat(Qt.TextFormat.PlainText)
        self.for_label.setStyleSheet("font-weight: bold")
        self.for_label.setAccessibleName(self.tr("For"))
        self.set_files(files)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QRadioButton] = []
        self._notes: dict[QRadioButton, QLabel] = {}
        body = QWidget()
        self.list_layout = QVBoxLayout(body)
        self.list_layout.setSpacing(2)
        for index, preset in enumerate(presets):
            self.add_goal(preset, index)
        self.own_button = self._add(
            self.tr("Choose every setting myself"),
            self.tr("For experts: size, frame rate, file format, codec, clip range and every other setting."),
            OWN_SETTINGS)
        self.list_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = self.layout()
        layout.addWidget(self.for_label)
        layout.addWidget(scroll, 1)
        self.group.idToggled.connect(self._on_toggled)

    def set_files(self, files: Sequence[str]) -> None:
        """Name the file(s) the choice applies to: "For: interview.mp4" or "For: 3 videos"."""
        names = [Path(f).name for f in files]
        if len(names) == 1:
            text = self.tr("For: {name}").format(name=names[0])
        else:
            text = self.tr("For: %n video(s)", "", len(names))
        self.for_label.setText(text)
        self.for_label.setToolTip("\n".join(names))
        self.for_label.setVisible(bool(names))

    def add_goal(self, preset: Preset, index: int) -> QRadioButton:
        """A radio for a preset (also one the list did not have, e.g. a preset file)."""
        name = preset_name_shown(preset)
        if not preset.built_in:
            name = self.tr("{name} (yours)").format(name=name)
        own = getattr(self, "own_button", None)  # "every setting myself" stays last
        return self._add(name, preset_description(preset), index,
                         self.list_layout.indexOf(own) if own is not None else None)

    def _add(self, name: str, description: str, goal_id: int, at: int | None = None) -> QRadioButton:
        button = QRadioButton(name)
        button.setStyleSheet("font-weight: bold")
        button.setAccessibleName(name)
        button.setAccessibleDescription(description)
        note = _note(description)
        note.setBuddy(button)
        self._notes[button] = note
        self.group.addButton(button, goal_id)
        self.buttons.append(button)
        position = self.list_layout.count() if at is None else at
        self.list_layout.insertWidget(position, button)
        self.list_layout.insertWidget(position + 1, note)
        return button

    def description_of(self, button: QRadioButton) -> str:
        return self._notes[button].text()

    def goal(self) -> int | None:
        """The chosen preset's index, ``OWN_SETTINGS``, or None while nothing is chosen."""
        checked = self.group.checkedId()
        return None if self.group.checkedButton() is None else checked

    def show_goal(self, goal_id: int | None) -> None:
        """Tick a goal without reporting it as a choice (the wizard already loaded it)."""
        self.group.blockSignals(True)
        if goal_id is None:
            self.group.setExclusive(False)
            for button in self.buttons:
                button.setChecked(False)
            self.group.setExclusive(True)
        else:
            self.group.button(goal_id).setChecked(True)
        self.group.blockSignals(False)
        self.completeChanged.emit()

    @Slot(int, bool)
    def _on_toggled(self, goal_id: int, checked: bool) -> None:
        if checked:
            self.chosen.emit(goal_id)
            self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.goal() is not None
