"""Server, email, password and API key, with "Test connection": shared by the welcome and Settings.

Secrets never touch the settings file: :meth:`AccountForm.save_secrets` puts them in
the OS keyring through :class:`~pixop_desktop.credentials.CredentialStore`; with no
usable keyring the form says so and offers "remember for this session only".
Network and keyring work runs on the form's QThreadPool.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QWidget)

from pixop_desktop.services.connection import open_client
from pixop_desktop.credentials import CredentialError, Credentials, CredentialStore
from pixop_desktop.settings import (PRODUCTION_SERVER, STAGING_SERVER, ServerKind, SettingsError,
                                    normalize_server_root)
from pixop_desktop.ui.translations import CREDENTIALS, core_text
from pixop_desktop.ui.tasks import BackgroundTasks
from pixop_desktop.ui.colors import text_style


_FIXED_SERVERS = {ServerKind.PRODUCTION: PRODUCTION_SERVER, ServerKind.STAGING: STAGING_SERVER}
_session_stores: dict[str, CredentialStore] = {}


def credential_store_for(server: str) -> CredentialStore:
    """One store per server for the whole app, so "this session only" secrets are shared."""
    server = server.rstrip("/")
    if server not in _session_stores:
        _session_stores[server] = CredentialStore(server)
    return _session_stores[server]


def forget_session_stores() -> None:
    """Drop every store (and so every "this session only" secret); for tests and sign-out."""
    _session_stores.clear()


@dataclass(frozen=True)
class TestedAccount:
    """What "Test connection" found: the TokenInfo (user, team, other_teams)."""

    server: str
    info: object


def check_connection(server: str, credentials: Credentials, team_id: str | None = None) -> TestedAccount:
    """Sign in and ask who we are (runs on a pool thread; errors carry .title/.message)."""
    if not credentials.can_sign_in:
        raise CredentialError("Email and password needed", "Type the email and password of your Pixop account.")
    client = open_client(server, credentials, team_id)
    try:
        return TestedAccount(server, client.accounts.whoami())
    finally:
        client.close()


class AccountForm(QWidget):
    """The fields; ``tested(TestedAccount)`` after a successful "Test connection"."""

    tested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = BackgroundTasks(self, max_threads=1)
        self.saved = Credentials()  # what the keyring already has (the password field may stay empty)
        self.keyring_failed = False  # reading or writing the keyring failed (locked, prompt dismissed…)
        self.checker = check_connection  # "Test connection" (the welcome words its failures for itself)
        self.in_welcome = False  # the welcome has no Settings to send people to

        self.server_combo = QComboBox()
        self.server_combo.addItem(self.tr("Pixop"), ServerKind.PRODUCTION)
        self.server_combo.addItem(self.tr("Pixop staging"), ServerKind.STAGING)
        self.server_combo.addItem(self.tr("Custom server"), ServerKind.CUSTOM)
        self.server_combo.setAccessibleName(self.tr("Server"))
        self.url_edit = QLineEdit(PRODUCTION_SERVER)
        self.url_edit.setAccessibleName(self.tr("Server address"))
        self.url_edit.setPlaceholderText("https://")
        self.email_edit = QLineEdit()
        self.email_edit.setAccessibleName(self.tr("Email"))
        self.email_edit.setPlaceholderText(self.tr("you@example.com"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.api_key_edit = QLineEdit()
        self.api_key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key_edit.setAccessibleName(self.tr("API key (optional)"))
        self.api_key_edit.setPlaceholderText(self.tr("Optional: for imports and integrations"))
        self.test_button = QPushButton(self.tr("Test co&nnection"))
        self.test_button.setAccessibleName(self.tr("Test connection"))
        self.result_label = _plain_label()
        self.result_label.setAccessibleName(self.tr("Connection test result"))
        self.keyring_label = _plain_label()
        self.keyring_label.setAccessibleName(self.tr("Where the password is kept"))
        self.session_only_check = QCheckBox(self.tr("Remember for this session &only"))
        self.session_only_check.setAccessibleName(self.tr("Remember for this session only"))
        self.session_only_check.setToolTip(self.tr("Keep the password in memory until Pixop Desktop quits"))

        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.result_label, 1)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Se&rver:"), self.server_combo)
        form.addRow(self.tr("&Address:"), self.url_edit)
        form.addRow(self.tr("&Email:"), self.email_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        form.addRow(self.tr("API &key:"), self.api_key_edit)
        form.addRow(test_row)
        form.addRow(self.keyring_label)
        form.addRow(self.session_only_check)

        self.server_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.url_edit.editingFinished.connect(self.update_keyring_status)
        self.test_button.clicked.connect(self.test)
        self._on_kind_changed()

    # --- loading -------------------------------------------------------------------

    def set_server(self, kind: ServerKind, url: str) -> None:
        if kind not in _FIXED_SERVERS and kind is not ServerKind.CUSTOM:
            kind = ServerKind.CUSTOM
        self.server_combo.setCurrentIndex(self.server_combo.findData(kind))
        self.url_edit.setText(_FIXED_SERVERS.get(kind, url))
        self.update_keyring_status()

    def set_saved(self, credentials: Credentials) -> None:
        """Show what is stored: the email, and "saved" hints instead of the secrets themselves."""
        self.saved = credentials
        if credentials.email and not self.email_edit.text():
            self.email_edit.setText(credentials.email)
        saved_hint = self.tr("Saved — type to change")
        self.password_edit.setPlaceholderText(saved_hint if credentials.password else "")
        if credentials.api_key:
            self.api_key_edit.setPlaceholderText(saved_hint)

    # --- reading ---------------------------------------------------------------------

    def server_kind(self) -> ServerKind:
        return ServerKind(self.server_combo.currentData())

    def server_root(self) -> str:
        """The normalised address; raises SettingsError (title + message) for a bad one."""
        return normalize_server_root(self.url_edit.text())

    def credentials(self) -> Credentials:
        """What the person typed, with the saved secrets where a field was left empty."""
        return Credentials(
            email=self.email_edit.text().strip() or None,
            password=self.password_edit.text() or self.saved.password,
            api_key=self.api_key_edit.text().strip() or self.saved.api_key)

    # --- actions -----------------------------------------------------------------------

    @Slot()
    def test(self) -> None:
        try:
            server = self.server_root()
        except SettingsError as exc:
            self.show_result(False, exc.title, exc.message)
            return
        self.test_button.setEnabled(False)
        self.result_label.setText(self.tr("Connecting to {server}…").format(server=server))
        self._start(self.checker, server, self.credentials())

    def save_secrets(self) -> CredentialStore:
        """Put the secrets in the keyring (or session memory). Raises CredentialError, e.g. NoKeyringError."""
        store = credential_store_for(self.server_root())
        if self.session_only_check.isChecked():
            store.use_session_only()
        typed = self.credentials()
        store.save(email=typed.email, password=self.password_edit.text() or None,
                   api_key=self.api_key_edit.text().strip() or None)
        self.update_keyring_status()
        return store

    def show_result(self, ok: bool, title: str, message: str = "") -> None:
        self.result_label.setStyleSheet(text_style("success" if ok else "problem"))
        self.result_label.setText(f"{title}\n{message}".strip() if message else title)

    def show_keyring_problem(self) -> None:
        """The keyring refused (locked, its unlock prompt dismissed, its service gone): say so
        instead of "Saved in …", and offer "this session only"."""
        self.keyring_failed = True
        self.update_keyring_status()

    @Slot()
    def update_keyring_status(self) -> None:
        """Say where secrets go; with no keyring, say so plainly and offer the session-only box."""
        try:
            store = credential_store_for(self.server_root())
        except SettingsError:
            return
        working = store.keyring_available and not self.keyring_failed
        if store.session_only or not store.keyring_available:
            text = core_text(CREDENTIALS, store.describe())
        elif self.keyring_failed:
            text = (self.tr("Could not open {place}: it is locked or not available, so a saved password "
                            "cannot be read or saved there. Unlock it and press Next again, or choose "
                            "“Remember for this session only”.") if self.in_welcome else
                    self.tr("Could not open {place}: it is locked or not available, so a saved password "
                            "cannot be read or saved there. Unlock it and open Settings again, or choose "
                            "“Remember for this session only”."))
            text = text.format(place=self.keyring_place(store.backend_name))
        else:
            text = self.tr("Saved in: {place}").format(place=self.keyring_place(store.backend_name))
        self.keyring_label.setText(text)
        self.keyring_label.setStyleSheet("" if working or store.session_only else text_style("problem"))
        self.session_only_check.setVisible(not working or store.session_only)
        if store.session_only:
            self.session_only_check.setChecked(True)

    def keyring_place(self, backend_name: str) -> str:
        """The keyring in words an editor knows, not the library's backend name."""
        if backend_name == "macOS Keychain":
            return self.tr("the macOS Keychain")
        if backend_name == "Windows Credential Locker":
            return self.tr("Windows Credential Manager")
        return self.tr("your system keyring ({backend})").format(backend=backend_name)

    def wait(self) -> None:
        self.tasks.wait()

    # --- internals ---------------------------------------------------------------------

    def _start(self, fn, *args) -> None:
        self.tasks.run("test", fn, *args, on_done=self._on_tested, on_error=self._on_failed,
                       on_finished=self._on_finished)

    def _on_tested(self, result: TestedAccount) -> None:
        user = result.info.user
        team = result.info.team
        who = user.email or user.name or user.id
        self.show_result(True, self.tr("Connected as {who}").format(who=who),
                         self.tr("Team: {team}").format(team=team.name or team.id) if team else "")
        self.tested.emit(result)

    def _on_failed(self, title: str, message: str) -> None:
        self.show_result(False, title, message)

    def _on_finished(self) -> None:
        self.test_button.setEnabled(True)

    @Slot()
    def _on_kind_changed(self) -> None:
        kind = self.server_kind()
        fixed = _FIXED_SERVERS.get(kind)
        if fixed:
            self.url_edit.setText(fixed)
        self.url_edit.setReadOnly(fixed is not None)
        self.update_keyring_status()


def _plain_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # server text is never rich text
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
