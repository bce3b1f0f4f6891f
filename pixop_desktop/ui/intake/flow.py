"""From dropped paths to queued jobs, without blocking the window.

1. ``add_paths`` notes what the person chose *now* (a later change of the
   options must not change a drop already being checked) and checks the
   files on the window's thread pool (``pixop_desktop.intake``: expand folders,
   pre-flight-probe each file).
2. ``probed`` (GUI thread) lists refusals in the non-blocking panel, works
   out the processing (none, a preset, or the wizard opened with the first
   video's facts; a cancelled wizard asks whether to add them upload-only),
   asks before adding files the queue already has, adds the jobs to the store
   and shows them in the queue.
"""

from __future__ import annotations

import functools
import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from pixop_desktop import intake
from pixop_desktop.jobs.model import Job
from pixop_desktop.ui.intake.panel import CHOOSE, NOTHING, PRESET
from pixop_desktop.ui.intake.questions import already_queued, ask_add_again, ask_add_without_processing

if TYPE_CHECKING:
    from pixop_desktop.ui.window.main_window import MainWindow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Pending:
    choice: str
    paths: tuple[str, ...]


class IntakeFlow(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._pending: dict[tuple, _Pending] = {}
        self._cancel = threading.Event()
        self.added: list[int] = []  # ids of the jobs the last drop added (tests, screenshots)

    def add_paths(self, paths: list) -> None:
        paths = tuple(str(p) for p in paths)
        if not paths:
            return
        check = functools.partial(intake.intake, cancelled=self._cancel.is_set)
        tag = self.window.start_task("intake", check, paths)
        self._pending[tag] = _Pending(self.window.intake_panel.choice(), paths)
        self.window.show_status(self.tr("Checking %n item(s)…", "", len(paths)))

    def cancel(self) -> None:
        self._cancel.set()

    def busy(self) -> bool:
        return bool(self._pending)

    def failed(self, tag, title: str, message: str) -> None:
        self._pending.pop(tag, None)
        self.window.error_banner.show_error(title, message)

    def probed(self, tag, result: intake.IntakeResult) -> None:
        pending = self._pending.pop(tag, None)
        if pending is None or self.window._shut_down:
            return
        self.window.refused_panel.show_refusals(result.refused)
        if not result.accepted:
            self.window.show_status(self.tr("No videos to add."))
            return
        media = list(result.accepted)
        options = self._options(pending.choice, media[0])
        if options is None and pending.choice == CHOOSE and ask_add_without_processing(self.window, len(media)):
            options = self.window.intake_panel.options()  # upload-only: the drop is not lost
        if options is None:
            self.window.show_status(self.tr("Nothing added: no processing settings were chosen."))
            return
        media = self._without_unwanted_repeats(media, options)
        if not media:
            self.window.show_status(self.tr("Nothing added: those videos are already in the queue."))
            return
        self.enqueue(intake.build_jobs(media, options))

    def _without_unwanted_repeats(self, media: list, options: intake.JobOptions) -> list:
        """Ask once whether files the queue already has go in again (a second upload); default: skip."""
        repeats = already_queued(self.window.store, media, options.processing)
        if not repeats or ask_add_again(self.window, len(repeats)):
            return media
        skipped = {id(item) for item in repeats}
        return [item for item in media if id(item) not in skipped]

    def enqueue(self, jobs: list[Job]) -> list[int]:
        """Add jobs to the store and show them (also used by the URL / S3 import dialogs)."""
        if not jobs:
            return []
        ids = self.window.store.add_many(jobs)
        self.added = ids
        self.window.queue_model.refresh_jobs(ids)
        self.window.show_status(self.tr("Added %n video(s) to the queue.", "", len(ids)))
        return ids

    def options_for_imports(self) -> intake.JobOptions | None:
        """The panel's choices for imports from a URL or S3 (no local file: the wizard has no facts)."""
        return self._options(self.window.intake_panel.choice(), None)

    def _options(self, choice: str, first) -> intake.JobOptions | None:
        """The job options for this drop; None when the person cancelled the wizard."""
        panel, settings = self.window.intake_panel, self.window.settings
        common = {"output_folder": settings.download_folder, "name_template": settings.file_name_template}
        if choice == NOTHING:
            return panel.options()
        if choice == CHOOSE:
            request = self._ask_wizard(first)
            return None if request is None else panel.options(processing=request.to_json(), **common)
        name = choice[len(PRESET):]
        try:
            from pixop_desktop.presets import get_preset

            preset = get_preset(name)
        except Exception as exc:  # a deleted or broken preset file
            self.window.error_banner.show_error(getattr(exc, "title", self.tr("Preset not found")),
                                                getattr(exc, "message", str(exc)))
            return None
        return panel.options(processing=preset.request.to_json(), preset=preset.name, **common)

    def _ask_wizard(self, first):
        from pixop_desktop.presets.source import source_info_from_file
        from pixop_desktop.ui.wizard import choose_processing

        if first is None:
            return choose_processing(self.window)
        try:
            source = source_info_from_file(first.path)
        except Exception:  # the file changed since the probe: the wizard still works without facts
            log.info("no source facts for %s", first.path, exc_info=True)
            source = None
        return choose_processing(self.window, source=source)
