"""The main window's links to the other parts of the app: tray, Settings, presets, imports, watched folders.

Kept out of ``main_window`` so the window stays about the queue. It uses only
the window's public attributes, methods and signals (``projects_changed``,
``team_id``, ``restart_runner`` …); the free clips and the watched folders
have owners of their own (``queue/free_clip_links``, ``watch/window_part``).
"""

from __future__ import annotations

import functools
import itertools
import logging

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow

from pixop_desktop.errors import UserFacingError
from pixop_desktop.settings import CloseWhileWorking, save_settings
from pixop_desktop.ui.app.update_check import UpdateCheck
from pixop_desktop.ui.imports import ImportS3Dialog, ImportUrlDialog
from pixop_desktop.ui.presets.dialog import PresetsDialog
from pixop_desktop.ui.approval_estimates import ApprovalPrices
from pixop_desktop.ui.library.actions import LibraryActions
from pixop_desktop.ui.preview.window_part import PreviewLinks
from pixop_desktop.ui.queue.free_clip_links import FreeClipLinks
from pixop_desktop.ui.settings import SettingsDialog
from pixop_desktop.ui.settings.integrations_page import IntegrationsPage
from pixop_desktop.ui.settings.mimir_reminder import MimirReminder
from pixop_desktop.ui.watch.window_part import WatchedFolders
from pixop_desktop.ui.window.tray import CloseChoice, TrayController, decide_close

log = logging.getLogger(__name__)


def _input_locations(client) -> list:
    """Blocking (O's dialog runs it on a pool thread): the team's S3 input locations."""
    return list(itertools.islice(client.imports.iter_input_locations(), 500))


class NotConnected(UserFacingError):
    """An action needs the window's connection to Pixop, and there is none yet."""


