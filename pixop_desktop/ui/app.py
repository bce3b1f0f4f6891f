"""Starting the GUI: the QApplication, the optional in-process sandbox, the main window."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from pixop_desktop import __version__, paths
from pixop_desktop.connection import ServerChoice, choose_server, choose_team
from pixop_desktop.credentials import CredentialSource, Credentials, CredentialStore
from pixop_desktop.settings import ServerKind, Settings, load_settings, save_settings
from pixop_desktop.ui.main_window import MainWindow
from pixop_desktop.ui.resources import app_icon

log = logging.getLogger(__name__)

SANDBOX_DIR = "sandbox"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named and with the app icon (reuses an existing one, e.g. in tests)."""
    app = QApplication.instance()
    if app is None:
        # Qt 6 always scales for high DPI; pass fractional factors (125 %, 150 %) through unrounded.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Pixop Desktop")
    app.setApplicationDisplayName("Pixop Desktop")
    app.setOrganizationName("Pixop")
    app.setOrganizationDomain("pixop.com")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("pixop-desktop")
    app.setWindowIcon(app_icon())
    return app


def run_gui(server: str | None = None, team_id: str | None = None, sandbox: bool = False) -> int:
    """Show the main window until the person quits; returns the exit status."""
    app = create_application()
    settings = load_settings()
    with contextlib.ExitStack() as stack:
        try:
            if sandbox:
                choice, load_credentials = _start_sandbox(stack)
                remember_team = None
            else:
                choice = choose_server(server, settings)
                team_id = choose_team(team_id, choice, settings)
                load_credentials = CredentialStore(choice.url).load
                remember_team = _team_rememberer(settings, choice)
        except Exception as exc:  # shown in a dialog: a GUI launched from a menu has no terminal
            _show_startup_error(exc)
            return 1
        window = MainWindow(choice, load_credentials, team_id, remember_team)
        window.show()
        status = app.exec()
        window.shutdown()
        window.deleteLater()
    return status


def _start_sandbox(stack: contextlib.ExitStack) -> tuple[ServerChoice, Callable[[], Credentials]]:
    """Run the sandbox in this process until the window closes; its data persists between runs."""
    from pixop_desktop.sandbox import DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_PASSWORD, Sandbox

    box = stack.enter_context(Sandbox(data_dir=paths.data_dir() / SANDBOX_DIR))
    log.info("sandbox running at %s", box.url)
    demo = Credentials(DEFAULT_EMAIL, DEFAULT_PASSWORD, DEFAULT_API_KEY, CredentialSource.SESSION)
    return ServerChoice(box.url, ServerKind.SANDBOX), lambda: demo


def _team_rememberer(settings: Settings, choice: ServerChoice) -> Callable[[str | None], None]:
    """Save the chosen team, so the next start opens on it (only for the settings' own server)."""

    def remember(team_id: str | None) -> None:
        if choice.url != settings.server:
            return
        settings.team_id = team_id
        save_settings(settings)

    return remember


def _show_startup_error(exc: Exception) -> None:
    title = getattr(exc, "title", None) or QCoreApplication.translate("App", "Pixop Desktop cannot start")
    message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
    log.error("startup failed: %s: %s", title, message, exc_info=not hasattr(exc, "message"))
    QMessageBox.critical(None, title, message)
