"""Settings → Transfers: parallel transfers, the bandwidth limit, where results go and how they are named."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QWidget)

from pixop_desktop.jobs.templates import PLACEHOLDERS, render, template_problem, template_values
from pixop_desktop.settings import AfterDownload, Settings, SettingsError
from pixop_desktop.ui.translations import FILE_NAMES, core_text
from pixop_desktop.ui.colors import text_style


class TransfersPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transfersPage")
        self.title = self.tr("Transfers")
        self.uploads_spin = _spin(self.tr("Parallel uploads"))
        self.downloads_spin = _spin(self.tr("Parallel downloads"))
        self.connections_spin = _spin(self.tr("Connections per download"), maximum=16)
        self.connections_spin.setToolTip(self.tr(
            "A large result comes down in this many parts at once: much faster over long distances. "
            "Use 1 if your network or firewall allows only one connection."))
        self.bandwidth_spin = QDoubleSpinBox()
        self.bandwidth_spin.setRange(0.0, 10_000.0)
        self.bandwidth_spin.setDecimals(1)
        self.bandwidth_spin.setSuffix(self.tr(" Mbit/s"))
        self.bandwidth_spin.setSpecialValueText(self.tr("No limit"))
        self.bandwidth_spin.setAccessibleName(self.tr("Bandwidth limit in megabits per second, 0 for no limit"))
        self.folder_edit = QLineEdit()
        self.folder_edit.setAccessibleName(self.tr("Download folder"))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.setAccessibleName(self.tr("Choose the download folder"))
        self.template_edit = QLineEdit()
        self.template_edit.setAccessibleName(self.tr("File name template"))
        self.template_edit.setToolTip("\n".join(f"{{{name}}}: {core_text(FILE_NAMES, meaning)}"
                                                for name, meaning in PLACEHOLDERS.items()))
        self.template_hint = QLabel()
        self.template_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.template_hint.setWordWrap(True)
        self.template_hint.setAccessibleName(self.tr("File name example"))
        self.after_combo = QComboBox()
        self.after_combo.setAccessibleName(self.tr("After a download"))
        self.after_combo.addItem(self.tr("Do nothing"), AfterDownload.NOTHING)
        self.after_combo.addItem(self.tr("Show the download folder"), AfterDownload.SHOW_FOLDER)
        self.after_combo.addItem(self.tr("Move the original into a Done folder"), AfterDownload.MOVE_SOURCE)
        self.done_edit = QLineEdit()
        self.done_edit.setAccessibleName(self.tr("Done folder for originals"))

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        form = QFormLayout(self)
        form.addRow(self.tr("Parallel &uploads:"), self.uploads_spin)
        form.addRow(self.tr("Parallel &downloads:"), self.downloads_spin)
        form.addRow(self.tr("Connec&tions per download:"), self.connections_spin)
        form.addRow(self.tr("Bandwidth &limit:"), self.bandwidth_spin)
        folder_label = QLabel(self.tr("Download &folder:"))
        folder_label.setBuddy(self.folder_edit)  # a layout cannot be a buddy: point the mnemonic at the field
        form.addRow(folder_label, folder_row)
        form.addRow(self.tr("File &name:"), self.template_edit)
        form.addRow("", self.template_hint)
        form.addRow(self.tr("After do&wnload:"), self.after_combo)
        form.addRow(self.tr("Done f&older:"), self.done_edit)

        self.template_edit.textChanged.connect(self.check_template)
        self.after_combo.currentIndexChanged.connect(self._on_after_changed)
        self.browse_button.clicked.connect(self.browse)

    def load(self, settings: Settings) -> None:
        self.uploads_spin.setValue(settings.parallel_uploads)
        self.downloads_spin.setValue(settings.parallel_downloads)
        self.connections_spin.setValue(settings.download_connections)
        self.bandwidth_spin.setValue(settings.bandwidth_limit_mbps)
        self.folder_edit.setText(settings.download_folder)
        self.template_edit.setText(settings.file_name_template)
        self.after_combo.setCurrentIndex(self.after_combo.findData(settings.after_download))
        self.done_edit.setText(settings.done_folder)
        self._on_after_changed()
        self.check_template()

    def apply(self, settings: Settings) -> None:
        problem = template_problem(self.template_edit.text())
        if problem:
            raise SettingsError(self.tr("File name template"), self.tr(problem))
        after = AfterDownload(self.after_combo.currentData())
        if after is AfterDownload.MOVE_SOURCE and not self.done_edit.text().strip():
            raise SettingsError(self.tr("Done folder"),
                                self.tr("Choose the folder the originals are moved to, or pick another action."))
        if not self.folder_edit.text().strip():
            raise SettingsError(self.tr("Download folder"), self.tr("Choose where results are saved."))
        settings.parallel_uploads = self.uploads_spin.value()
        settings.parallel_downloads = self.downloads_spin.value()
        settings.download_connections = self.connections_spin.value()
        settings.bandwidth_limit_mbps = self.bandwidth_spin.value()
        settings.download_folder = self.folder_edit.text().strip()
        settings.file_name_template = self.template_edit.text()
        settings.after_download = after
        settings.done_folder = self.done_edit.text().strip()

    @Slot()
    def check_template(self) -> bool:
        """Say at once what is wrong with the template, or show an example name."""
        problem = template_problem(self.template_edit.text())
        if problem:
            self.template_hint.setStyleSheet(text_style("problem"))
            self.template_hint.setText(core_text(FILE_NAMES, problem))
        else:
            example = render(self.template_edit.text(), template_values(
                "interview.mov", preset="Upscale HD", width=1920, height=1080, ext="mp4"))
            self.template_hint.setStyleSheet("")
            self.template_hint.setText(self.tr("For example: {name}").format(name=example))
        return problem is None

    @Slot()
    def browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Download folder"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    @Slot()
    def _on_after_changed(self) -> None:
        self.done_edit.setEnabled(self.after_combo.currentData() == AfterDownload.MOVE_SOURCE)


def _spin(name: str, maximum: int = 8) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(1, maximum)
    spin.setAccessibleName(name)
    return spin