class WindowExtras(QObject):
    def __init__(self, window: QMainWindow) -> None:
        """``window`` is the MainWindow (not imported here: the window imports this module)."""
        super().__init__(window)
        self.window = window
        self._fill_presets()
        self._add_settings_action()
        self._add_import_actions()
        self._add_tray()
        self.watched = WatchedFolders(window, self.tray, self)
        self.watch_page, self.folder_watching = self.watched.page, self.watched.folder_watching
        self.clips = FreeClipLinks(window, self)
        self.free_clips = self.clips.free_clips
        self.mimir_reminder = MimirReminder(window, self.tray)
        window.queue.editor.client_of = lambda: window.client  # the wizard asks the cost of a video on Pixop
        self.approval_prices = ApprovalPrices(window, self)
        self.library_actions = LibraryActions(window, self)
        self.previews = PreviewLinks(window, self)
        self.update_check = UpdateCheck(window, self.tray)  # at start and daily (Settings → Updates)

    # ----- presets --------------------------------------------------------------------------

    @Slot()
    def _fill_presets(self) -> None:
        try:
            from pixop_desktop.presets import list_presets

            names = [preset.name for preset in list_presets()]
        except Exception:  # a broken preset file must not stop the window
            log.warning("cannot list presets", exc_info=True)
            names = []
        self.window.intake_panel.set_presets(names)

    @Slot()
    def open_presets(self):
        """File → Presets…: after a change, the intake panel's list follows (the watched-folder
        rule dialog reads the presets each time it opens)."""
        dialog = PresetsDialog(self.window)
        dialog.presets_changed.connect(self._fill_presets)
        dialog.finished.connect(dialog.deleteLater)
        self.presets_dialog = dialog
        dialog.open()
        return dialog

    # ----- Settings -------------------------------------------------------------------------

    def _add_settings_action(self) -> None:
        window = self.window
        self.settings_action = QAction(self.tr("&Settings…"), window)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        if self.settings_action.shortcut().isEmpty():
            self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_settings)
        window.file_menu.insertAction(window.import_separator, self.settings_action)
        self.presets_action = QAction(self.tr("&Presets…"), window)
        self.presets_action.setStatusTip(self.tr("See, import, export and delete processing presets"))
        self.presets_action.triggered.connect(self.open_presets)
        window.file_menu.insertAction(window.import_separator, self.presets_action)

    @Slot()
    def open_settings(self):
        dialog = SettingsDialog(self.window.settings, self.window)
        self._add_integrations_page(dialog)
        dialog.applied.connect(self._settings_applied)
        dialog.open()
        return dialog

    def _add_integrations_page(self, dialog) -> None:
        """Settings → Integrations (Mimir), using the window's connection to Pixop."""
        try:
            dialog.integrations_page = dialog.add_page(
                IntegrationsPage(self.window.server.url, self._connected_client, team_id=self.window.team_id))
        except Exception:
            log.warning("the Integrations page failed to open", exc_info=True)

    def _connected_client(self):
        """The window's client (pool thread); a plain refusal while there is no connection."""
        client = self.window.client
        if client is None:
            raise NotConnected(self.tr("Not connected"),
                               self.tr("Connect to Pixop first (the account bar shows how it went)."))
        return client

    @Slot(object)
    def _settings_applied(self, settings) -> None:
        window = self.window
        old, window.settings = window.settings, settings
        self.tray.set_settings(settings)
        window.intake.settings_changed()  # the results folder shown under "After upload"
        limits_changed = (old.parallel_uploads, old.parallel_downloads) != (settings.parallel_uploads,
                                                                            settings.parallel_downloads)
        if limits_changed:
            window.restart_runner()  # the runner's pools are sized when it starts
        account = ("server", "email", "team_id", "use_builtin_sandbox")
        if any(getattr(old, name) != getattr(settings, name) for name in account):
            window.show_status(self.tr("The new account settings are used from the next start."))

    # ----- imports from a URL / S3 ------------------------------------------------------------------

    def _add_import_actions(self) -> None:
        window = self.window
        self.import_url_action = QAction(self.tr("Import from &URL…"), window)
        self.import_url_action.triggered.connect(self.import_from_url)
        self.import_s3_action = QAction(self.tr("Import from S&3…"), window)
        self.import_s3_action.triggered.connect(self.import_from_s3)
        window.file_menu.insertActions(window.import_separator, [self.import_url_action, self.import_s3_action])

    def _projects(self) -> list[tuple[str, str]]:
        return [(p.id, p.name or p.id) for p in self.window.projects]

    @Slot()
    def import_from_url(self):
        """File → Import from URL…: O's dialog; each accepted import becomes a job (Source.https)."""
        if not self._can_import():
            return None
        dialog = ImportUrlDialog(self.window, projects=self._projects())
        dialog.accepted.connect(self._url_accepted)
        self._dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def import_from_s3(self):
        """File → Import from S3…: O's dialog; one job per object key (Source.s3)."""
        if not self._can_import():
            return None
        client = self.window.client
        dialog = ImportS3Dialog(functools.partial(_input_locations, client), self.window, projects=self._projects())
        dialog.accepted.connect(self._s3_accepted)
        self._dialog = dialog
        dialog.open()
        return dialog

    def _can_import(self) -> bool:
        if self.window.client is None:
            self.window.show_status(self.tr("Connect to Pixop first, then import."))
            return False
        return True

    @Slot()
    def _url_accepted(self) -> None:
        params = getattr(self._dialog, "params", None)
        if params is not None:
            self._enqueue_imports([params])

    @Slot()
    def _s3_accepted(self) -> None:
        self._enqueue_imports(getattr(self._dialog, "imports", None) or [])

    def _enqueue_imports(self, imports) -> list[int]:
        """Jobs for imports (with every option the dialog took: name, CRC32C…); what happens after
        the import is the intake panel's "After upload" choice."""
        from pixop_desktop.imports.queueing import import_jobs

        base = self.window.intake.options_for_imports()
        if base is None:
            return []
        return self.window.intake.enqueue(import_jobs(imports, base))

    # ----- tray and closing -----------------------------------------------------------------------------

    def _add_tray(self) -> None:
        self.tray = TrayController(self.window.settings, self)
        self.tray.show_window_requested.connect(self.window.bring_to_front)
        self.tray.quit_requested.connect(self.window.quit_app)
        self.tray.notified.connect(self._notified)
        self.window.queue_actions.removed.connect(self.tray.jobs_removed)
        self.tray.show()

    @Slot(object)
    def _notified(self, note) -> None:
        # The title alone: the message tells someone away from the window to open it.
        self.window.show_status(note.title)  # already in the person's language (the tray made it)

    def jobs_reported(self, jobs: dict, progress: dict) -> None:
        """What the queue model's tick took from the runner (GUI thread)."""
        self.clips.jobs_reported(jobs)
        for job in jobs.values():
            self.tray.job_changed(job)
        if progress:
            self.tray.progress_of(progress)

    def close_verdict(self, *, quitting: bool) -> str:
        """"close", "tray" or "cancel" for closing the window now. Quitting (File → Quit, the tray's
        Quit) asks too while videos are on their way, when Settings says "Ask me"; a remembered
        "keep working in the tray" is about closing the window, not about an explicit Quit."""
        active = self.window.active_job_count()
        if active == 0:
            return "close"
        if quitting and self.window.settings.close_while_working is not CloseWhileWorking.ASK:
            return "close"
        before = self.window.settings.close_while_working
        choice = decide_close(self.window.settings, active, self.tray.available, self.window)
        if self.window.settings.close_while_working != before:
            save_settings(self.window.settings)
        if choice is CloseChoice.KEEP_IN_TRAY:
            QApplication.setQuitOnLastWindowClosed(False)
            self.window.show_status(self.tr("Still working in the tray."))
            return "tray"
        return "cancel" if choice is CloseChoice.CANCEL else "close"

    def runner_started(self, runner) -> None:
        self.watched.runner_started(runner)
        self.approval_prices.runner_started(runner)

    def runner_stopping(self) -> None:
        self.watched.runner_stopping()

    def shutdown(self) -> None:
        self.watched.shutdown()  # joins the watcher threads before the store closes
        self.clips.shutdown()
        self.approval_prices.shutdown()
        self.library_actions.shutdown()
        self.previews.shutdown()
        self.mimir_reminder.shutdown()
        self.update_check.shutdown()
        self.tray.icon.hide()
