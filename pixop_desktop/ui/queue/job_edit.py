"""Queue → Change processing…: edit a queued job's processing in the wizard until processing starts.

The wizard opens pre-filled with the job's current request and, for a file on
this computer, knows the source (probed off the GUI thread first, so the
window never waits on a slow disk). The result is saved with
``JobStore.set_processing``, which refuses once Pixop has started processing
(the job may have moved on while the wizard was open): the refusal is shown
in plain words and nothing changes.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from pixop_desktop.errors import UserFacingError
from pixop_desktop.processing import SourceInfo
from pixop_desktop.jobs.model import Job, JobNotFound, SourceKind
from pixop_desktop.jobs.store import JobStore, ProcessingLocked, processing_lock_reason
from pixop_desktop.ui.tasks import BackgroundTasks


log = logging.getLogger(__name__)


def can_change_processing(job: Job) -> bool:
    return processing_lock_reason(job) is None


def source_info_of(job: Job) -> SourceInfo | None:
    """Blocking (pool thread): the local source's SourceInfo; None for imports or an unreadable file."""
    if job.source.kind is not SourceKind.LOCAL or not job.source.path:
        return None
    from pixop_desktop.presets.source import source_info_from_file

    try:
        return source_info_from_file(job.source.path)
    except Exception as exc:  # moved, unreadable …: the wizard still works, without the source's facts
        log.info("no source facts for job %s: %s", job.id, exc)
        return None


class ProcessingEditor(QObject):
    """Opens the wizard for one job at a time; ``saved(Job)`` once the store has the new request."""

    saved = Signal(object)
    refused = Signal(str, str)  # title, message

    def __init__(self, store: JobStore, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.store, self.parent_widget = store, parent_widget
        self.client_of: Callable[[], Any] | None = None  # the window's connection, for the cost estimate
        self.wizard = None
        self.job: Job | None = None
        self.tasks = BackgroundTasks(self, max_threads=1)
        self.refused.connect(self._show_refusal)

    def edit(self, job_id: int) -> None:
        """Probe the job's source (off the GUI thread), then open the pre-filled wizard."""
        try:
            job = self.store.get(job_id)
        except JobNotFound:
            return
        if reason := processing_lock_reason(job):
            self.refused.emit(self.tr("The processing cannot be changed"), self.tr(reason))
            return
        self.tasks.run("probe", source_info_of, job, on_done=functools.partial(self._probed, job_id))

    def _probed(self, job_id: int, source) -> None:
        from pixop_desktop.ui.wizard import ProcessingWizard

        self.job = self.store.get(job_id)
        wizard = ProcessingWizard(self.parent_widget, source=source, files=[self.job.source.file_name])
        if self.job.video_id and self.client_of is not None:  # on Pixop already: it can say the cost
            from pixop_desktop.ui.wizard.estimate import WizardEstimate

            WizardEstimate(wizard, self.client_of, self.job.video_id)
        wizard.setWindowTitle(self.tr("Change processing — {name}").format(name=self.job.source.file_name))
        wizard.load_request(self.job.processing or {}, self.job.preset)
        wizard.accepted.connect(self._accepted)
        wizard.finished.connect(self._closed)
        self.wizard = wizard
        wizard.open()

    @Slot()
    def _closed(self) -> None:
        wizard, self.wizard = self.wizard, None
        if wizard is not None:
            wizard.deleteLater()

    @Slot()
    def _accepted(self) -> None:
        wizard, job = self.wizard, self.job
        if wizard is None or job is None or wizard.request() is None:
            return
        try:
            changed = self.store.set_processing(job.id, wizard.request(), wizard.chosen_preset_name())
        except (ProcessingLocked, JobNotFound) as exc:  # it moved on while the wizard was open
            message = exc.message if isinstance(exc, UserFacingError) else str(exc)
            self.refused.emit(self.tr("The processing cannot be changed"), message)
            return
        self.saved.emit(changed)

    @Slot(str, str)
    def _show_refusal(self, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, message, QMessageBox.StandardButton.Ok,
                          self.parent_widget)
        box.setAccessibleName(title)
        box.finished.connect(box.deleteLater)
        box.open()

    def shutdown(self) -> None:
        self.tasks.shutdown()
