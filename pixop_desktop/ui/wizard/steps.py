"""The step counter every wizard page shows ("Step 2 of 3"), and which pages a walk visits."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWizardPage


def add_step_label(page: QWizardPage) -> QLabel:
    """A "Step n of m" line on top of the page (the page's layout is made here)."""
    label = QLabel()
    label.setObjectName("step")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignRight)
    label.setStyleSheet("color: palette(placeholder-text)")
    label.setAccessibleName(QCoreApplication.translate("WizardSteps", "Step"))
    layout = QVBoxLayout(page)
    layout.addWidget(label)
    return label


def step_text(number: int, total: int) -> str:
    return QCoreApplication.translate("WizardSteps", "Step {number} of {total}").format(
        number=number, total=total)
