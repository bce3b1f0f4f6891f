"""Settings → Integrations: the Pixop ⇄ Mimir integration (seed 000).

A standalone page for the settings dialog. The Mimir API key (a password field) and tenant are
kept in the OS keyring after a successful setup, never in a settings file. Set up / renew and
Remove run off the GUI thread; the result shows the expiry date, a reminder when it is near,
and the manual steps Mimir still needs. Pixop's refusals (unknown configuration ids, a tenant
mapped to another team, a Mimir failure) are shown in plain words.

``get_client`` is called on a pool thread and returns a PixopClient for ``server`` (the page
does not close it: the caller owns it, e.g. the main window's shared client).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QThreadPool, Slot
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from pixop_desktop.credentials import CredentialError
from pixop_desktop.imports.mimir import (DEFAULT_DAYS_TO_LIVE, MAX_DAYS_TO_LIVE, MIN_DAYS_TO_LIVE, format_date,
                                         recorded_setup, reminder, remove_mimir, setup_mimir)
from pixop_desktop.imports.mimir_store import MimirSecrets, MimirSecretStore

from pixop_desktop.ui.imports.common import refusal_label, show_refusal
from pixop_desktop.ui.imports.tasks import ProgressTask
from pixop_desktop.ui.colors import text_style


class IntegrationsPage(QWidget):
    def __init__(self, server: str, get_client: Callable[[], object], parent: QWidget | None = None, *,
                 store: MimirSecretStore | None = None, team_id: str | None = None,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.server, self._get_client, self._team_id = server, get_client, team_id
        self.store = store or MimirSecretStore(server)
        self._pool = pool or QThreadPool(self)  # its own: the settings dialog waits for it on closing
        self._task: ProgressTask | None = None
        self._build()
        self._show_record()
        self._run(self._load_saved, self._saved_loaded)

    # ----- as a Settings page (SettingsDialog.add_page) ------------------------------------------

    @property
    def title(self) -> str:
        return self.tr("Integrations")

    def load(self, settings) -> None:
        """Nothing in the settings file: the key and tenant live in the keyring, loaded on opening."""

    def apply(self, settings) -> None:
        """Nothing to apply with OK: Set up / Remove act on Pixop at once, and save what they need."""

    def wait(self) -> None:
        """Let a set-up or removal in flight finish before the dialog goes (its answer would be lost)."""
        self._pool.waitForDone()

    # ----- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setAccessibleName(self.tr("Mimir API key"))
        self.tenant_edit = QLineEdit()
        self.tenant_edit.setAccessibleName(self.tr("Mimir tenant"))
        self.days_spin = QSpinBox()
        self.days_spin.setRange(MIN_DAYS_TO_LIVE, MAX_DAYS_TO_LIVE)
        self.days_spin.setValue(DEFAULT_DAYS_TO_LIVE)
        self.days_spin.setSuffix(self.tr(" days"))
        self.days_spin.setAccessibleName(self.tr("Days to live"))
        self.configure_box = QCheckBox(self.tr("Also set up &Mimir (custom actions, approvals, thumbnails)"))
        self.configure_box.setAccessibleName(self.tr("Also set up Mimir"))
        self.configurations_edit = QLineEdit()
        self.configurations_edit.setAccessibleName(self.tr("Processing configuration ids"))
        self.configurations_edit.setPlaceholderText(self.tr("Optional, comma-separated, e.g. pc-hd-upscale, pc-denoise"))
        for edit in (self.key_edit, self.tenant_edit):
            edit.textChanged.connect(self._update_buttons)
        self.setup_button = QPushButton(self.tr("&Set up / renew"))
        self.setup_button.setAccessibleName(self.tr("Set up or renew the Mimir integration"))
        self.setup_button.clicked.connect(self.set_up)
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.setAccessibleName(self.tr("Remove the Mimir integration"))
        self.remove_button.clicked.connect(self.remove)
        self.error_label = refusal_label(self.tr("Why the Mimir integration was not changed"))
        self.reminder_label = refusal_label(self.tr("Mimir expiry reminder"))
        self.reminder_label.setStyleSheet(text_style("warning", bold=True))
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(self.tr("Mimir integration status"))
        self.storage_label = QLabel()
        self.storage_label.setWordWrap(True)
        self.storage_label.setAccessibleName(self.tr("Where the Mimir key is kept"))
        self._lay_out()
        self._update_buttons()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Mimir API &key:"), self.key_edit)
        form.addRow(self.tr("Mimir &tenant:"), self.tenant_edit)
        form.addRow(self.tr("&Days to live:"), self.days_spin)
        form.addRow("", self.configure_box)
        form.addRow(self.tr("Processing &configurations:"), self.configurations_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.setup_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        group = QGroupBox(self.tr("Mimir (Fonn)"))
        inner = QVBoxLayout(group)
        intro = QLabel(self.tr("Connects this Pixop team to a Mimir tenant: Mimir users can send videos to Pixop, "
                          "and Pixop tells Mimir when jobs finish. The connection lasts for the days to live "
                          "and is renewed whenever you set it up again or new Pixop jobs start."))
        intro.setWordWrap(True)
        inner.addWidget(intro)
        inner.addLayout(form)
        inner.addLayout(buttons)
        inner.addWidget(self.error_label)
        inner.addWidget(self.reminder_label)
        inner.addWidget(self.result_label)
        inner.addWidget(self.storage_label)
        layout = QVBoxLayout(self)
        layout.addWidget(group)
        layout.addStretch(1)

    # ----- state -----------------------------------------------------------------------------

    def secrets(self) -> MimirSecrets:
        return MimirSecrets(self.key_edit.text().strip() or None, self.tenant_edit.text().strip() or None)

    def configuration_ids(self) -> list[str]:
        return [part.strip() for part in self.configurations_edit.text().split(",") if part.strip()]

    @Slot()
    def _update_buttons(self) -> None:
        ready = self.secrets().complete and self._task is None
        self.setup_button.setEnabled(ready)
        self.remove_button.setEnabled(ready)

    def _show_record(self) -> None:
        record = recorded_setup(self.server)
        if record is None or record.expires is None:
            show_refusal(self.reminder_label, None)
            return
        if not self.result_label.text():
            self.result_label.setText(self.tr("Set up; expires on {date}.").format(date=format_date(record.expires)))
        show_refusal(self.reminder_label, reminder(record.expires))

    # ----- actions (off the GUI thread) ---------------------------------------------------------

    def _load_saved(self, progress, cancelled) -> MimirSecrets:
        try:
            return self.store.load_mimir()
        except CredentialError:
            return MimirSecrets()

    @Slot(object)
    def _saved_loaded(self, secrets: MimirSecrets) -> None:
        if secrets.api_key and not self.key_edit.text():
            self.key_edit.setText(secrets.api_key)
        if secrets.tenant and not self.tenant_edit.text():
            self.tenant_edit.setText(secrets.tenant)
        self.storage_label.setText(self.store.describe().replace("PIXOP_EMAIL / PIXOP_PASSWORD / PIXOP_API_KEY",
                                                                 "PIXOP_MIMIR_API_KEY / PIXOP_MIMIR_TENANT"))

    @Slot()
    def set_up(self) -> None:
        secrets, days = self.secrets(), self.days_spin.value()
        ids, configure = self.configuration_ids(), self.configure_box.isChecked()

        def work(progress, cancelled):
            result = setup_mimir(self._get_client(), secrets, self.server, days_to_live=days,
                                 configure_mimir=configure, configuration_ids=ids, team_id=self._team_id)
            note = self._save_secrets(secrets)
            return result, note

        self._run(work, self._set_up_done)

    def _save_secrets(self, secrets: MimirSecrets) -> str:
        try:
            self.store.save_mimir(secrets.api_key, secrets.tenant)
        except CredentialError as exc:
            return self.tr("The key was not saved: {why}").format(why=exc.message)
        return self.tr("The key and tenant are saved in {store}.").format(store=self.store.backend_name)

    @Slot(object)
    def _set_up_done(self, outcome) -> None:
        result, note = outcome
        self.result_label.setText(result.describe(with_reminder=False))  # the reminder has its own label
        self.storage_label.setText(note)
        show_refusal(self.reminder_label, reminder(result.expires_at))

    @Slot()
    def remove(self) -> None:
        secrets = self.secrets()

        def work(progress, cancelled):
            remove_mimir(self._get_client(), secrets, self.server, team_id=self._team_id)
            self.store.forget_mimir()
            return secrets.tenant

        self._run(work, self._removed)

    @Slot(object)
    def _removed(self, tenant: str) -> None:
        self.result_label.setText(self.tr("The integration with the Mimir tenant {tenant} was removed.").format(tenant=tenant))
        show_refusal(self.reminder_label, None)
        self.key_edit.clear()

    # ----- task plumbing ----------------------------------------------------------------------

    def _run(self, fn, on_success) -> None:
        show_refusal(self.error_label, None)
        self._task = ProgressTask(fn)
        self._task.signals.succeeded.connect(on_success)
        self._task.signals.failed.connect(self._failed)
        self._task.signals.finished.connect(self._finished)
        self._update_buttons()
        self._pool.start(self._task)

    @Slot(str, str)
    def _failed(self, title: str, message: str) -> None:
        show_refusal(self.error_label, f"{title}: {message}")

    @Slot()
    def _finished(self) -> None:
        self._task = None
        self._update_buttons()

    @property
    def busy(self) -> bool:
        return self._task is not None
