"""Preview 10 Seconds in the main window: the queue's action, the details panel's button, the wait, the viewer.

A person picks a video that waits for approval (or any video on Pixop with processing)
and asks for a preview; Pixop processes 10 seconds of it with the job's settings — a
separate, small order it charges for like any processing, as the button says — in a pool
thread (``services.preview.make_preview``) while a progress dialog says what happens and
can stop the wait. The viewer then offers "Process the whole video" (the queue's Approve)
and "Try other settings" (the queue's Change Processing…). It uses only the window's
public side: ``queue``, ``queue_model``, ``details``, ``client``, ``store``, ``show_status``.
"""

from __future__ import annotations

import functools
import logging
import threading

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QProgressDialog, QPushButton

from pixop_desktop.jobs.model import Job, State
from pixop_desktop.jobs.preview_files import prune_once
from pixop_desktop.services.preview import PreviewCancelled, make_preview, unavailable_reason
from pixop_desktop.ui.tasks import BackgroundTasks
from pixop_desktop.ui.translations import core_text

log = logging.getLogger(__name__)
_CONTEXT = "Preview"


def _make(client, store, job: Job, report, stop: threading.Event):
    """Pool thread: the preview, or None when the person stopped waiting."""
    try:
        return make_preview(client, store, job, report=report, cancelled=stop.is_set)
    except PreviewCancelled:
        return None


