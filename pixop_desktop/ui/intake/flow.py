"""From dropped paths to queued jobs, without blocking the window.

1. ``add_paths`` notes what the person chose *now* (a later change of the
   options must not change a drop already being checked) and checks the
   files on the window's background tasks (``pixop_desktop.intake``: expand
   folders, pre-flight-probe each file); each drop is its own task, answered
   to its own ``_probed`` call.
2. ``_probed`` (GUI thread) lists refusals in the non-blocking panel, works
   out the processing (on an install that skipped the welcome, first its
   question "What should Pixop do with your videos?"; then none, a preset,
   or the wizard opened with the first video's facts; a cancelled wizard
   asks whether to add them upload-only),
   asks before adding files the queue already has (``services.twins``: the
   same answer the command line gets), adds the jobs to the store and
   announces them (``jobs_added``).

It knows the store, the intake panel and the settings, and tells the window
what to show through its signals; dialogs open on ``parent_widget``.
"""

from __future__ import annotations

import functools
import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from pixop_desktop import intake
from pixop_desktop.errors import UserFacingError
from pixop_desktop.jobs.model import Job
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.services.twins import find_twins
from pixop_desktop.settings import Settings, SettingsError, save_settings
from pixop_desktop.ui.intake.outcome_question import ask_outcome
from pixop_desktop.ui.intake.panel import CHOOSE, NOTHING, PRESET, IntakePanel
from pixop_desktop.ui.intake.questions import ask_add_again, ask_add_without_processing
from pixop_desktop.ui.tasks import BackgroundTasks

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Pending:
    choice: str
    paths: tuple[str, ...]


