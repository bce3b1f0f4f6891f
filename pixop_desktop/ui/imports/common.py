"""Small pieces both import dialogs use: an inline refusal label, the ingestion checkbox, projects."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QVBoxLayout, QWidget

from pixop_desktop.ui.colors import text_style
from pixop_desktop.imports.params import FULL_BY_DEFAULT



def refusal_label(accessible_name: str) -> QLabel:
    """A red, word-wrapped line under a field; hidden while the field is fine."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(text_style("problem"))
    label.setAccessibleName(accessible_name)
    label.hide()
    return label


def show_refusal(label: QLabel, text: str | None) -> None:
    label.setText(text or "")
    label.setVisible(bool(text))


class FullIngestionBox(QWidget):
    """The full-ingestion checkbox with the seed's plain explanation of both choices."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(self.tr("&Full ingestion"))
        self.check.setAccessibleName(self.tr("Full ingestion"))
        help_text = QLabel(self.tr(
            "Off: only the video's metadata is read — quicker, for videos you only want processed. "
            "On: Pixop also makes thumbnails, a web preview, a quality assessment and a deep scan, "
            "so the video can be viewed in Pixop's web app."))
        help_text.setWordWrap(True)
        help_text.setContentsMargins(22, 0, 0, 0)  # under the checkbox's text, not its box
        self.check.setToolTip(help_text.text())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(help_text)
        self.check.setChecked(FULL_BY_DEFAULT)  # the one ingestion default (jobs.model.DEFAULT_INGESTION)

    def isChecked(self) -> bool:  # noqa: N802 (Qt naming)
        return self.check.isChecked()


def project_combo(projects: Iterable[tuple[str, str]]) -> QComboBox:
    """"Default project" first, then ``(id, name)`` pairs; the item data is the id (None = default)."""
    combo = QComboBox()
    combo.setAccessibleName(QCoreApplication.translate("Imports", "Project"))
    combo.addItem(QCoreApplication.translate("Imports", "The team's default project"), None)
    for project_id, name in projects:
        combo.addItem(name or project_id, project_id)
    return combo
