"""The sandbox's own threads: background jobs and blocking I/O, on fixed pools.

The pools start all their threads when the sandbox starts (never lazily in the middle of a
request, so a long-lived sandbox never "leaks" a new thread into the test that happened to
trigger it) and ``shutdown()`` cancels what is queued and joins every thread. Background jobs
check ``stopping`` between steps and get it as their cancel flag, so a stop does not wait for a
long encode to finish.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from concurrent.futures import Future
from typing import Any, Callable

log = logging.getLogger(__name__)


class FixedPool:
    """N threads, started together, consuming one queue of (future, function, args)."""

    def __init__(self, size: int, name: str) -> None:
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._threads = [threading.Thread(target=self._work, name=f"{name}-{i}")
                         for i in range(size)]
        self._started = False

    def start(self) -> None:
        if not self._started:
            self._started = True
            for thread in self._threads:
                thread.start()

    def submit(self, function: Callable[..., Any], *args: Any) -> Future:
        future: Future = Future()
        self._queue.put((future, function, args))
        return future

    async def run(self, function: Callable[..., Any], *args: Any) -> Any:
        """Run a blocking function on the pool from async code."""
        return await asyncio.wrap_future(self.submit(function, *args))

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            future, function, args = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(function(*args))
            except BaseException as exc:  # handed to whoever waits on the future
                future.set_exception(exc)

    def shutdown(self) -> None:
        """Cancel queued work, let running work finish, join every thread."""
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                item[0].cancel()
        if self._started:
            for _ in self._threads:
                self._queue.put(None)
            for thread in self._threads:
                thread.join()
            self._started = False


class CancelFlag:
    """True once the sandbox stops or ``extra()`` says the job's video changed or went away.

    Works both as a callable (``cancel()``) and like an Event (``cancel.is_set()``).
    """

    def __init__(self, stopping: threading.Event, extra: Callable[[], bool] | None = None) -> None:
        self._stopping = stopping
        self._extra = extra

    def is_set(self) -> bool:
        return self._stopping.is_set() or bool(self._extra and self._extra())

    __call__ = is_set

    def __bool__(self) -> bool:
        return self.is_set()


class Workers:
    """Background jobs (a small pool) plus a pool for blocking I/O called from handlers."""

    def __init__(self, size: int = 2, io_size: int = 4) -> None:
        self.stopping = threading.Event()
        self._jobs = FixedPool(size, "sandbox-job")
        self.io = FixedPool(io_size, "sandbox-io")
        self._idle = threading.Condition()
        self._pending = 0

    def start(self) -> None:
        self._jobs.start()
        self.io.start()

    def submit(self, job: Callable[..., None], *args: object) -> Future | None:
        if self.stopping.is_set():
            return None
        with self._idle:
            self._pending += 1
        future = self._jobs.submit(self._run, job, *args)
        future.add_done_callback(lambda _: self._done())
        return future

    def _run(self, job: Callable[..., None], *args: object) -> None:
        try:
            if not self.stopping.is_set():
                job(*args)
        except Exception:
            log.exception("sandbox background job %s failed", getattr(job, "__name__", job))

    def _done(self) -> None:
        with self._idle:
            self._pending -= 1
            self._idle.notify_all()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no job is queued or running (tests use it instead of polling)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending <= 0, timeout)

    def cancel_flag(self, extra: Callable[[], bool] | None = None) -> CancelFlag:
        return CancelFlag(self.stopping, extra)

    def shutdown(self) -> None:
        self.stopping.set()
        self._jobs.shutdown()
        self.io.shutdown()
