"""The last page: what the output will be, the exact JSON to be sent, and "Save as preset…"."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget, QWizardPage,
)

from pixop_desktop.processing import Problem
from pixop_desktop.ui.colors import text_style

from .pages import OUTPUT_STYLE, problem_lines


def request_text(body: dict) -> str:
    """The JSON exactly as it will be sent, laid out for reading."""
    return json.dumps(body, indent=2, ensure_ascii=False)


class SummaryPage(QWizardPage):
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_summary")
        self.setTitle(self.tr("Summary"))
        self.setSubTitle(self.tr("Check what Pixop will make, then finish."))
        self._problems: list[Problem] = []
        self.output_label = QLabel()
        self.output_label.setWordWrap(True)
        self.output_label.setTextFormat(Qt.TextFormat.PlainText)
        self.output_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.output_label.setAccessibleName(self.tr("What the output will be"))
        self.output_label.setStyleSheet(OUTPUT_STYLE + "; font-weight: bold")
        json_title = QLabel(self.tr("The exact settings sent to Pixop (JSON):"))
        self.json_view = QPlainTextEdit()
        self.json_view.setReadOnly(True)
        self.json_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.json_view.setAccessibleName(self.tr("Settings sent to Pixop, as JSON"))
        self.json_view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        json_title.setBuddy(self.json_view)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setStyleSheet(text_style("problem", bold=True))
        self.problem_label.setAccessibleName(self.tr("What to change before finishing"))
        self.problem_label.hide()
        self.copy_button = QPushButton(self.tr("&Copy JSON"))
        self.copy_button.setAccessibleName(self.tr("Copy the JSON"))
        self.copy_button.clicked.connect(self.copy_json)
        self.save_button = QPushButton(self.tr("&Save as preset…"))
        self.save_button.setAccessibleName(self.tr("Save these settings as a preset"))
        self.save_button.clicked.connect(self.save_requested)
        self.saved_label = QLabel()
        self.saved_label.setTextFormat(Qt.TextFormat.PlainText)
        self.saved_label.setAccessibleName(self.tr("Preset saved"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.output_label)
        layout.addWidget(json_title)
        layout.addWidget(self.json_view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.problem_label)

    def refresh(self, body: dict, problems: list[Problem], output_text: str) -> None:
        self._problems = list(problems)
        self.json_view.setPlainText(request_text(body))
        self.output_label.setText(output_text)
        self.problem_label.setText(
            self.tr("Cannot finish yet; change this:") + "\n" + problem_lines(problems) if problems else "")
        self.problem_label.setVisible(bool(problems))
        self.save_button.setEnabled(not problems)
        self.completeChanged.emit()

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def isComplete(self) -> bool:
        return not self._problems

    @Slot()
    def copy_json(self) -> None:
        QGuiApplication.clipboard().setText(self.json_view.toPlainText())
