"""What the runner tells the outside world: plain callbacks, no Qt.

Callbacks run on whichever thread the event happened on (a worker, the
dispatcher, or the caller of ``Runner.approve``…), so they must be quick and
thread-safe; the GUI forwards them to its own thread with a queued signal.
A callback that raises is logged and never breaks the runner.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from .model import Job, Progress

log = logging.getLogger(__name__)

JobChanged = Callable[[Job], None]
ProgressChanged = Callable[[int, Progress], None]


class RunnerEvents:
    """Subscribers for the runner's two events. ``subscribe_*`` returns an unsubscribe function."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._job_changed: list[JobChanged] = []
        self._progress: list[ProgressChanged] = []

    def subscribe_job_changed(self, callback: JobChanged) -> Callable[[], None]:
        return self._add(self._job_changed, callback)

    def subscribe_progress(self, callback: ProgressChanged) -> Callable[[], None]:
        return self._add(self._progress, callback)

    def job_changed(self, job: Job) -> None:
        self._emit(self._job_changed, job)

    def progress(self, job_id: int, progress: Progress) -> None:
        self._emit(self._progress, job_id, progress)

    def _add(self, subscribers: list, callback: Callable) -> Callable[[], None]:
        with self._lock:
            subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in subscribers:
                    subscribers.remove(callback)
        return unsubscribe

    def _emit(self, subscribers: list, *args) -> None:
        with self._lock:
            callbacks = list(subscribers)
        for callback in callbacks:
            try:
                callback(*args)
            except Exception:  # a broken listener must not stop the queue
                log.exception("A job event listener failed")
