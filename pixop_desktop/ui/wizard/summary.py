"""The last page: the result in words, the cost estimate's place, technical details one click
away (a readable list, never raw JSON), and "Save as preset…"."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget, QWizardPage,
)

from pixop_desktop.processing import Problem, ProcessingRequest
from pixop_desktop.ui.colors import text_style
from pixop_desktop.ui.request_text import request_lines

from .details import wrapped
from .pages import OUTPUT_STYLE, problem_lines
from .steps import add_step_label


def request_text(body: dict) -> str:
    """The JSON exactly as it will be sent (for the clipboard: experts paste it into scripts)."""
    return json.dumps(body, indent=2, ensure_ascii=False)


class SummaryPage(QWizardPage):
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_summary")
        self.setTitle(self.tr("What you will get"))
        self.setSubTitle(self.tr("Check the result, then press Finish."))
        self.step_label = add_step_label(self)
        self._problems: list[Problem] = []
        self._nothing = False
        self._body: dict = {}
        self.result_box = QWidget()
        self.result_box.setAccessibleName(self.tr("The result"))
        self.result_form = QFormLayout(self.result_box)
        self.result_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.result_box.setStyleSheet(OUTPUT_STYLE)
        self.unknown_label = wrapped(accessible=self.tr("The result"))
        self.estimate_label = wrapped(self.no_estimate_text(), accessible=self.tr("Estimate"))
        self.nothing_label = wrapped(accessible=self.tr("Warning"))
        self.nothing_label.setStyleSheet(text_style("problem", bold=True))
        self.anyway_check = QCheckBox(self.tr("Send it &anyway"))
        self.anyway_check.setAccessibleName(self.tr("Send it anyway"))
        self.anyway_check.toggled.connect(self.completeChanged)
        self.problem_label = wrapped(accessible=self.tr("What to change before finishing"))
        self.problem_label.setStyleSheet(text_style("problem", bold=True))
        self.details_button = QPushButton(self.tr("Show &technical details"))
        self.details_button.setCheckable(True)
        self.details_button.setAccessibleName(self.tr("Show technical details"))
        self.details_button.toggled.connect(self._show_details)
        self.details_label = wrapped(accessible=self.tr("Technical details"))
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(self.tr("&Copy the settings for scripts (JSON)"))
        self.copy_button.setAccessibleName(self.tr("Copy the settings as JSON"))
        self.copy_button.clicked.connect(self.copy_json)
        self.save_button = QPushButton(self.tr("&Save as preset…"))
        self.save_button.setAccessibleName(self.tr("Save these settings as a preset"))
        self.save_button.clicked.connect(self.save_requested)
        self.saved_label = QLabel()
        self.saved_label.setTextFormat(Qt.TextFormat.PlainText)
        self.saved_label.setAccessibleName(self.tr("Preset saved"))
        self._layout_page()
        self._show_details(False)

    def _layout_page(self) -> None:
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        cost = QLabel(self.tr("Cost:"))
        cost.setStyleSheet("font-weight: bold")
        cost.setBuddy(self.estimate_label)
        cost_row = QHBoxLayout()
        cost_row.addWidget(cost, 0, Qt.AlignmentFlag.AlignTop)
        cost_row.addWidget(self.estimate_label, 1)
        column.addWidget(self.result_box)
        column.addWidget(self.unknown_label)
        column.addLayout(cost_row)
        for widget in (self.nothing_label, self.anyway_check, self.problem_label):
            column.addWidget(widget)
        details_row = QHBoxLayout()
        details_row.addWidget(self.details_button)
        details_row.addStretch(1)
        column.addLayout(details_row)
        column.addWidget(self.details_label)
        column.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved_label, 1)
        self.layout().addWidget(scroll, 1)
        self.layout().addLayout(buttons)

    # --- the cost estimate's place (the appraisal is wired in by the window) -----------------

    def no_estimate_text(self) -> str:
        return self.tr("The cost is shown before Pixop starts, once the video is on Pixop.")

    def show_estimate(self, text: str) -> None:
        """Show the cost (and time) estimate, e.g. "About $4.20, ~12 min"; "" puts back why there is none."""
        self.estimate_label.setText(text or self.no_estimate_text())

    # --- what the page shows ------------------------------------------------------------------

    def refresh(self, body: dict, problems: list[Problem], rows: list[tuple[str, str]], unknown: str,
                nothing: str) -> None:
        """``rows``: the result in words (empty while unknown, then ``unknown`` says why);
        ``nothing``: the warning for an order that would change nothing, or ""."""
        self._problems = list(problems)
        self._body = body
        self._show_rows(rows)
        self.unknown_label.setText(unknown)
        self.unknown_label.setVisible(bool(unknown))
        self._nothing = bool(nothing) and not problems
        self.nothing_label.setText(nothing)
        self.nothing_label.setVisible(self._nothing)
        self.anyway_check.setVisible(self._nothing)
        self.problem_label.setText(
            self.tr("Cannot finish yet; change this:") + "\n" + problem_lines(problems) if problems else "")
        self.problem_label.setVisible(bool(problems))
        self.save_button.setEnabled(not problems)
        self.copy_button.setEnabled(not problems)
        self._fill_details(body, problems)
        self.completeChanged.emit()

    def _show_rows(self, rows: list[tuple[str, str]]) -> None:
        while self.result_form.rowCount():
            self.result_form.removeRow(0)
        for what, value in rows:
            name = QLabel(what + ":")
            name.setStyleSheet("font-weight: bold; border: none")
            shown = wrapped(value, accessible=what)
            shown.setStyleSheet("border: none")
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            name.setBuddy(shown)
            self.result_form.addRow(name, shown)
        self.result_box.setVisible(bool(rows))

    def result_text(self) -> str:
        """The result's rows as one text ("Picture size: …\\nFrame rate: …")."""
        lines = []
        for row in range(self.result_form.rowCount()):
            name = self.result_form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text()
            value = self.result_form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget().text()
            lines.append(f"{name} {value}")
        return "\n".join(lines)

    def _fill_details(self, body: dict, problems: list[Problem]) -> None:
        if problems:
            self.details_label.setText(self.tr("Change the settings marked ⚠ first."))
            return
        lines = request_lines(ProcessingRequest.from_json(body))
        self.details_label.setText("\n".join(f"{name}: {value}" for name, value in lines) if lines
                                   else self.tr("No setting is chosen."))

    @Slot(bool)
    def _show_details(self, shown: bool) -> None:
        self.details_label.setVisible(shown)
        self.copy_button.setVisible(shown)
        self.details_button.setText(self.tr("Hide &technical details") if shown
                                    else self.tr("Show &technical details"))

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def isComplete(self) -> bool:
        return not self._problems and (not self._nothing or self.anyway_check.isChecked())

    @Slot()
    def copy_json(self) -> None:
        QGuiApplication.clipboard().setText(request_text(self._body))
