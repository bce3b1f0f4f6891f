"""The queue's questions, with buttons that say what they do ("Cancel video" / "Keep going").

Each returns the shown ``QMessageBox`` built but not run, so the view runs it (``exec``) and a test
finds the real dialog and clicks its real buttons.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from pixop_desktop.services.words import CANNOT_PAUSE_MESSAGE, CANNOT_PAUSE_TITLE

translate = QCoreApplication.translate


def question_box(parent: QWidget | None, title: str, text: str, yes: str, no: str,
                 informative: str = "") -> QMessageBox:
    """A question whose two answers name what they do; ``no`` (the safe one) is the default and Escape."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(informative)
    box.yes_button = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
    box.yes_button.setAccessibleName(yes.replace("&", ""))
    box.no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.no_button.setAccessibleName(no.replace("&", ""))
    box.setDefaultButton(box.no_button)
    box.setEscapeButton(box.no_button)
    return box


def cannot_pause_box(parent: QWidget | None, count: int) -> QMessageBox:
    """Pause on videos Pixop is processing: that work cannot be paused; offer to cancel them instead."""
    box = question_box(parent, translate("Queue", CANNOT_PAUSE_TITLE), translate("Queue", CANNOT_PAUSE_TITLE),
                       translate("Queue", "&Cancel video") if count == 1
                       else translate("Queue", "&Cancel %n video(s)", "", count),
                       translate("Queue", "&Keep going"), translate("Queue", CANNOT_PAUSE_MESSAGE))
    box.setIcon(QMessageBox.Icon.Information)
    return box
