"""The questions the intake flow asks before it adds a drop: nothing is thrown away or doubled silently.

- The processing wizard was cancelled: add the videos upload-only, or not at all?
- Some videos are already in the queue (``flow.already_queued``): add them again, or skip them?
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def _ask(parent: QWidget | None, title: str, text: str, yes: str, no: str, *, default_yes: bool) -> bool:
    """A modal question with two plainly named buttons; Escape is always ``no``."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("intakeQuestion")
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button if default_yes else no_button)
    box.setEscapeButton(no_button)
    try:
        box.exec()
        return box.clickedButton() is yes_button
    finally:
        box.deleteLater()


def ask_add_without_processing(parent: QWidget | None, count: int) -> bool:
    """The wizard was cancelled: True = queue the videos upload-only, False = add nothing."""
    # Literal contexts and texts (no helper): lupdate finds them.
    return _ask(parent,
                QCoreApplication.translate("IntakeQuestions", "No processing settings"),
                QCoreApplication.translate("IntakeQuestions",
                                           "No processing settings were chosen for %n video(s).", None, count),
                QCoreApplication.translate("IntakeQuestions", "Add without processing"),
                QCoreApplication.translate("IntakeQuestions", "Don't add"),
                default_yes=True)


def ask_add_again(parent: QWidget | None, count: int) -> bool:
    """True = add the videos the queue already has once more (a second upload); False = skip them."""
    return _ask(parent,
                QCoreApplication.translate("IntakeQuestions", "Already in the queue"),
                QCoreApplication.translate("IntakeQuestions",
                                           "%n video(s) are already in the queue: add them again?", None, count),
                QCoreApplication.translate("IntakeQuestions", "Add again"),
                QCoreApplication.translate("IntakeQuestions", "Skip them"),
                default_yes=False)
