"""Settings → Updates: off / tell me / download and install at the next start, and where from."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from pixop_desktop import __version__
from pixop_desktop.settings import Settings, SettingsError, UpdateMode


class UpdatesPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("updatesPage")
        self.title = self.tr("Updates")
        self.mode_combo = QComboBox()
        self.mode_combo.setAccessibleName(self.tr("When a new version of Pixop Desktop is out"))
        self.mode_combo.addItem(self.tr("Tell me"), UpdateMode.NOTIFY)
        self.mode_combo.addItem(self.tr("Download it and install it when I next start the app"), UpdateMode.INSTALL)
        self.mode_combo.addItem(self.tr("Do nothing (never check)"), UpdateMode.OFF)
        self.url_edit = QLineEdit()
        self.url_edit.setAccessibleName(self.tr("Update address"))
        self.url_edit.setPlaceholderText(self.tr("The address this version came with"))
        explain = QLabel(self.tr(
            "Pixop Desktop %1. It looks for a new version when it starts and once a day. Every update is "
            "signed by Pixop and checked before it is installed; one that fails a check is never installed."
        ).replace("%1", __version__))
        explain.setWordWrap(True)
        self.status_label = QLabel(self._status())
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("Whether this copy can update itself"))
        url_hint = QLabel(self.tr("Change the address only if your IT department gives you one."))
        url_hint.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(explain)
        if self.status_label.text():
            form.addRow(self.status_label)
        form.addRow(self.tr("&When a new version is out:"), self.mode_combo)
        form.addRow(self.tr("Update &address:"), self.url_edit)
        form.addRow("", url_hint)

    def _status(self) -> str:
        """Why this copy will not update itself, when it will not; empty when it can."""
        from pixop_desktop.updates.install import current_installation, shipped_root_metadata

        installation = current_installation()
        if installation is None:
            return self.tr("This copy runs from source code: it does not update itself.")
        if installation.system_managed:
            return self.tr("This copy was installed for the whole computer (for example with apt): it tells "
                           "you about new versions; install them the same way.")
        if shipped_root_metadata() is None:
            return self.tr("This build has no update key: install new versions with the installer "
                           "your organisation provides.")
        return ""

    def load(self, settings: Settings) -> None:
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(settings.updates))
        self.url_edit.setText(settings.update_url)

    def apply(self, settings: Settings) -> None:
        url = self.url_edit.text().strip()
        if url and not url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
            raise SettingsError(self.tr("This update address cannot be used"),
                                self.tr("Use an https:// address (updates are never fetched over plain http)."))
        settings.updates = UpdateMode(self.mode_combo.currentData())
        settings.update_url = url
