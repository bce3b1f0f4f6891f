"""What the Library's buttons do: download a video's original or result, or process it again.

Downloads run on a pool thread (``BackgroundTasks``, one kind per video and side, so two
videos download side by side) into the downloads folder of Settings; the status bar says
where it went. Processing asks for a preset with the estimate first (``ProcessVideoDialog``),
then adds a queue job for the existing video (``services.library.processing_job``): the queue
orders it, follows it and downloads the result like any other job.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QDialog

from pixop_desktop.services.library import download_video, key_only_refusal, processing_job
from pixop_desktop.ui.library.process_dialog import ProcessVideoDialog
from pixop_desktop.ui.tasks import BackgroundTasks


class LibraryActions(QObject):
    """Hangs the Library's downloads and processing on the main window (its public side only)."""

    def __init__(self, window: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.tasks = BackgroundTasks(self, max_threads=2)
        self.dialog: ProcessVideoDialog | None = None
        window.library.download_requested.connect(self.download)
        window.library.process_requested.connect(self.process)

    @Slot(object, bool)
    def download(self, video: Any, original: bool) -> None:
        client = self.window.client
        if client is None:
            self.window.show_status(self.tr("Connect to Pixop first, then download the video."))
            return
        name = video.name or video.filename or video.id
        folder = self.window.settings.download_folder
        self.window.show_status(self.tr("Downloading “{name}”…").format(name=name))
        self.tasks.run(("download", video.id, original), download_video, client, video.id, folder, original,
                       on_done=lambda path: self.window.show_status(self.tr("Saved “{name}” as {path}").format(
                           name=name, path=path)),
                       on_error=lambda title, message: self.window.show_status(f"{title} — {message}"))

    @Slot(object)
    def process(self, video: Any) -> None:
        """Ask for the preset (with its estimate), then queue the processing of the video."""
        self.dialog = ProcessVideoDialog(video, lambda: self.window.client, self.window)
        self.dialog.setModal(True)
        self.dialog.finished.connect(self._dialog_finished)
        self.dialog.open()

    @Slot(int)
    def _dialog_finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None or result != QDialog.DialogCode.Accepted or dialog.chosen_preset() is None:
            return
        preset = dialog.chosen_preset()
        if key_only_refusal(self.window.client, preset.request.to_json()):
            return  # the dialog said why and kept "Process" off: never order what cannot be followed
        job = processing_job(dialog.video, preset.request.to_json(), preset=preset.name,
                             output_folder=self.window.settings.download_folder, server=self.window.server.url)
        [job_id] = self.window.store.add_many([job])
        self.window.queue_model.refresh_jobs([job_id])
        self.window.show_status(self.tr("Added to the queue: Pixop will process “{name}”.").format(
            name=job.source.file_name))
        dialog.deleteLater()

    def shutdown(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()
        self.tasks.shutdown()
