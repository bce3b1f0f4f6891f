"""Settings → Account: the account form, where secrets are kept, and the team switcher."""

from __future__ import annotations

import logging

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from pixop_desktop.credentials import Credentials
from pixop_desktop.settings import Settings
from pixop_desktop.ui.settings.account_form import AccountForm, TestedAccount, credential_store_for
from pixop_desktop.ui.tasks import BackgroundTasks


log = logging.getLogger(__name__)


class AccountPage(QWidget):
    """Loads the saved secrets off the GUI thread; ``apply`` saves them to the keyring.

    While the app runs on the built-in sandbox nothing is read from the keyring: opening
    Settings to change the bandwidth must not raise the keyring's unlock prompt. The keyring
    is first touched when the person chose an account here and applies it.
    """

    def __init__(self, account_info=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountPage")
        self.title = self.tr("Account")
        self.form = AccountForm()
        self.sandbox_note = QLabel(self.tr(
            "You are trying Pixop Desktop with the built-in sandbox. Choose a server and sign in "
            "below to use your Pixop account instead."))
        self.sandbox_note.setWordWrap(True)
        self.team_combo = QComboBox()
        self.team_combo.setAccessibleName(self.tr("Team"))
        self.team_combo.setAccessibleDescription(self.tr("The team whose projects new videos go to"))
        self.team_combo.setEnabled(False)
        self.team_combo.setPlaceholderText(self.tr("Test the connection to list your teams"))
        teams = QFormLayout()
        teams.addRow(self.tr("Tea&m:"), self.team_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sandbox_note)
        layout.addWidget(self.form)
        layout.addLayout(teams)
        layout.addStretch(1)
        self.tasks = BackgroundTasks(self, max_threads=1)
        self._sandbox = False
        self._shown: tuple = ()  # server kind, address and email as loaded, to tell an edit from none
        self._team_id: str | None = None
        self.form.tested.connect(self.show_teams)
        if account_info is not None:
            self.show_teams(TestedAccount("", account_info))

    def load(self, settings: Settings) -> None:
        self._sandbox = settings.use_builtin_sandbox
        self._team_id = settings.team_id
        self.sandbox_note.setVisible(self._sandbox)
        self.form.set_server(settings.server_kind, settings.server)
        if settings.email:
            self.form.email_edit.setText(settings.email)
        self._shown = self._account_shown()
        if self._sandbox:
            return  # the sandbox needs no secret: leave the keyring (and its unlock prompt) alone
        store = credential_store_for(settings.server)
        self.tasks.run("load", store.load, on_done=self._on_loaded, on_error=self._on_load_failed)

    def apply(self, settings: Settings) -> None:
        """Raises SettingsError or CredentialError (title + message) when something cannot be saved."""
        if self._sandbox and not self.account_edited():
            return  # OK on another page (bandwidth, notifications…) must not leave the sandbox
        server = self.form.server_root()
        typed = self.form.credentials()
        if self.form.password_edit.text() or self.form.api_key_edit.text() or (typed.email or "") != settings.email:
            self.form.save_secrets()
        if self._sandbox:  # the person chose an account here: it is used from the next start
            settings.use_builtin_sandbox = False
            settings.team_id = None
        elif server != settings.server:
            settings.team_id = None
        settings.server, settings.server_kind = server, self.form.server_kind()
        settings.email = typed.email or ""
        team = self.team_combo.currentData()
        if team and self.team_combo.isEnabled():
            settings.team_id = team

    def account_edited(self) -> bool:
        """Whether the person changed the server, the email or typed a secret since the page was loaded."""
        typed_secret = bool(self.form.password_edit.text() or self.form.api_key_edit.text())
        return typed_secret or self._account_shown() != self._shown

    def _account_shown(self) -> tuple:
        form = self.form
        return form.server_kind(), form.url_edit.text().strip(), form.email_edit.text().strip()

    def wait(self) -> None:
        self.tasks.wait()
        self.form.wait()

    def _on_loaded(self, credentials: Credentials) -> None:
        filled_email = not self.form.email_edit.text()
        self.form.set_saved(credentials)
        if filled_email:  # the keyring's email was put in, not typed: it is no change
            kind, url, _ = self._shown
            self._shown = (kind, url, self.form.email_edit.text().strip())

    def _on_load_failed(self, title: str, message: str) -> None:
        log.info("saved secrets not read: %s", title)  # the title only: never a secret
        self.form.show_keyring_problem()

    @Slot(object)
    def show_teams(self, tested: TestedAccount) -> None:
        info = tested.info
        teams = ([info.team] if info.team else []) + [t for t in info.other_teams
                                                       if not info.team or t.id != info.team.id]
        self.team_combo.clear()
        for team in teams:
            self.team_combo.addItem(team.name or team.id, team.id)
        current = self.team_combo.findData(self._team_id) if self._team_id else 0
        self.team_combo.setCurrentIndex(max(current, 0))
        self.team_combo.setEnabled(bool(teams))
