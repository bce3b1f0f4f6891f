"""The Settings window: pages in tabs, one problem banner, OK / Apply / Cancel.

A page is any QWidget with ``title`` (a tr()'d tab label with a mnemonic),
``load(settings)`` and ``apply(settings)``; ``apply`` changes the given copy or raises
an error with ``.title``/``.message`` (SettingsError, CredentialError). Nothing is
saved unless every page applied. More pages (Integrations) come in with :meth:`add_page`.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from pixop_desktop.credentials import CredentialError
from pixop_desktop.services.runner import apply_bandwidth_limit, apply_download_connections
from pixop_desktop.settings import Settings, SettingsError, save_settings
from pixop_desktop.ui.window.banners import ErrorBanner
from pixop_desktop.ui.settings.account_page import AccountPage
from pixop_desktop.ui.settings.notifications_page import NotificationsPage
from pixop_desktop.ui.settings.transfers_page import TransfersPage
from pixop_desktop.ui.settings.updates_page import UpdatesPage

log = logging.getLogger(__name__)


class SettingsPage(Protocol):
    title: str

    def load(self, settings: Settings) -> None: ...

    def apply(self, settings: Settings) -> None: ...


class SettingsDialog(QDialog):
    """``applied(Settings)`` after a successful Apply/OK: the saved settings, already in force for
    the bandwidth limit; the app reconnects when the server, account or team changed."""

    applied = Signal(object)

    def __init__(self, settings: Settings, parent: QWidget | None = None, *, account_info=None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings.model_copy()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Settings pages"))
        self.error_banner = ErrorBanner()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Apply
                                        | QDialogButtonBox.StandardButton.Cancel)
        for which, name in ((QDialogButtonBox.StandardButton.Ok, self.tr("Save and close")),
                            (QDialogButtonBox.StandardButton.Apply, self.tr("Apply")),
                            (QDialogButtonBox.StandardButton.Cancel, self.tr("Cancel"))):
            self.buttons.button(which).setAccessibleName(name)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error_banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.pages: list[SettingsPage] = []
        self.account_page = self.add_page(AccountPage(account_info))
        self.transfers_page = self.add_page(TransfersPage())
        self.notifications_page = self.add_page(NotificationsPage())
        self.updates_page = self.add_page(UpdatesPage())
        self.apply_button.clicked.connect(self.apply)
        self.buttons.accepted.connect(self.accept_if_applied)
        self.buttons.rejected.connect(self.reject)
        self.resize(620, 520)

    def add_page(self, page, title: str | None = None):
        """Add a page (e.g. Integrations) as a tab; it is loaded with the current settings now."""
        self.pages.append(page)
        self.tabs.addTab(page, title or page.title)
        page.load(self.settings)
        return page

    def show_page(self, page) -> None:
        self.tabs.setCurrentWidget(page)

    @Slot()
    def apply(self) -> bool:
        """Apply every page to a copy, save it, put the bandwidth limit in force; False on a problem."""
        self.error_banner.clear()
        candidate = self.settings.model_copy()
        for page in self.pages:
            try:
                page.apply(candidate)
            except (SettingsError, CredentialError) as exc:
                self.show_page(page)
                self.error_banner.show_error(exc.title, exc.message)
                if isinstance(exc, CredentialError) and hasattr(page, "form"):
                    page.form.show_keyring_problem()  # locked or no keyring: the session-only box appears
                elif hasattr(page, "form"):
                    page.form.update_keyring_status()
                return False
            except ValueError as exc:  # a value pydantic refused
                self.show_page(page)
                self.error_banner.show_error(self.tr("This setting cannot be used"), str(exc))
                return False
        save_settings(candidate)
        apply_bandwidth_limit(candidate)
        apply_download_connections(candidate)
        self.settings = candidate
        log.info("settings saved")
        self.applied.emit(candidate.model_copy())
        return True

    @Slot()
    def accept_if_applied(self) -> None:
        if self.apply():
            self.accept()

    def done(self, result: int) -> None:
        for page in self.pages:
            wait = getattr(page, "wait", None)
            if wait:
                wait()
        super().done(result)