class IntakeFlow(QObject):
    status = Signal(str)             # a line for the status bar
    problem = Signal(str, str)       # title, message: for the error banner
    refused = Signal(object)         # list of refusals of the last drop (may be empty)
    jobs_added = Signal(object)      # list[int]: ids now in the store

    def __init__(self, store: JobStore, panel: IntakePanel, settings: Callable[[], Settings],
                 tasks: BackgroundTasks, parent_widget: QWidget, *, server: str) -> None:
        super().__init__(parent_widget)
        self.store, self.panel, self._settings, self.tasks = store, panel, settings, tasks
        self.server = server  # the server root the window's runner works for: twins are per server
        self.parent_widget = parent_widget
        self._pending: set[int] = set()
        self._drops = itertools.count(1)
        self._cancel = threading.Event()
        self.added: list[int] = []  # ids of the jobs the last drop added (tests, screenshots)
        self._asking_outcome = False
        self._waiting: list[tuple[_Pending, intake.IntakeResult]] = []
        first = settings()
        panel.start_from(first.after_upload, first.download_folder)
        panel.choice_made.connect(self._remember_choice)
        panel.results_folder_chosen.connect(self._remember_results_folder)

    # ----- what the panel remembers ---------------------------------------------------------

    def settings_changed(self) -> None:
        """The Settings dialog saved new settings: show their results folder."""
        self.panel.set_results_folder(self._settings().download_folder)

    def _remember_choice(self, choice: str) -> None:
        self._save(after_upload=choice)

    def _remember_results_folder(self, folder: str) -> None:
        self._save(download_folder=folder)

    def _save(self, **changes) -> None:
        settings = self._settings()  # the window's own object: what it saves later keeps the change
        try:
            for name, value in changes.items():
                setattr(settings, name, value)
            save_settings(settings)
        except (OSError, ValueError, SettingsError) as exc:  # a full or read-only disk: still works this run
            log.warning("cannot save %s: %s", ", ".join(changes), exc)
            self.status.emit(self.tr("This choice is used now but could not be saved for the next start."))

    def add_paths(self, paths: list) -> None:
        paths = tuple(str(p) for p in paths)
        if not paths:
            return
        check = functools.partial(intake.intake, cancelled=self._cancel.is_set)
        drop = next(self._drops)
        pending = _Pending(self.panel.choice(), paths)
        self._pending.add(drop)
        self.tasks.run(("intake", drop), check, paths, on_done=functools.partial(self._probed, pending),
                       on_error=self._failed, on_finished=functools.partial(self._pending.discard, drop))
        self.status.emit(self.tr("Checking %n item(s)…", "", len(paths)))

    def cancel(self) -> None:
        self._cancel.set()

    def busy(self) -> bool:
        return bool(self._pending)

    def _failed(self, title: str, message: str) -> None:
        self.problem.emit(title, message)

    def _probed(self, pending: _Pending, result: intake.IntakeResult) -> None:
        if self._cancel.is_set():  # the window is closing
            return
        self.refused.emit(result.refused)
        if not result.accepted:
            self.status.emit(self.tr("No videos to add."))
            return
        if self._asking_outcome:  # another drop's question is open: this one follows its answer
            self._waiting.append((pending, result))
            return
        choice = self._first_choice(pending.choice)
        if choice is None:
            self.status.emit(self.tr("Nothing added: choose what Pixop should do with your videos first."))
            return
        media = list(result.accepted)
        options = self._options(choice, media[0], [item.path for item in media])
        if options is None and choice == CHOOSE and ask_add_without_processing(self.parent_widget, len(media)):
            options = self.panel.options()  # upload-only: the drop is not lost
        if options is None:
            self.status.emit(self.tr("Nothing added: no processing settings were chosen."))
            return
        media = self._without_unwanted_repeats(media, options)
        if not media:
            self.status.emit(self.tr("Nothing added: those videos are already in the queue."))
            return
        self.enqueue(intake.build_jobs(media, options))

    def _first_choice(self, choice: str) -> str | None:
        """``choice``, unless "After upload" was never chosen (the welcome was skipped): then the
        person's answer to the welcome's question, saved (None: they added nothing)."""
        if self._settings().after_upload:
            return choice
        self._asking_outcome = True
        try:
            answer = ask_outcome(self.parent_widget, self._settings().download_folder)
        finally:
            self._asking_outcome = False
        if answer is not None:
            self.panel.select_choice(answer)
            self._save(after_upload=answer)
        waiting, self._waiting = self._waiting, []
        # Drops made while the question was open take its answer, after this one.
        for pending, result in waiting if answer is not None else ():
            QTimer.singleShot(0, functools.partial(self._probed, _Pending(answer, pending.paths), result))
        return answer

    def _without_unwanted_repeats(self, media: list, options: intake.JobOptions) -> list:
        """Ask once whether files the queue already has go in again (a second upload); default: skip."""
        repeats = already_queued(self.store, media, options, self.server)
        if not repeats or ask_add_again(self.parent_widget, len(repeats)):
            return media
        skipped = {id(item) for item in repeats}
        return [item for item in media if id(item) not in skipped]

    def enqueue(self, jobs: list[Job]) -> list[int]:
        """Add jobs to the store and show them (also used by the URL / S3 import dialogs)."""
        if not jobs:
            return []
        ids = self.store.add_many(jobs)
        self.added = ids
        self.jobs_added.emit(ids)
        self.status.emit(self.tr("Added %n video(s) to the queue.", "", len(ids)))
        return ids

    def options_for_imports(self) -> intake.JobOptions | None:
        """The panel's choices for imports from a URL or S3 (no local file: the wizard has no facts)."""
        return self._options(self.panel.choice(), None)

    def _options(self, choice: str, first, files: list = ()) -> intake.JobOptions | None:
        """The job options for this drop; None when the person cancelled the wizard."""
        panel, settings = self.panel, self._settings()
        common = {"output_folder": settings.download_folder, "name_template": settings.file_name_template}
        if choice == NOTHING:
            return panel.options()
        if choice == CHOOSE:
            request = self._ask_wizard(first, files)
            return None if request is None else panel.options(processing=request.to_json(), **common)
        name = choice[len(PRESET):]
        try:
            from pixop_desktop.presets import get_preset

            preset = get_preset(name)
        except UserFacingError as exc:  # a deleted or broken preset file
            self.problem.emit(exc.title, exc.message)
            return None
        except Exception as exc:
            log.warning("cannot read preset %s", name, exc_info=True)
            self.problem.emit(self.tr("Preset not found"), str(exc))
            return None
        return panel.options(processing=preset.request.to_json(), preset=preset.name, **common)

    def _ask_wizard(self, first, files):
        from pixop_desktop.presets.source import source_info_from_file
        from pixop_desktop.ui.wizard import choose_processing

        if first is None:
            return choose_processing(self.parent_widget)
        try:
            source = source_info_from_file(first.path)
        except Exception:  # the file changed since the probe: the wizard still works without facts
            log.info("no source facts for %s", first.path, exc_info=True)
            source = None
        return choose_processing(self.parent_widget, source=source, files=[str(path) for path in files])


def already_queued(store: JobStore, media: list, options: intake.JobOptions, server: str) -> list:
    """The probed files (``LocalMedia``) that have a twin in the queue (``services.twins``: the same file
    on ``server`` still on its way — failed included, a retry costs less than a second upload — or done
    with the same options); the window asks before adding those again."""
    twins = find_twins(store, intake.build_jobs(media, options), server)
    return [item for item, twin in zip(media, twins) if twin is not None]
