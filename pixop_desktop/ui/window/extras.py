"""The main window's links to the other parts of the app: tray, Settings, presets, imports, watched folders.

Kept out of ``main_window`` so the window stays about the queue. Parts built
by other modules are looked up when the window opens; one that is missing
(or fails to load) leaves its menu entry out and is logged, never stopping
the window.
"""

from __future__ import annotations

import functools
import importlib
import itertools
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence

from pixop_desktop.jobs.model import Job, JobNotFound
from pixop_desktop.settings import save_settings

if TYPE_CHECKING:
    from pixop_desktop.ui.window.main_window import MainWindow

log = logging.getLogger(__name__)


def _optional(module: str, name: str):
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        log.info("%s.%s is not available: %s", module, name, exc)
        return None


def _input_locations(client) -> list:
    """Blocking (O's dialog runs it on a pool thread): the team's S3 input locations."""
    return list(itertools.islice(client.imports.iter_input_locations(), 500))


class NotConnected(Exception):
    def __init__(self, title: str, message: str) -> None:
        super().__init__(f"{title}: {message}")
        self.title, self.message = title, message


class WindowExtras(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.tray = None
        self.watch_page = None
        self.folder_watching = None
        self._fill_presets()
        self._add_settings_action()
        self._add_import_actions()
        self._add_tray()
        self._add_watch_page()
        self._add_free_clips()
        reminder_class = _optional("pixop_desktop.ui.settings.mimir_reminder", "MimirReminder")  # issue 8
        self.mimir_reminder = reminder_class(window, self.tray) if reminder_class else None

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
        from pixop_desktop.ui.presets.dialog import PresetsDialog

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
        dialog_class = _optional("pixop_desktop.ui.settings", "SettingsDialog")
        if dialog_class is None:
            return None
        dialog = dialog_class(self.window.settings, self.window)
        self._add_integrations_page(dialog)
        dialog.applied.connect(self._settings_applied)
        dialog.open()
        return dialog

    def _add_integrations_page(self, dialog) -> None:
        """Settings → Integrations (Mimir), using the window's connection to Pixop."""
        page_class = _optional("pixop_desktop.ui.settings.integrations_page", "IntegrationsPage")
        if page_class is None:
            return
        try:
            dialog.integrations_page = dialog.add_page(
                page_class(self.window.server.url, self._connected_client, team_id=self.window._team_id))
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
        if self.tray is not None:
            self.tray.set_settings(settings)
        limits_changed = (old.parallel_uploads, old.parallel_downloads) != (settings.parallel_uploads,
                                                                            settings.parallel_downloads)
        if limits_changed and window.runner is not None and window.client is not None:
            window._start_runner(window.client)  # the runner's pools are sized when it starts
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
        return [(p.id, p.name or p.id) for p in getattr(self.window, "_projects", [])]

    @Slot()
    def import_from_url(self):
        """File → Import from URL…: O's dialog; each accepted import becomes a job (Source.https)."""
        dialog_class = _optional("pixop_desktop.ui.imports", "ImportUrlDialog")
        if not self._can_import(dialog_class):
            return None
        dialog = dialog_class(self.window, projects=self._projects())
        dialog.accepted.connect(self._url_accepted)
        self._dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def import_from_s3(self):
        """File → Import from S3…: O's dialog; one job per object key (Source.s3)."""
        dialog_class = _optional("pixop_desktop.ui.imports", "ImportS3Dialog")
        if not self._can_import(dialog_class):
            return None
        client = self.window.client
        dialog = dialog_class(functools.partial(_input_locations, client), self.window, projects=self._projects())
        dialog.accepted.connect(self._s3_accepted)
        self._dialog = dialog
        dialog.open()
        return dialog

    def _can_import(self, dialog_class) -> bool:
        if dialog_class is None or self.window.client is None:
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

    # ----- watched folders ------------------------------------------------------------------------------

    def _add_watch_page(self) -> None:
        page_class = _optional("pixop_desktop.ui.watch.page", "WatchPage")
        if page_class is None:
            return
        try:
            self.watch_page = page_class(self.window.store, parent=self.window)
        except Exception:
            log.warning("the Watched folders page failed to open", exc_info=True)
            return
        self.window.tabs.addTab(self.watch_page, self.tr("&Watched folders"))
        self.watch_page.rulesChanged.connect(self.window.queue_model.set_rules)  # the "Made by" column
        self._start_folder_watching()

    def _start_folder_watching(self) -> None:
        """The saved rules run while the window is open (jobs wait in the queue until connected)."""
        from pixop_desktop.ui.watch.folder_watching import FolderWatching

        self.folder_watching = FolderWatching(self.window.store, self.watch_page.rules(), self)
        self.watch_page.rulesChanged.connect(self.folder_watching.set_rules)
        self.folder_watching.event.connect(self._watch_event)
        self.folder_watching.start()

    @Slot(object)
    def _watch_event(self, event) -> None:
        from pixop_desktop.ui.watch.folder_watching import failure_notification, status_text

        rule = next((r for r in self.watch_page.rules() if r.id == event.rule_id), None)
        name = rule.display_name if rule is not None else event.rule_id
        text = status_text(event, name)
        if text:
            self.window.show_status(text)
        note = failure_notification(event, name)  # a file that failed without ever becoming a job
        if note is not None and self.tray is not None and self.tray.settings.notify_on_failure:
            self.tray.show_notification(note)

    def runner_started(self, runner) -> None:
        """A (re)connected runner: a rule's finished job is followed up at once (Done/, Failed/)."""
        if self.folder_watching is not None:
            self.folder_watching.attach_runner(runner)

    def runner_stopping(self) -> None:
        if self.folder_watching is not None:
            self.folder_watching.detach_runner()

    # ----- the free clip of an import ------------------------------------------------------------------

    def _add_free_clips(self) -> None:
        from pixop_desktop.ui.queue.free_clips import FreeClips

        window = self.window
        self.free_clips = FreeClips(lambda: window.client, self._clip_folder, self)
        window.queue.free_clip_requested.connect(self.download_free_clip)
        window.details.clip_download_requested.connect(self.download_clip)
        window.details.derived_seen.connect(self._derived_seen)
        self.free_clips.saved.connect(self._clip_saved)
        self.free_clips.failed.connect(self._clip_failed)
        self.free_clips.found.connect(self._clip_found)
        QTimer.singleShot(0, self, self._watch_recent_imports)  # after the window read the queue

    def _clip_folder(self, job: Job) -> Path:
        return Path(job.output_folder or self.window.settings.download_folder)

    def _watch_for_clips(self, jobs) -> None:
        """Imports that ended before Pixop listed their free clip: look again a few times."""
        for job in jobs:
            self.free_clips.watch(job)  # it says no to anything but such an import

    @Slot()
    def _watch_recent_imports(self) -> None:
        """At start: imports that ended shortly before the app last closed may still get their clip."""
        since = time.time() - sum(self.free_clips.RECHECK_DELAYS_MS) / 1000
        self._watch_for_clips(job for job in self.window.queue_model.all_jobs()
                              if job.finished_at is not None and job.finished_at >= since)

    @Slot(int, str)
    def _clip_found(self, job_id: int, clip_id: str) -> None:
        """A late look found the clip: record it, so the row says so now and after a restart."""
        try:
            job = self.window.store.set_free_clip(job_id, clip_id)
        except JobNotFound:
            return  # removed from the queue meanwhile
        self.window.queue_model.apply_jobs([job])

    @Slot(object)
    def download_free_clip(self, job: Job) -> None:
        current = self.window.queue_model.job(job.id) or job
        self.download_clip(current, current.free_clip_id or "")

    @Slot(object, str)
    def download_clip(self, job: Job, clip_id: str) -> None:
        if self.free_clips.download(job, clip_id or None):
            self.window.queue_model.set_clip_note(job.id, self.tr("Fetching free clip…"))
        elif self.window.client is None:
            self.window.show_status(self.tr("Connect to Pixop first, then download the clip."))

    @Slot(int, int)
    def _derived_seen(self, job_id: int, count: int) -> None:
        if count and not self.window.queue_model.clip_note(job_id):
            self.window.queue_model.set_clip_note(job_id, self.tr("Free clip ready"))

    @Slot(int, str)
    def _clip_saved(self, job_id: int, path: str) -> None:
        self.window.queue_model.set_clip_note(job_id, self.tr("Free clip saved"))
        self.window.show_status(self.tr("Free clip saved as {path}").format(path=path))

    @Slot(int, str, str)
    def _clip_failed(self, job_id: int, title: str, message: str) -> None:
        self.window.queue_model.set_clip_note(job_id, title)
        self.window.show_status(f"{title} — {message}")

    # ----- tray and closing -----------------------------------------------------------------------------

    def _add_tray(self) -> None:
        tray_class = _optional("pixop_desktop.ui.window.tray", "TrayController")
        if tray_class is None:
            return
        self.tray = tray_class(self.window.settings, self)
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
        self._watch_for_clips(jobs.values())
        if self.tray is None:
            return
        for job in jobs.values():
            self.tray.job_changed(job)
        for job_id, counters in progress.items():
            self.tray.progress(job_id, counters)

    def close_verdict(self, *, quitting: bool) -> str:
        """"close", "tray" or "cancel" for closing the window now (File → Quit always closes)."""
        active = self.window.active_job_count()
        if quitting or active == 0 or self.tray is None:
            return "close"
        from pixop_desktop.ui.window.tray import CloseChoice, decide_close

        before = self.window.settings.close_while_working
        choice = decide_close(self.window.settings, active, self.tray.available, self.window)
        if self.window.settings.close_while_working != before:
            save_settings(self.window.settings)
        if choice is CloseChoice.KEEP_IN_TRAY:
            from PySide6.QtWidgets import QApplication

            QApplication.setQuitOnLastWindowClosed(False)
            self.window.show_status(self.tr("Still working in the tray."))
            return "tray"
        return "cancel" if choice is CloseChoice.CANCEL else "close"

    def shutdown(self) -> None:
        if self.folder_watching is not None:
            self.folder_watching.shutdown()  # joins the watcher threads before the store closes
        self.free_clips.shutdown()
        if self.mimir_reminder is not None:
            self.mimir_reminder.shutdown()
        if self.tray is not None:
            self.tray.icon.hide()
