"""One owner's background tasks: a thread pool, and only the newest answer of each kind.

Every part of the window that asks the network, the keyring or the disk
something does it the same way: run ``fn(*args)`` on a pool thread, get the
answer back in the GUI thread, and ignore an answer to a question that was
asked again meanwhile (a team switched twice, another job selected). This
class is that bookkeeping, once::

    self.tasks = BackgroundTasks(self, max_threads=1)
    self.tasks.run("facts", fetch, client, video_id, on_done=self._show, on_error=self._problem)

Callbacks run in the GUI thread (the worker's signals reach this QObject
through queued connections), so they may be lambdas or partials. A task's
``on_done(result)`` or ``on_error(title, message)``, then ``on_finished()``,
are called only while it is the newest of its kind; ``on_stale(result)`` gets
the result of a superseded one that succeeded (to close what it opened).
``shutdown`` makes every pending answer stale and waits for the pool.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Slot

from pixop_desktop.ui.workers import Worker


@dataclass
class _Task:
    worker: Worker
    on_done: Callable[[Any], None] | None
    on_error: Callable[[str, str], None] | None
    on_finished: Callable[[], None] | None
    on_stale: Callable[[Any], None] | None


class BackgroundTasks(QObject):
    def __init__(self, parent: QObject | None = None, *, max_threads: int | None = None,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool(self)
        if max_threads is not None:
            self.pool.setMaxThreadCount(max_threads)
        self._count = itertools.count(1)
        self._latest: dict[Hashable, int] = {}   # kind → the number of its newest task
        self._tasks: dict[tuple, _Task] = {}     # (kind, number) → a task not finished yet

    def run(self, kind: Hashable, fn: Callable[..., Any], *args: Any,
            on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[str, str], None] | None = None,
            on_finished: Callable[[], None] | None = None,
            on_stale: Callable[[Any], None] | None = None) -> tuple:
        """Start ``fn(*args)``; an unfinished task of the same kind is superseded (its answer dropped)."""
        tag = (kind, next(self._count))
        self._latest[kind] = tag[1]
        worker = Worker(tag, fn, *args)
        worker.signals.succeeded.connect(self._succeeded)
        worker.signals.failed.connect(self._failed)
        worker.signals.finished.connect(self._finished)
        self._tasks[tag] = _Task(worker, on_done, on_error, on_finished, on_stale)
        self.pool.start(worker)
        return tag

    def is_latest(self, tag: tuple) -> bool:
        kind, number = tag
        return self._latest.get(kind) == number

    def busy(self, kind: Hashable | None = None) -> bool:
        """Whether a task (of this kind) has not finished yet."""
        return any(kind is None or tag[0] == kind for tag in self._tasks)

    def asked(self, kind: Hashable) -> bool:
        """Whether a task of this kind was started (and not dropped by ``shutdown``)."""
        return kind in self._latest

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)

    def shutdown(self) -> None:
        """Drop every answer still to come, then wait for the running tasks to end.

        Their records stay until their ``finished`` arrives, so ``on_stale`` still gets
        what they opened (a connection made while the window was closing is closed).
        """
        self._latest.clear()
        self.pool.waitForDone()

    @Slot(object, object)
    def _succeeded(self, tag, result) -> None:
        task = self._tasks.get(tag)
        if task is None:
            return
        if not self.is_latest(tag):
            if task.on_stale is not None:
                task.on_stale(result)
        elif task.on_done is not None:
            task.on_done(result)

    @Slot(object, str, str)
    def _failed(self, tag, title: str, message: str) -> None:
        task = self._tasks.get(tag)
        if task is not None and task.on_error is not None and self.is_latest(tag):
            task.on_error(title, message)

    @Slot(object)
    def _finished(self, tag) -> None:
        task = self._tasks.pop(tag, None)
        if task is not None and task.on_finished is not None and self.is_latest(tag):
            task.on_finished()
