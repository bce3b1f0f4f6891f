"""Starting the GUI: the QApplication, the optional in-process sandbox, the main window."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from pixop_desktop import __version__
from pixop_desktop.credentials import Credentials
from pixop_desktop.errors import UserFacingError
from pixop_desktop.services.connection import ENV_SERVER, ServerChoice, choose_server, choose_team
from pixop_desktop.services.runner import apply_bandwidth_limit, apply_download_connections
from pixop_desktop.settings import Settings, load_settings, save_settings
from pixop_desktop.ui.window.errors import install_exception_hooks
from pixop_desktop.ui.window.main_window import MainWindow
from pixop_desktop.ui.app.application import PixopApplication
from pixop_desktop.ui.app.open_requests import OpenRequests
from pixop_desktop.ui.app.quit_signals import quit_on_signals
from pixop_desktop.ui.resources import app_icon
from pixop_desktop.ui.settings import credential_store_for
from pixop_desktop.ui.translations import install_translators
from pixop_desktop.ui.app.in_app_sandbox import start_in_app_sandbox
from pixop_desktop.ui.app.welcome import WelcomeDialog

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named and with the app icon (reuses an existing one, e.g. in tests)."""
    app = QApplication.instance()
    if app is None:
        # Qt 6 always scales for high DPI; pass fractional factors (125 %, 150 %) through unrounded.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = PixopApplication(argv if argv is not None else sys.argv[:1])
        install_translators(app)  # only for a new app: tests share one and add their own
    app.setApplicationName("Pixop Desktop")
    app.setApplicationDisplayName("Pixop Desktop")
    app.setOrganizationName("Pixop")
    app.setOrganizationDomain("pixop.com")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("pixop-desktop")
    app.setWindowIcon(app_icon())
    return app


def run_gui(server: str | None = None, team_id: str | None = None, sandbox: bool = False,
            paths: Sequence[str | os.PathLike] = ()) -> int:
    """Show the welcome on the first run, then the main window until the person quits; the exit status.

    ``paths`` (files or folders, e.g. from "Open with") are added like a drop once the window is
    up. When the app already runs for this user and app home, they go to that window instead and
    this launch ends with 0 — before any welcome or sandbox start.
    """
    app = create_application()
    instance = _claim_single_instance(paths)
    if instance is HANDED_OVER:
        return 0
    requests = OpenRequests(app)
    requests.request(paths)
    if instance is not None:
        instance.request_received.connect(requests.request)
    uninstall_hooks = install_exception_hooks(QApplication.activeWindow)
    try:
        # SIGTERM/Ctrl+C quit like File → Quit (also from the welcome); the sandbox stops with the stack.
        with contextlib.ExitStack() as stack, quit_on_signals(app):
            return _run(app, stack, server, team_id, sandbox, requests)
    finally:
        uninstall_hooks()
        requests.remove()
        if instance is not None:
            instance.close()


HANDED_OVER = object()  # _claim_single_instance: the running instance took the paths


def _claim_single_instance(paths: Sequence[str | os.PathLike]):
    """This launch's InstanceServer, HANDED_OVER, or None when Qt Network is missing (run alone)."""
    try:
        from pixop_desktop.ui.app.single_instance import claim_single_instance
    except ImportError as exc:  # a bundle built without Qt Network: still usable, just not single
        log.warning("no single-instance check: %s", exc)
        return None
    instance = claim_single_instance(paths)
    return HANDED_OVER if instance is None else instance


def _run(app: QApplication, stack: contextlib.ExitStack, server: str | None, team_id: str | None,
         sandbox: bool, requests: OpenRequests) -> int:
    window = start_window(stack, server, team_id, sandbox, requests)
    if window is None:
        return 0
    if window is FAILED:
        return 1
    status = app.exec()
    requests.remove()
    window.shutdown()
    window.deleteLater()
    return status


FAILED = object()  # start_window: the start-up error was shown


def start_window(stack: contextlib.ExitStack, server: str | None, team_id: str | None, sandbox: bool,
                 requests: OpenRequests):
    """Everything before the event loop: settings, the sandbox (``--sandbox``), the welcome on the
    first run, the main window shown with the requested paths added. The window; None when the
    person quit the welcome; FAILED after a start-up error was shown. (Tests drive this.)"""
    settings = load_settings()
    apply_bandwidth_limit(settings)
    apply_download_connections(settings)
    try:
        sandbox_stack = stack.enter_context(contextlib.ExitStack())
        # With --sandbox the sandbox starts before the welcome: it is the preselected choice.
        running = start_in_app_sandbox(sandbox_stack, settings) if sandbox else None
        if needs_welcome(settings, server):
            welcome = WelcomeDialog(settings, prefer_sandbox=sandbox or not settings.email)
            if welcome.exec() != QDialog.DialogCode.Accepted:
                return None
            settings, sandbox = welcome.settings, welcome.chose_sandbox
            if not sandbox:
                sandbox_stack.close()
                running = None
        window = open_main_window(stack, settings, server, team_id, sandbox, running)
    except Exception as exc:  # shown in a dialog: a GUI launched from a menu has no terminal
        _show_startup_error(exc)
        return FAILED
    window.show()
    requests.attach(window)
    return window


def needs_welcome(settings: Settings, server: str | None) -> bool:
    """First run, unless a server was named on the command line or in PIXOP_SERVER (scripts, kiosks)."""
    return not settings.first_run_done and not server and not os.environ.get(ENV_SERVER, "").strip()


def open_main_window(stack: contextlib.ExitStack, settings: Settings, server: str | None = None,
                     team_id: str | None = None, sandbox: bool = False,
                     running: tuple[ServerChoice, Callable[[], Credentials]] | None = None) -> MainWindow:
    """The main window on the built-in sandbox (``--sandbox``, the welcome's choice) or a server.

    ``running`` is a sandbox already started (``start_in_app_sandbox``); otherwise one is started
    on ``stack`` when needed.
    """
    named = server or os.environ.get(ENV_SERVER, "").strip()
    if running is not None or sandbox or (settings.use_builtin_sandbox and not named):
        choice, load_credentials = running or start_in_app_sandbox(stack, settings)
        return MainWindow(choice, load_credentials, None, None, settings=settings)
    choice = choose_server(server, settings)
    team_id = choose_team(team_id, choice, settings)
    load_credentials = credential_store_for(choice.url).load  # shares "this session only" secrets
    return MainWindow(choice, load_credentials, team_id, _team_rememberer(settings, choice), settings=settings)


def _team_rememberer(settings: Settings, choice: ServerChoice) -> Callable[[str | None], None]:
    """Save the chosen team, so the next start opens on it (only for the settings' own server)."""

    def remember(team_id: str | None) -> None:
        if choice.url != settings.server:
            return
        settings.team_id = team_id
        save_settings(settings)

    return remember


def _show_startup_error(exc: Exception) -> None:
    told = isinstance(exc, UserFacingError)  # anything else is unexpected: name it, log its traceback
    title = (told and exc.title) or QCoreApplication.translate("App", "Pixop Desktop cannot start")
    message = (told and exc.message) or f"{type(exc).__name__}: {exc}"
    log.error("startup failed: %s: %s", title, message, exc_info=not told)
    QMessageBox.critical(None, title, message)