class PreviewLinks(QObject):
    progressed = Signal(str, object)  # from the pool thread: what happens, percent or None
    opened = Signal(object)           # the viewer, once shown (tests and screenshots find it here)

    def __init__(self, window: QMainWindow, parent: QObject | None = None) -> None:
        """``window`` is the MainWindow."""
        super().__init__(parent)
        self.window = window
        self.tasks = BackgroundTasks(self, max_threads=1)
        self.viewer = None
        self.waiting: QProgressDialog | None = None
        self._stop = threading.Event()
        self.progressed.connect(self._progressed)
        self.action = self._make_action()
        self.button = self._make_button()
        for changed in (window.queue.current_job_changed, window.queue_model.dataChanged,
                        window.queue_model.modelReset):
            changed.connect(self._update)
        self._update()
        # Old previews go at start-up, off the GUI thread (a preview asked meanwhile waits its turn).
        self.tasks.run("tidy", prune_once, window.store)

    # ----- the entry points ---------------------------------------------------------------

    def _cost_note(self) -> str:
        return self.tr("Pixop processes 10 seconds of the video with its settings, so you can compare before "
                       "approving. Pixop charges for these 10 seconds like any processing.")

    def _make_action(self) -> QAction:
        queue = self.window.queue
        action = QAction(self.tr("Pre&view 10 Seconds…"), queue)
        action.setShortcut(QKeySequence("Ctrl+Shift+V"))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setStatusTip(self._cost_note())
        action.setToolTip(self._cost_note())
        action.triggered.connect(self._preview_selected)
        queue.addAction(action)
        queue.extra_actions.append((action, self._applies))  # the queue's right-click menu and updates
        self.window.queue_menu.addAction(action)
        return action

    def _make_button(self) -> QPushButton:
        button = QPushButton(self.tr("Preview 10 seconds (charged)…"))
        button.setAccessibleName(self.tr("Preview 10 seconds"))
        button.setToolTip(self._cost_note())
        button.clicked.connect(self._preview_shown)
        self.window.details.layout().addWidget(button)
        return button

    def _selected(self) -> Job | None:
        jobs = self.window.queue.selected_jobs()
        return jobs[0] if len(jobs) == 1 else None

    def _applies(self, jobs: list[Job]) -> bool:
        """The queue's action: one selected job a preview can be made of (asked as the queue's own are)."""
        return len(jobs) == 1 and unavailable_reason(jobs[0]) is None and self.waiting is None

    @Slot()
    def _update(self, *_args) -> None:
        """The details panel's button: enabled for a job a preview can be made of; the tooltip says why not."""
        job = self._current(self.window.details.job)
        reason = unavailable_reason(job) if job is not None else None
        self.button.setEnabled(job is not None and reason is None and self.waiting is None)
        self.button.setToolTip(core_text(_CONTEXT, reason) if reason else self._cost_note())
        self.button.setVisible(job is not None)

    def _current(self, job: Job | None) -> Job | None:
        return self.window.queue_model.job(job.id) if job is not None else None

    @Slot()
    def _preview_selected(self) -> None:
        if (job := self._selected()) is not None:
            self.preview(job.id)

    @Slot()
    def _preview_shown(self) -> None:
        if self.window.details.job is not None:
            self.preview(self.window.details.job.id)

    # ----- making it ------------------------------------------------------------------------

    def preview(self, job_id: int) -> None:
        job = self.window.queue_model.job(job_id)
        client = self.window.client
        if job is None or self.waiting is not None:
            return
        if client is None:
            self.window.show_status(self.tr("Connect to Pixop first, then ask for the preview."))
            return
        self._stop = threading.Event()
        self.waiting = self._progress_dialog(job)
        report = lambda text, percent: self.progressed.emit(text, percent)  # noqa: E731
        self.tasks.run("preview", _make, client, self.window.store, job, report, self._stop,
                       on_done=functools.partial(self._made, job_id), on_error=self._failed,
                       on_finished=self._ended)
        self._update()

    def _progress_dialog(self, job: Job) -> QProgressDialog:
        dialog = QProgressDialog(self.tr("Asking Pixop for a 10-second preview of {name}…")
                                 .format(name=job.source.file_name), self.tr("Stop waiting"), 0, 0, self.window)
        dialog.setWindowTitle(self.tr("Preview 10 seconds"))
        dialog.setAccessibleName(self.tr("Making the preview"))
        dialog.setProperty("videoName", job.source.file_name)
        dialog.setMinimumDuration(0)
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.canceled.connect(self._stop.set)
        dialog.show()
        return dialog

    @Slot(str, object)
    def _progressed(self, text: str, percent) -> None:
        if self.waiting is None:
            return
        name = self.waiting.property("videoName")
        self.waiting.setLabelText(f"{name}\n{core_text(_CONTEXT, text)}")
        if percent is not None:
            self.waiting.setRange(0, 100)
            self.waiting.setValue(int(percent))

    def _ended(self) -> None:
        if self.waiting is not None:
            self.waiting.canceled.disconnect()
            self.waiting.close()
            self.waiting.deleteLater()
            self.waiting = None
        self._update()

    def _failed(self, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, core_text(_CONTEXT, title), core_text(_CONTEXT, message),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setAccessibleName(core_text(_CONTEXT, title))
        box.finished.connect(box.deleteLater)
        box.open()

    def _made(self, job_id: int, preview) -> None:
        if preview is None:  # stopped waiting: the order is kept, asking again picks it up
            self.window.show_status(self.tr("Stopped waiting for the preview. Ask again to pick it up."))
            return
        from pixop_desktop.ui.preview.viewer import PreviewViewer

        job = self.window.queue_model.job(job_id)
        waits = job is not None and job.state is State.NEEDS_APPROVAL
        name = job.source.file_name if job is not None else ""
        viewer = PreviewViewer(preview, name, can_process=waits, parent=self.window)
        viewer.process_whole.connect(self._process_whole)
        viewer.other_settings.connect(self._other_settings)
        viewer.finished.connect(viewer.deleteLater)
        self.viewer = viewer
        viewer.open()
        self.opened.emit(viewer)

    # ----- the viewer's answers -----------------------------------------------------------------

    @Slot(int)
    def _process_whole(self, job_id: int) -> None:
        if self.window.queue.actions.approve([job_id]):
            self.window.show_status(self.tr("Approved: Pixop processes the whole video."))

    @Slot(int)
    def _other_settings(self, job_id: int) -> None:
        self.window.queue.editor.edit(job_id)

    def shutdown(self) -> None:
        self._stop.set()
        if self.viewer is not None:
            try:
                self.viewer.done(0)
            except RuntimeError:  # already deleted with its window
                pass
        self.tasks.shutdown()
