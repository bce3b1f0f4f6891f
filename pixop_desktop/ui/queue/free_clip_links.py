"""The free clip of an import, as the main window shows it: the queue's Result column, the details
panel's buttons, Download Free Clip, and a few late looks for a clip Pixop listed after the import ended.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QMainWindow

from pixop_desktop.jobs.model import Job, JobNotFound
from pixop_desktop.ui.queue.free_clips import FreeClips


class FreeClipLinks(QObject):

    def __init__(self, window: QMainWindow, parent: QObject | None = None) -> None:
        """``window`` is the MainWindow."""
        super().__init__(parent)
        self.window = window
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

    def jobs_reported(self, jobs: dict) -> None:
        """What the queue model's tick took from the runner: ended imports may still get their clip."""
        self._watch_for_clips(jobs.values())

    def shutdown(self) -> None:
        self.free_clips.shutdown()
