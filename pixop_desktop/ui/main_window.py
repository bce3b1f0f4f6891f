"""The main window: the connection (server, user, team) and the projects and videos.

All network and keyring work runs on the window's own QThreadPool; results
come back to ``@Slot`` methods here. Each kind of request carries a
generation number so a late answer to a superseded request is dropped.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QThreadPool, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QVBoxLayout, QWidget

from pixop_desktop import __version__
from pixop_desktop.connection import ServerChoice
from pixop_desktop.credentials import Credentials
from pixop_desktop.ui import library_tasks as tasks
from pixop_desktop.ui.account_bar import AccountBar
from pixop_desktop.ui.error_banner import ErrorBanner
from pixop_desktop.ui.library_view import ALL_VIDEOS, LibraryView
from pixop_desktop.ui.workers import Worker


class MainWindow(QMainWindow):
    def __init__(self, server: ServerChoice, load_credentials: Callable[[], Credentials],
                 team_id: str | None = None, remember_team: Callable[[str | None], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.server = server
        self._load_credentials = load_credentials
        self._team_id = team_id
        self._remember_team = remember_team
        self._client = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._workers: dict[tuple[str, int], Worker] = {}
        self._generation = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._switching_to: str | None = None

        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Pixop Desktop — {server}").format(server=self.tr(server.label)))
        self.account_bar = AccountBar(server)
        self.error_banner = ErrorBanner()
        self.library = LibraryView()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.account_bar)
        layout.addWidget(self.error_banner)
        layout.addWidget(self.library, 1)
        self.setCentralWidget(central)
        self.resize(1000, 640)
        self._build_menus()

        self.account_bar.refresh_requested.connect(self.refresh)
        self.account_bar.team_chosen.connect(self.choose_team)
        self.library.project_selected.connect(self.show_project)
        self.connect_to_server()

    # --- menus ----------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setShortcuts([QKeySequence.StandardKey.Refresh, QKeySequence("F5")])
        self.refresh_action.triggered.connect(self.refresh)
        view_menu.addAction(self.refresh_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about_action = QAction(self.tr("&About Pixop Desktop"), self)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)

    @Slot()
    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Pixop Desktop"),
                          self.tr("Pixop Desktop {version}\nSend videos to Pixop for enhancement "
                                  "and get the results back.").format(version=__version__))

    # --- requests ---------------------------------------------------------------

    def _start(self, kind: str, fn, *args) -> None:
        tag = (kind, next(self._generation))
        self._latest[kind] = tag[1]
        worker = Worker(tag, fn, *args)
        worker.signals.succeeded.connect(self._on_succeeded)
        worker.signals.failed.connect(self._on_failed)
        worker.signals.finished.connect(self._on_finished)
        self._workers[tag] = worker
        self._pool.start(worker)

    def _is_latest(self, tag) -> bool:
        kind, generation = tag
        return self._latest.get(kind) == generation

    @Slot()
    def connect_to_server(self) -> None:
        self.error_banner.clear()
        self.account_bar.show_connecting()
        self.statusBar().showMessage(self.tr("Connecting to {url}…").format(url=self.server.url))
        self._start("account", tasks.connect, self._load_credentials, self.server.url, self._team_id)

    @Slot()
    def refresh(self) -> None:
        if self._client is None:
            self.connect_to_server()
            return
        self.error_banner.clear()
        self.statusBar().showMessage(self.tr("Loading…"))
        self._start("account", tasks.load_account, self._client)

    @Slot(str)
    def choose_team(self, team_id: str) -> None:
        if self._client is None:
            return
        self.statusBar().showMessage(self.tr("Switching team…"))
        self._switching_to = team_id
        self._start("account", tasks.switch_team, self._client, team_id)

    @Slot(str)
    def show_project(self, project_id: str) -> None:
        if self._client is None:
            return
        self.library.set_videos([])
        self.statusBar().showMessage(self.tr("Loading videos…"))
        self._start("videos", tasks.load_videos, self._client, None if project_id == ALL_VIDEOS else project_id)

    # --- results (GUI thread) ----------------------------------------------------

    @Slot(object, object)
    def _on_succeeded(self, tag, result) -> None:
        if not self._is_latest(tag):
            if isinstance(result, tasks.Connected) and result.client is not self._client:
                result.client.close()
            return
        if tag[0] == "account":
            self._show_account(result)
        elif tag[0] == "videos":
            self.library.set_videos(result)
            self.statusBar().showMessage(self.tr("%n video(s)", "", len(result)))

    def _show_account(self, view: tasks.AccountView) -> None:
        if isinstance(view, tasks.Connected):
            if self._client is not None and self._client is not view.client:
                self._client.close()
            self._client = view.client
        team = view.info.team
        self._team_id = team.id if team else self._team_id
        if self._switching_to and self._remember_team:
            self._remember_team(self._switching_to)
        self._switching_to = None
        self.account_bar.show_account(view.info)
        self.library.set_projects(view.projects)
        self.statusBar().showMessage(self.tr("%n project(s)", "", len(view.projects)))

    @Slot(object, str, str)
    def _on_failed(self, tag, title: str, message: str) -> None:
        if not self._is_latest(tag):
            return
        if tag[0] == "account":
            self._switching_to = None
            if self._client is None:
                self.account_bar.show_signed_out()
            elif self.account_bar.team_combo.count() > 1:
                self.account_bar.team_combo.setEnabled(True)
        self.error_banner.show_error(title, message)
        self.statusBar().showMessage(title)

    @Slot(object)
    def _on_finished(self, tag) -> None:
        self._workers.pop(tag, None)

    # --- shutdown ---------------------------------------------------------------

    def shutdown(self) -> None:
        """Wait for background requests, then close the client. Safe to call twice."""
        self._latest.clear()
        self._pool.waitForDone()
        self._workers.clear()
        if self._client is not None:
            self._client.close()
            self._client = None

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    @property
    def client(self):
        return self._client
