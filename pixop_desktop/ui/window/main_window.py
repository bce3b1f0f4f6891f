"""The main window: drop videos in, watch the queue, see details; the library; watched folders.

The window owns the job queue's ``Runner`` for the configured server: it
starts when the connection is made (it needs the client) and is stopped and
joined in ``shutdown`` — which ``run_gui`` calls before the QApplication
goes. Runner events never touch widgets: they land in the queue model's
inbox and one timer applies them (see ``queue_model``).

All network and keyring work runs on the window's ``BackgroundTasks``
(``ui/tasks.py``); answers come back in the GUI thread, and a late answer to a
superseded request of the same kind is dropped.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QMainWindow, QSplitter, QTabWidget, QVBoxLayout, QWidget

from pixop_desktop import notices
from pixop_desktop.credentials import Credentials
from pixop_desktop.jobs.model import State
from pixop_desktop.jobs.pipeline import PollPolicy
from pixop_desktop.jobs.runner import Runner
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.services.connection import AccountView, Connected, ServerChoice, load_account, switch_team
from pixop_desktop.services.runner import make_runner
from pixop_desktop.settings import Settings, load_settings
from pixop_desktop.ui.intake.drop_zone import DropZone, RefusedPanel
from pixop_desktop.ui.intake.flow import IntakeFlow
from pixop_desktop.ui.intake.panel import IntakePanel
from pixop_desktop.ui.library.view import ALL_VIDEOS, LibraryView
from pixop_desktop.ui.queue.actions import QueueActions
from pixop_desktop.ui.queue.details_panel import DetailsPanel
from pixop_desktop.ui.queue.model import JobInbox, QueueModel
from pixop_desktop.ui.queue.view import QueueView
from pixop_desktop.ui.tasks import BackgroundTasks

from pixop_desktop.ui.window import extras as window_extras, layout as window_layout, server_requests
from pixop_desktop.ui.window.account_bar import AccountBar, server_label
from pixop_desktop.ui.window.banners import ErrorBanner, RepairNotice
from pixop_desktop.ui.window.menus import build_menus
from pixop_desktop.ui.window.queue_status import QueueStatus
from pixop_desktop.ui.window.state import remember_window, restore_window

log = logging.getLogger(__name__)

class MainWindow(QMainWindow):
    projects_changed = Signal(object)  # list[Project], after each (re)load of the account

    def __init__(self, server: ServerChoice, load_credentials: Callable[[], Credentials],
                 team_id: str | None = None, remember_team: Callable[[str | None], None] | None = None,
                 parent: QWidget | None = None, *, store: JobStore | None = None,
                 settings: Settings | None = None, poll: PollPolicy | None = None) -> None:
        super().__init__(parent)
        self.server = server
        self._load_credentials = load_credentials
        self._team_id = team_id
        self._remember_team = remember_team
        self._client = None
        self.settings = settings or load_settings()
        self._owns_store = store is None
        with notices.collecting() as store_notices:
            self.store = store or JobStore()
        self._poll = poll or PollPolicy()
        self.runner: Runner | None = None
        self.ask_before_closing = True
        self._quitting = False
        self.tasks = BackgroundTasks(self, max_threads=3)
        self._projects: list = []
        self._switching_to: str | None = None
        self._shut_down = False

        self.setObjectName("mainWindow")
        # Only the server: Qt adds the application display name ("… — Pixop Desktop") itself.
        self.setWindowTitle(server_label(server))
        self._build_widgets()
        if store_notices:  # the core's sentence, with a translated title
            self.repair_notice.show_text(self.tr("Your job queue was repaired"), " ".join(store_notices))
        self._laid_out = False
        self.resize(window_layout.default_window_size(self.screen().availableGeometry()))
        build_menus(self)
        restore_window(self)
        self.extras = window_extras.WindowExtras(self)

        self.account_bar.refresh_requested.connect(self.refresh)
        self.account_bar.team_chosen.connect(self.choose_team)
        self.library.project_selected.connect(self.show_project)
        self.connect_to_server()

    # --- building -------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.account_bar = AccountBar(self.server)
        self.error_banner = ErrorBanner()
        self.repair_notice = RepairNotice()
        self.queue_status = QueueStatus(self)  # the Pause Everything banner, a lost server
        self.inbox = JobInbox()
        self.queue_model = QueueModel(self.store, self.inbox, self)
        self.queue_model.reload()
        self.queue_actions = QueueActions(self.store, self.queue_model, self)
        self.queue_actions.message.connect(self.show_status)
        self.queue = QueueView(self.queue_model, self.queue_actions)
        self.details = DetailsPanel(self.store)
        self.drop_zone = DropZone()
        self.intake_panel = IntakePanel()
        self.refused_panel = RefusedPanel()
        self.intake = IntakeFlow(self.store, self.intake_panel, lambda: self.settings, self.tasks, self,
                                 server=self.server.url)
        self.library = LibraryView()

        top = QHBoxLayout()
        top.addWidget(self.drop_zone, 2)
        top.addWidget(self.intake_panel, 3)
        self.queue_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.queue_splitter.addWidget(self.queue)
        self.queue_splitter.addWidget(self.details)
        self.queue_splitter.setStretchFactor(0, 3)
        self.queue_splitter.setStretchFactor(1, 1)
        self.queue_splitter.setSizes([800, 360])
        queue_page = QWidget()
        queue_layout = QVBoxLayout(queue_page)
        queue_layout.addLayout(top)
        queue_layout.addWidget(self.refused_panel)
        queue_layout.addWidget(self.queue_splitter, 1)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Pages"))
        self.tabs.addTab(queue_page, self.tr("Queue"))
        self.tabs.addTab(self.library, self.tr("&Library"))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.account_bar)
        layout.addWidget(self.error_banner)
        layout.addWidget(self.repair_notice)
        layout.addWidget(self.queue_status.paused_banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.drop_zone.paths_given.connect(self.intake.add_paths)
        self.intake.status.connect(self.show_status)
        self.intake.problem.connect(self.error_banner.show_error)
        self.intake.refused.connect(self.refused_panel.show_refusals)
        self.intake.jobs_added.connect(self.queue_model.refresh_jobs)
        self.intake_panel.new_project_requested.connect(self.create_project)
        self.queue.current_job_changed.connect(self.show_details_of)
        self.queue.details_requested.connect(self.show_details_of)
        self.queue_model.reported.connect(self._on_jobs_reported)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._laid_out:  # the first time only: later the person's own layout stays
            self._laid_out = True
            window_layout.share_queue_and_details(self.queue_splitter, self.queue.toolbar)
            self.queue.columns.fit()  # also saved widths from a wider screen

    # --- small slots -------------------------------------------------------------------------

    @Slot(str)
    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 10_000)

    @Slot()
    def bring_to_front(self) -> None:
        """Show the window (also when hidden in the tray), un-minimised, raised and active:
        another launch or "Open with" handed the app files."""
        if self.isMinimized():
            self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    @Slot(object)
    def show_details_of(self, job_id) -> None:
        self.details.show_job(None if job_id is None else self.queue_model.job(job_id))

    @Slot(object, object)
    def _on_jobs_reported(self, jobs: dict, progress: dict) -> None:
        shown = self.details.job
        if shown is not None and shown.id in jobs:
            self.details.show_job(jobs[shown.id])
        self.extras.jobs_reported(jobs, progress)
        if any(job.state is State.DONE for job in jobs.values()):
            self.library.mark_stale()  # a finished job changed what the Library lists

    @Slot()
    def toggle_pause_all(self) -> None:
        self.queue_status.toggle_pause_all()

    @Slot()
    def toggle_stop_after_current(self) -> None:
        enabled = self.stop_after_current_action.isChecked()
        if self.runner is not None:
            self.runner.stop_after_current(enabled)
        if enabled:  # otherwise nothing says why newly added videos wait
            self.show_status(self.tr("Finishing the videos already started; no new ones will start. "
                                     "Choose Queue → Stop After Current Videos again to go on."))

    # --- the runner -------------------------------------------------------------------------------

    def restart_runner(self) -> None:
        """A new runner with the current settings (its pools are sized when it starts); none while offline."""
        if self.runner is not None and self._client is not None:
            self._start_runner(self._client)

    def _start_runner(self, client) -> None:
        self.stop_runner()
        runner = make_runner(self.store, client, self.settings, server=self.server.url, poll=self._poll)
        self.inbox.listen_to(runner.events)
        self.queue_actions.runner = runner
        # What the menu shows holds from the runner's first look at the queue, not a moment later.
        if self.pause_all_action.isChecked():
            runner.pause_queue()
        if self.stop_after_current_action.isChecked():  # a reconnect keeps what the menu shows
            runner.stop_after_current()
        self.runner = runner.start()
        self.extras.runner_started(runner)  # watched folders follow its jobs
        self.queue_model.reload()  # the runner put interrupted jobs back in the queue
        self.queue_status.runner_started()

    def stop_runner(self) -> None:
        """Stop and join the runner: nothing works on the queue until the next connection."""
        runner, self.runner = self.runner, None
        self.queue_actions.runner = None
        self.queue_status.runner_stopped()
        if runner is not None:
            self.inbox.stop_listening()
            self.extras.runner_stopping()
            runner.stop(wait=True)

    def active_job_count(self) -> int:
        """Jobs still being worked on (for the close question)."""
        if self.runner is None:
            return 0
        return self.store.pending_count(server=self.server.url)

    # --- requests ---------------------------------------------------------------

    def _ask(self, kind: str, fn, *args) -> None:
        self.tasks.run(kind, fn, *args, on_done=functools.partial(self._answered, kind),
                       on_error=functools.partial(self._failed, kind), on_stale=_close_stale_client)

    @Slot()
    def connect_to_server(self) -> None:
        self.error_banner.clear()
        self.account_bar.show_connecting()
        self.statusBar().showMessage(self.tr("Connecting to {url}…").format(url=self.server.url))
        self._ask("account", server_requests.connect, self._load_credentials, self.server.url, self._team_id)

    @Slot()
    def refresh(self) -> None:
        self.queue_model.reload()
        if self._client is None:
            self.connect_to_server()
            return
        self.error_banner.clear()
        self.statusBar().showMessage(self.tr("Loading…"))
        self._ask("account", load_account, self._client)

    @Slot(str)
    def choose_team(self, team_id: str) -> None:
        if self._client is None:
            return
        self.statusBar().showMessage(self.tr("Switching team…"))
        self._switching_to = team_id
        self._ask("account", switch_team, self._client, team_id)

    @Slot(str)
    def show_project(self, project_id: str) -> None:
        if self._client is None:
            return
        self.library.set_videos([])
        self.statusBar().showMessage(self.tr("Loading videos…"))
        self._ask("videos", server_requests.load_videos, self._client, None if project_id == ALL_VIDEOS else project_id)

    @Slot(str)
    def create_project(self, name: str) -> None:
        if self._client is None:
            self.show_status(self.tr("Connect to Pixop first, then create the project."))
            return
        self._ask("project", self._client.videos.create_project, name)

    # --- results (GUI thread) ----------------------------------------------------

    def _answered(self, kind: str, result) -> None:
        if kind == "account":
            self._show_account(result)
        elif kind == "videos":
            self.library.set_videos(result)
            if self.tabs.currentWidget() is self.library:
                self.statusBar().showMessage(self.tr("%n video(s)", "", len(result)))
        elif kind == "project":
            self.show_status(self.tr("Project “{name}” created").format(name=result.name or result.id))
            self.intake_panel.set_projects([*self._projects, result])
            self.intake_panel.select_project(result.id)
            self.refresh()

    def _show_account(self, view: AccountView) -> None:
        if isinstance(view, Connected):
            if self._client is not None and self._client is not view.client:
                self.stop_runner()
                self._client.close()
            self._client = view.client
            self.details.set_client(self._client)
            if self.runner is None and not self._shut_down:
                self._start_runner(self._client)
        team = view.info.team
        self._team_id = team.id if team else self._team_id
        if self._switching_to and self._remember_team:
            self._remember_team(self._switching_to)
        self._switching_to = None
        self.account_bar.show_account(view.info)
        self.library.set_projects(view.projects)
        self._projects = list(view.projects)
        self.intake_panel.set_projects(view.projects)
        self.statusBar().showMessage(self.tr("Connected. %n project(s)", "", len(view.projects)), 10_000)
        self.projects_changed.emit(self.projects)

    def _failed(self, kind: str, title: str, message: str) -> None:
        if kind == "account":
            self._switching_to = None
            if self._client is None:
                self.account_bar.show_signed_out()
            elif self.account_bar.team_combo.count() > 1:
                self.account_bar.team_combo.setEnabled(True)
        self.error_banner.show_error(title, message)
        self.statusBar().showMessage(title)

    # --- shutdown ---------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop and join the runner, wait for background requests, close client and store. Safe twice."""
        if self._shut_down:
            return
        self._shut_down = True
        self.queue.timer.stop()
        self.intake.cancel()
        remember_window(self)
        self.tasks.shutdown()
        self.details.shutdown()
        self.queue.editor.shutdown()
        self.stop_runner()
        self.extras.shutdown()
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._owns_store:
            self.store.close()

    @Slot()
    def quit_app(self) -> None:
        """File → Quit (and the tray's Quit): stop everything and leave, even when hidden in the tray."""
        self._quitting = True
        if self.close():
            QApplication.quit()
        else:
            self._quitting = False

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._shut_down and self.ask_before_closing:
            verdict = self.extras.close_verdict(quitting=self._quitting)
            if verdict == "cancel":
                event.ignore()
                return
            if verdict == "tray":
                event.ignore()
                self.hide()
                return
        self.shutdown()
        super().closeEvent(event)

    @property
    def client(self):
        return self._client

    @property
    def team_id(self) -> str | None:
        """The team the window works for (the one chosen, else the account's own)."""
        return self._team_id

    @property
    def projects(self) -> list:
        """The team's projects as last loaded (empty until connected)."""
        return list(self._projects)

def _close_stale_client(result) -> None:
    """A connection made for a superseded request is not kept: close its client."""
    if isinstance(result, Connected):
        result.client.close()
