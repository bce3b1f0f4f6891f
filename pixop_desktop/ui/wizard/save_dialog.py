""""Save as preset…": a name, a description, and a plain message when the name is taken."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from pixop_desktop.api.processing import ProcessingRequest
from pixop_desktop.presets import Preset, PresetError, save_preset


class SavePresetDialog(QDialog):
    """Saves ``request`` as a preset on OK; stays open, explaining, if it cannot."""

    def __init__(self, request: ProcessingRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request = request
        self.saved: Preset | None = None
        self.setWindowTitle(self.tr("Save as preset"))
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Preset name"))
        self.description_edit = QLineEdit()
        self.description_edit.setAccessibleName(self.tr("Preset description"))
        self.replace_box = QCheckBox(self.tr("&Replace my preset of the same name"))
        self.replace_box.setAccessibleName(self.tr("Replace a preset of the same name"))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setAccessibleName(self.tr("Why the preset was not saved"))
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Description:"), self.description_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.replace_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    @Slot()
    def save(self) -> None:
        try:
            self.saved = save_preset(self.name_edit.text(), self.request, self.description_edit.text(),
                                     overwrite=self.replace_box.isChecked())
        except PresetError as exc:
            self.error_label.setText(f"{exc.title}: {exc.message}")
            self.error_label.show()
            return
        self.accept()
