"""What a person can do to selected jobs, and when each action makes sense.

The actions only call the queue's own operations (the runner when it runs,
``jobs.control`` on the store otherwise — the same functions the CLI uses)
and hand the changed jobs to the model at once, so the row changes on the
click, not on the next tick. Nothing here blocks on the network.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QToolButton

from pixop_desktop.jobs import control
from pixop_desktop.jobs.reorder import orders_again
from pixop_desktop.jobs.model import FINAL_STATES, IllegalTransition, InvalidJob, Job, JobNotFound, State
from pixop_desktop.jobs.store import JobStore, processing_lock_reason
from pixop_desktop.services.words import pixop_is_processing
from pixop_desktop.ui.queue import results
from pixop_desktop.ui.queue.free_clips import may_have_free_clip
from pixop_desktop.ui.queue.results import finished_file
from pixop_desktop.ui.queue.model import QueueModel
from pixop_desktop.ui.queue.action_table import ACTIONS, ORDER_AGAIN

log = logging.getLogger(__name__)

# Which selected jobs each action applies to; an action is enabled when one selected job qualifies.
APPLIES: dict[str, Callable[[Job], bool]] = {
    "pause": lambda job: job.state in (State.QUEUED, State.RUNNING),
    "resume": lambda job: job.state is State.PAUSED,
    "retry": lambda job: job.state is State.FAILED,
    "cancel": lambda job: job.state not in FINAL_STATES,
    "remove": lambda job: job.state is not State.RUNNING,
    "move_up": lambda job: True,
    "move_down": lambda job: True,
    "approve": lambda job: job.state is State.NEEDS_APPROVAL,
    "reject": lambda job: job.state is State.NEEDS_APPROVAL,
    "open_folder": lambda job: bool(job.output_path or job.output_folder),
    "play": lambda job: finished_file(job) is not None,
    "show_in_folder": lambda job: finished_file(job) is not None,
    "details": lambda job: True,
    "change_processing": lambda job: processing_lock_reason(job) is None,
    "download_free_clip": may_have_free_clip,
}


_RETRY = next((label, tip) for name, label, _keys, tip in ACTIONS if name == "retry")


def word_retry(action: QAction, jobs: Iterable[Job], tr: Callable[[str], str]) -> None:
    """Retry reads "Order Again" while a selected job's processing was ended by Pixop: for such a
    job retrying orders the processing again instead of waiting on the order that ended."""
    label, tip = ORDER_AGAIN if any(map(orders_again, jobs)) else _RETRY
    if action.text() == tr(label):
        return
    action.setText(tr(label))
    action.setStatusTip(tr(tip))
    action.setToolTip(f"{tr(tip)} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
    for button in action.associatedObjects():  # the toolbar's button: screen readers say the new words
        if isinstance(button, QToolButton):
            button.setAccessibleName(tr(label).replace("&", ""))


def output_folder_of(job: Job) -> Path | None:
    if job.output_path:
        return Path(job.output_path).parent
    return Path(job.output_folder) if job.output_folder else None


class QueueActions(QObject):
    """Runs queue actions on job ids; ``message(text)`` tells the window what could not be done."""

    message = Signal(str)
    removed = Signal(list)  # ids of jobs just removed from the queue (the tray forgets their batch)

    def __init__(self, store: JobStore, model: QueueModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store, self.model = store, model
        self.runner = None  # set by the window once connected; control.* works without it

    def applicable(self, name: str, jobs: Iterable[Job]) -> list[Job]:
        return [job for job in jobs if APPLIES[name](job)]

    # ----- state changes -------------------------------------------------------------------

    def pause(self, ids: Iterable[int]) -> list[Job]:
        """Never a job Pixop is processing: that would show "Paused" while the work and its cost go on."""
        ids = [i for i in ids if (job := self.model.job(i)) is not None and not pixop_is_processing(job)]
        return self._each(ids, "pause", lambda r, i: r.pause(i), control.pause)

    def resume(self, ids: Iterable[int]) -> list[Job]:
        return self._each(ids, "resume", lambda r, i: r.resume(i), control.resume)

    def retry(self, ids: Iterable[int]) -> list[Job]:
        return self._each(ids, "retry", lambda r, i: r.retry_job(i), control.retry)

    def cancel(self, ids: Iterable[int]) -> list[Job]:
        return self._each(ids, "cancel", lambda r, i: r.cancel(i), control.cancel)

    def approve(self, ids: Iterable[int]) -> list[Job]:
        return self._each(ids, "approve", lambda r, i: r.approve(i), control.approve)

    def reject(self, ids: Iterable[int]) -> list[Job]:
        return self._each(ids, "reject", lambda r, i: r.reject(i), control.reject)

    def _each(self, ids, name: str, with_runner, with_store) -> list[Job]:
        changed = []
        for job_id in ids:
            job = self.model.job(job_id)
            if job is None or not APPLIES[name](job):
                continue
            try:
                runner = self.runner
                changed.append(with_runner(runner, job_id) if runner is not None
                               else with_store(self.store, job_id))
            except (IllegalTransition, JobNotFound) as exc:  # it moved meanwhile: show what it is now
                log.info("%s of job %s skipped: %s", name, job_id, exc)
            except InvalidJob as exc:
                self.message.emit(str(exc))
        if changed:
            self.model.apply_jobs(changed)
        return changed

    # ----- the list itself -------------------------------------------------------------------

    def remove(self, ids: Iterable[int]) -> list[int]:
        """Take jobs off the list (results stay, cached previews go). Running jobs stay: cancel them first."""
        removable = [job.id for job in self.applicable("remove", filter(None, map(self.model.job, ids)))]
        if removable:
            try:
                self.store.delete(removable)
            except InvalidJob as exc:  # one started running meanwhile
                self.message.emit(str(exc))
                self.model.refresh_jobs(removable)
                return []
            self.model.remove_jobs(removable)
            self.removed.emit(removable)
        return removable

    def move(self, ids: Iterable[int], up: bool) -> None:
        """Move each job one place up (or down) among jobs of the same priority."""
        ids = list(ids)
        ordered = sorted(ids, key=lambda i: self.model.row_of(i) or 0, reverse=not up)
        touched: set[int] = set()
        for job_id in ordered:
            before = self.store.get(job_id).position
            moved = self.store.move_up(job_id) if up else self.store.move_down(job_id)
            if moved:
                touched.add(job_id)
                touched.update(j.id for j in self.model.all_jobs() if j.position == self.store.get(job_id).position)
                touched.update(j.id for j in self.model.all_jobs() if j.position == before)
        if touched:
            self.model.refresh_jobs(touched)

    def play(self, ids: Iterable[int]) -> bool:
        """Play the first selected finished video (one player window, not one per row)."""
        files = [finished_file(job) for job in filter(None, map(self.model.job, ids))]
        return any(results.play(path) for path in files[:1] if path is not None)

    def show_in_folder(self, ids: Iterable[int]) -> bool:
        files = [path for path in map(finished_file, filter(None, map(self.model.job, ids))) if path]
        return any(results.show_in_folder(path) for path in files[:1])

    def open_output_folder(self, ids: Iterable[int]) -> bool:
        folders = {output_folder_of(job) for job in filter(None, map(self.model.job, ids))} - {None}
        opened = False
        for folder in sorted(folders)[:3]:  # a person selecting 500 jobs does not want 500 windows
            opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))) or opened
        if folders and not opened:
            self.message.emit(self.tr("The results are in {folder}").format(folder=sorted(folders)[0]))
        return opened
