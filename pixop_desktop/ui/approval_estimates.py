"""The price at the approval step: "Needs your approval — about $4.20, ~12 min", and the batch's sum
on the Approve action ("Approve 3 videos — about $12.60").

Estimates come from ``services.estimates`` (an appraisal; nothing is ordered), fetched on a
pool thread through ``BackgroundTasks`` — one task per (server, video, settings), never on the
GUI thread — and cached by the same key, so a row redrawn ten times a second asks once. The
queue model asks ``stage_line(job)`` for its Stage column; an answer that arrives refreshes the
row. Without an API key the row says why there is no estimate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from pixop_desktop.jobs.model import Job, State
from pixop_desktop.services import estimates
from pixop_desktop.services.estimates import Estimate, EstimateCache, NoEstimate
from pixop_desktop.ui.tasks import BackgroundTasks

translate = QCoreApplication.translate


def estimate_text(found: Estimate) -> str:
    """"about $4.20, ~12 min" in the person's language."""
    return found.text(translate("Estimates", estimates.ABOUT), translate("Estimates", estimates.MINUTES))


def reason_text(refused: NoEstimate) -> str:
    return translate("Estimates", refused.reason) if refused.fixed else refused.reason


def approval_line(found: Estimate | NoEstimate | None) -> str:
    """The Stage column of a job waiting for approval, with its price when there is one."""
    waiting = translate("Queue", "Needs your approval")
    if isinstance(found, Estimate) and found.cost_usd is not None:
        return translate("Estimates", "{waiting} — {estimate}").format(waiting=waiting,
                                                                       estimate=estimate_text(found))
    if isinstance(found, NoEstimate) and found.reason == estimates.NO_API_KEY:
        return translate("Estimates", "{waiting} — no cost estimate without an API key").format(waiting=waiting)
    return waiting


def batch_line(count: int, total: Estimate | None) -> str:
    """The Approve action for ``count`` selected jobs waiting for approval: the cost only (the
    toolbar is narrow; each row has its minutes)."""
    if total is None or total.cost_usd is None:
        return translate("Estimates", "&Approve")
    about = translate("Estimates", estimates.ABOUT).format(cost=total.cost_text())
    if count == 1:
        return translate("Estimates", "&Approve — {estimate}").format(estimate=about)
    return translate("Estimates", "&Approve {count} videos — {estimate}").format(count=count, estimate=about)


class ApprovalEstimates(QObject):
    """Estimates of the queue's jobs waiting for approval, fetched in the background and cached."""

    arrived = Signal(int)  # a job id whose estimate is now known

    def __init__(self, client_of: Callable[[], Any], server_of: Callable[[], str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._client_of, self._server_of = client_of, server_of
        self.cache = EstimateCache()
        self.tasks = BackgroundTasks(self, max_threads=2)
        self._asked: set[tuple[str, str, str]] = set()

    def result(self, job: Job) -> Estimate | NoEstimate | None:
        """The job's estimate when known; else None, and it is being asked for."""
        if job.state is not State.NEEDS_APPROVAL or job.processing is None:
            return None
        if not job.video_id:
            return NoEstimate(estimates.NOT_ON_PIXOP)
        key = EstimateCache.key(self._server_of(), job.video_id, job.processing)
        found = self.cache.get(key)
        if found is None and key not in self._asked:
            self._asked.add(key)
            self.tasks.run(key, estimates.estimate_video, self._client_of(), job.video_id, job.processing,
                           on_done=lambda result, k=key, i=job.id: self._done(k, i, result),
                           on_error=lambda title, message, k=key, i=job.id:
                           self._done(k, i, NoEstimate(f"{title}: {message}", fixed=False)))
        return found

    def stage_line(self, job: Job) -> str | None:
        """What the queue's Stage column says of a job waiting for approval (None: another state)."""
        if job.state is not State.NEEDS_APPROVAL:
            return None
        return approval_line(self.result(job))

    def reason(self, job: Job) -> str | None:
        """Why a job waiting for approval has no estimate (a tooltip), or None."""
        found = self.result(job)
        return reason_text(found) if isinstance(found, NoEstimate) else None

    def batch(self, jobs: Iterable[Job]) -> tuple[int, Estimate | None]:
        """(how many of ``jobs`` wait for approval, the sum of their estimates known so far)."""
        waiting = [job for job in jobs if job.state is State.NEEDS_APPROVAL and job.processing is not None]
        return len(waiting), estimates.summed(filter(None, (self.result(job) for job in waiting)))

    def ask_again(self) -> None:
        """After a (re)connection or new credentials: refusals may pass now."""
        self.cache.forget_refusals()
        self._asked = {key for key in self._asked if self.cache.get(key) is not None}

    def _done(self, key: tuple[str, str, str], job_id: int, result) -> None:
        self.cache.put(key, result)
        self.arrived.emit(job_id)

    def shutdown(self) -> None:
        self.tasks.shutdown()


class ApprovalPrices(QObject):
    """Hangs the estimates on the main window: the queue's Stage column and the Approve action."""

    def __init__(self, window: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.estimates = ApprovalEstimates(lambda: window.client, lambda: window.server.url, self)
        window.queue_model.approval_line = self.estimates.stage_line
        self.estimates.arrived.connect(self._arrived)
        window.queue.table.selectionModel().selectionChanged.connect(self._selection_changed)

    @Slot(int)
    def _arrived(self, job_id: int) -> None:
        self.window.queue_model.refresh_jobs([job_id])
        self._selection_changed()

    @Slot()
    def _selection_changed(self, *_args) -> None:
        count, total = self.estimates.batch(self.window.queue.selected_jobs())
        action = self.window.queue.action["approve"]
        action.setText(batch_line(count, total))
        action.setToolTip(action.text().replace("&", ""))

    def runner_started(self, _runner=None) -> None:
        self.estimates.ask_again()

    def shutdown(self) -> None:
        self.estimates.shutdown()
