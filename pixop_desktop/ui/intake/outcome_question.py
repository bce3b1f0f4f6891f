"""Before the first videos of an install that never saw the welcome: what should Pixop do?

The welcome asks this on the first run, but it is skipped when the server is named on the
command line or in PIXOP_SERVER (a machine set up by someone else). Without a choice the videos
would only be stored on Pixop and nothing would ever come back; so the first drop asks the
welcome's own question (``OutcomeChoice``), the recommended outcome preselected.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from pixop_desktop.ui.app.outcome_choice import OutcomeChoice


class OutcomeQuestion(QDialog):
    def __init__(self, results_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeQuestion")
        self.setWindowTitle(self.tr("Before the first upload"))
        self.choice = OutcomeChoice(results_folder, self)
        buttons = QDialogButtonBox(self)
        self.continue_button = buttons.addButton(self.tr("&Continue"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.setAccessibleName(self.tr("Continue"))
        self.continue_button.setDefault(True)
        cancel = buttons.addButton(self.tr("&Don't add"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAccessibleName(self.tr("Don't add these videos"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.choice)
        layout.addWidget(buttons)
        self.choice.radios[self.choice.value()].setFocus()  # Enter continues, arrows move


def ask_outcome(parent: QWidget | None, results_folder: str) -> str | None:
    """``settings.after_upload`` the person chose; None when they added nothing."""
    dialog = OutcomeQuestion(results_folder, parent)
    try:
        return dialog.choice.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
