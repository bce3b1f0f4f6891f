"""The first run in two steps: try the built-in sandbox or connect to a Pixop account (Next),
then what Pixop should do with the videos (Start; ``outcome_choice``).

The choice is saved (``first_run_done``, ``use_builtin_sandbox``, the server and the
email, ``after_upload``; secrets to the keyring only — when Next checks the account) when
the person presses Start; the app then opens the main window on it. ``make run`` on a
fresh machine lands here with the sandbox and the recommended outcome preselected, so
Enter, Enter gives a person processed videos back.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QLabel, QRadioButton, QStackedWidget,
                               QVBoxLayout, QWidget)

from pixop_desktop.api.errors import WrongCredentials
from pixop_desktop.credentials import CredentialError, CredentialStore, Credentials, KeyringLockedError
from pixop_desktop.sandbox import DEFAULT_EMAIL
from pixop_desktop.settings import Settings, SettingsError, save_settings
from pixop_desktop.ui.app.outcome_choice import OutcomeChoice
from pixop_desktop.ui.window.banners import ErrorBanner
from pixop_desktop.ui.intake.sample_videos import SampleVideosPanel
from pixop_desktop.ui.settings.account_form import AccountForm, TestedAccount, check_connection


def check_in_welcome(server: str, credentials: Credentials, team_id: str | None = None) -> TestedAccount:
    """"Test connection" in the welcome: a refused password is fixed right here, not in Settings
    (which the person has not seen yet)."""
    try:
        return check_connection(server, credentials, team_id)
    except WrongCredentials as exc:
        about_key = exc.title != WrongCredentials.default_title  # "Wrong API key"
        message = (QCoreApplication.translate("WelcomeDialog", "Pixop did not accept that API key. Type it "
                                              "again above, then press Test connection.") if about_key else
                   QCoreApplication.translate("WelcomeDialog", "Pixop did not accept that email and password. "
                                              "Type them again above, then press Test connection."))
        raise WrongCredentials(message, title=exc.title) from None


class WelcomeDialog(QDialog):
    """After ``exec()`` returns Accepted: :attr:`settings` (saved), :attr:`chose_sandbox`, :attr:`store`."""

    def __init__(self, settings: Settings, *, prefer_sandbox: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(self.tr("Welcome to Pixop Desktop"))
        self.settings = settings.model_copy()
        self.chose_sandbox = False
        self.store: CredentialStore | None = None
        self._team_id: str | None = None
        self._pending: Settings | None = None  # step 1's answer, saved with step 2's

        self.steps = QStackedWidget()
        self.steps.addWidget(self._connection_step(prefer_sandbox))
        self.outcome = OutcomeChoice(self.settings.download_folder)
        self.steps.addWidget(self.outcome)
        self.error_banner = ErrorBanner()

        self.buttons = QDialogButtonBox()
        self.back_button = self.buttons.addButton(self.tr("&Back"), QDialogButtonBox.ButtonRole.ActionRole)
        self.back_button.setAccessibleName(self.tr("Back"))
        self.back_button.clicked.connect(self.back)
        self.start_button = self.buttons.addButton(self.tr("Ne&xt"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = self.buttons.addButton(self.tr("&Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.setAccessibleName(self.tr("Quit"))
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.error_banner)
        layout.addWidget(self.buttons)
        # Only now is Start inside the dialog: made default earlier, Qt would pick the first
        # button it finds (the account page's hidden Test connection) and Enter would do nothing.
        self.start_button.setDefault(True)

        self.sandbox_radio.toggled.connect(self._on_choice_changed)
        self.account_form.tested.connect(self._remember_team)
        self.account_form.checker = check_in_welcome
        self.account_form.in_welcome = True
        self._on_choice_changed()
        self._show_step(0)
        self.resize(680, 560)

    def _connection_step(self, prefer_sandbox: bool) -> QWidget:
        heading = QLabel(self.tr("Welcome to Pixop Desktop"))
        heading.setObjectName("welcomeHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(self.tr("Send your videos to Pixop to make them sharper, smoother and bigger, "
                               "and get the results back. How would you like to start?"))
        intro.setWordWrap(True)
        self.sandbox_radio = QRadioButton(self.tr("&Try it with the built-in sandbox"))
        self.sandbox_radio.setAccessibleName(self.tr("Try it with the built-in sandbox"))
        self.account_radio = QRadioButton(self.tr("&Connect to my Pixop account"))
        self.account_radio.setAccessibleName(self.tr("Connect to my Pixop account"))
        group = QButtonGroup(self)
        group.addButton(self.sandbox_radio)
        group.addButton(self.account_radio)
        (self.sandbox_radio if prefer_sandbox else self.account_radio).setChecked(True)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._sandbox_page())
        self.account_form = AccountForm()
        self.account_form.set_server(self.settings.server_kind, self.settings.server)
        if self.settings.email:
            self.account_form.email_edit.setText(self.settings.email)
        self.pages.addWidget(self.account_form)

        step = QWidget()
        layout = QVBoxLayout(step)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.sandbox_radio)
        layout.addWidget(self.account_radio)
        layout.addWidget(self.pages, 1)
        return step

    def _sandbox_page(self) -> QWidget:
        page = QWidget()
        text = QLabel(self.tr(
            "The sandbox is a small Pixop server that runs on this computer. It really processes your "
            "videos (slowly, and only on this computer), so you can try every step without an account.\n\n"
            "It signs you in as {email} with a demo password; nothing is sent over the internet.\n\n"
            "No videos at hand? Make a few short samples:").format(email=DEFAULT_EMAIL))
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        self.samples = SampleVideosPanel()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(text)
        layout.addWidget(self.samples)
        layout.addStretch(1)
        return page

    def _show_step(self, index: int) -> None:
        self.steps.setCurrentIndex(index)
        last = index == 1
        self.back_button.setVisible(last)
        self.start_button.setText(self.tr("&Start") if last else self.tr("Ne&xt"))
        self.start_button.setAccessibleName(self.tr("Start") if last else self.tr("Next"))
        self.error_banner.clear()
        if last:
            self.outcome.group.checkedButton().setFocus()  # arrows move between outcomes, Enter starts

    @Slot()
    def _on_choice_changed(self) -> None:
        self.pages.setCurrentIndex(0 if self.sandbox_radio.isChecked() else 1)
        self.error_banner.clear()

    @Slot(object)
    def _remember_team(self, tested: TestedAccount) -> None:
        team = tested.info.team
        self._team_id = team.id if team else None

    @Slot()
    def back(self) -> None:
        self._show_step(0)

    @Slot()
    def start(self) -> None:
        """Next: check the connection choice; Start: save both and close. On a problem, say what to
        do and stay open."""
        if self.steps.currentIndex() == 0:
            self._next()
            return
        settings = self._pending.model_copy() if self._pending else self.settings.model_copy()
        settings.after_upload = self.outcome.value()
        settings.first_run_done = True
        self.settings = settings
        self.chose_sandbox = settings.use_builtin_sandbox
        save_settings(settings)
        self.accept()

    def _next(self) -> None:
        self.error_banner.clear()
        settings = self.settings.model_copy()
        if self.sandbox_radio.isChecked():
            settings.use_builtin_sandbox = True
        else:
            try:
                self._apply_account(settings)
            except (SettingsError, CredentialError) as exc:
                self.error_banner.show_error(exc.title, exc.message)
                if isinstance(exc, KeyringLockedError):
                    self.account_form.show_keyring_problem()  # says so, offers "this session only"
                else:
                    self.account_form.update_keyring_status()
                return
        self._pending = settings
        self._show_step(1)

    def _apply_account(self, settings: Settings) -> None:
        form = self.account_form
        server = form.server_root()
        credentials = form.credentials()
        if not credentials.can_sign_in and not credentials.api_key:
            raise CredentialError(self.tr("Email and password needed"),
                                  self.tr("Type the email and password of your Pixop account, then press Next."))
        self.store = form.save_secrets()
        if server != settings.server:
            settings.team_id = None
        settings.server, settings.server_kind = server, form.server_kind()
        settings.email = credentials.email or ""
        settings.team_id = self._team_id or settings.team_id
        settings.use_builtin_sandbox = False

    def done(self, result: int) -> None:
        self.samples.wait()
        self.account_form.wait()
        super().done(result)
