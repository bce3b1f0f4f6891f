"""The runner: worker threads that move queued jobs through the pipeline.

One dispatcher thread claims runnable jobs from the store (atomically, as
this runner's ``owner``) and hands each to the pool of its stage's kind —
uploads, downloads, status polls, short control calls — each pool with its
own limit. A worker runs ONE stage and records the outcome; the job then
goes back to the queue for its next stage. So a poll never holds a thread
while Pixop works, pausing or reordering takes effect between stages, and a
crash loses at most the stage in flight (which is safe to re-run).

Stopping (``stop``) asks every worker to stop at the next chunk or poll,
puts their jobs back in the queue at the same stage, and joins every thread.
"""

from __future__ import annotations

import heapq
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pixop_desktop.errors import UserFacingError
from pixop_desktop.api.retry import is_transient

from . import control
from .deadlines import WaitMemory
from .events import RunnerEvents
from .model import ENDED_STATES, IllegalTransition, Job, JobError, Stage, State, WorkKind, next_stage
from .pipeline import (Advance, AwaitApproval, Fail, Interrupted, Outcome, PollPolicy, StageContext, Wait,
                       error_of, run_stage)
from .progress import ProgressMeter
from .store import JobStore
from .store_owners import new_owner

if TYPE_CHECKING:
    from pixop_desktop.api.client import PixopClient
    from pixop_desktop.transfer.throttle import BandwidthLimiter

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    """How many stages of each kind run at once."""

    uploads: int = 2
    downloads: int = 2
    polls: int = 4
    control: int = 2

    def of(self, kind: WorkKind) -> int:
        return {WorkKind.UPLOAD: self.uploads, WorkKind.DOWNLOAD: self.downloads,
                WorkKind.POLL: self.polls, WorkKind.CONTROL: self.control}[kind]


@dataclass(frozen=True)
class RetryRule:
    """Transient errors (network, Pixop busy): retried ``max_attempts`` times, waiting longer each time.

    The default waits 2, 4, 8, 16, 32 s, then a minute at a time (302 s of waits in all), so a
    job notices within a minute that the server is back instead of sleeping through it, an
    unattended ``run-queue --forever`` or watched folder rides out a short outage, and a server
    that never answers fails the job within about 25 minutes (each run's request gives up after
    its two-minute budget). Tests pass their own, quicker rule.
    """

    max_attempts: int = 10
    first_delay: float = 2.0
    longest: float = 60.0

    @property
    def total_wait(self) -> float:
        """Seconds waited in all before the last attempt fails the job."""
        return sum(self.delay(attempt) for attempt in range(1, self.max_attempts))

    def delay(self, attempts: int) -> float:
        return min(self.longest, self.first_delay * 2 ** max(0, attempts - 1))


class Runner:
    """Runs the store's jobs against one server. ``start()``, then ``stop()`` (always).

    ``only_jobs``: run only these jobs (a foreground ``upload`` runs its own
    jobs and leaves the rest of the queue alone); None runs every runnable job.
    """

    def __init__(self, store: JobStore, client: PixopClient, *, server: str | None = None,
                 limits: Limits = Limits(), poll: PollPolicy = PollPolicy(), retry: RetryRule = RetryRule(),
                 limiter: BandwidthLimiter | None = None, events: RunnerEvents | None = None,
                 tick: float = 0.25, heartbeat_every: float = 5.0,
                 only_jobs: frozenset[int] | None = None) -> None:
        self.store, self.client = store, client
        self.server = server or client.server
        self.limits, self.poll, self.retry, self.limiter = limits, poll, retry, limiter
        self.events = events or RunnerEvents()
        self.on_stop: list[Callable[[], None]] = []  # called once stop() has joined (e.g. let the computer sleep)
        self.tick, self.heartbeat_every = tick, heartbeat_every
        self.only_jobs = None if only_jobs is None else frozenset(only_jobs)
        self.owner = new_owner()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._idle = threading.Event()
        self._changed = threading.Condition()
        self._changes = 0  # announced job changes, so wait_for misses none while it looks at the store
        self._queue_paused = False
        self._stop_after_current = False
        self._active = dict.fromkeys(WorkKind, 0)
        self._polls: dict[int, tuple[Stage, int]] = {}
        self._due: list[float] = []  # when jobs this runner put off (a Wait, a retry) fall due
        self._waits = WaitMemory()  # unknown states seen and video sizes, between the polls of a wait
        self._pools: dict[WorkKind, ThreadPoolExecutor] = {}
        self._thread: threading.Thread | None = None

    # ----- life cycle ----------------------------------------------------------------------

    def start(self) -> Runner:
        self.store.register_runner(self.owner)
        self.store.forget_dead_runners()  # rows of crashed runners would otherwise stay for good
        self.store.recover_interrupted()
        self._pools = {kind: ThreadPoolExecutor(self.limits.of(kind), thread_name_prefix=f"jobs-{kind.value}")
                       for kind in WorkKind}
        self._thread = threading.Thread(target=self._loop, name="jobs-dispatcher")
        self._thread.start()
        return self

    def stop(self, wait: bool = True) -> None:
        """Stop claiming, interrupt work in flight (it stays resumable), join every thread if ``wait``."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None and wait:
            self._thread.join()
        for pool in self._pools.values():
            pool.shutdown(wait=wait)
        if wait:
            self.store.flush_progress()
            self.store.unregister_runner(self.owner)
        callbacks, self.on_stop = self.on_stop, []
        for callback in callbacks:
            callback()

    def __enter__(self) -> Runner:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # ----- the queue as a whole -------------------------------------------------------------

    def pause_queue(self) -> None:
        """Stop everything: work in flight goes back to the queue at its stage; nothing new starts."""
        self._queue_paused = True
        self._wake.set()

    def resume_queue(self) -> None:
        self._queue_paused = False
        self._wake.set()

    def stop_after_current(self, enabled: bool = True) -> None:
        """Finish the jobs already started, start no new ones."""
        self._stop_after_current = enabled
        self._wake.set()

    # ----- single jobs (also possible from another process via jobs.control) ------------------

    def pause(self, job_id: int) -> Job:
        return self._did(control.pause(self.store, job_id))

    def resume(self, job_id: int) -> Job:
        return self._did(control.resume(self.store, job_id))

    def cancel(self, job_id: int, *, delete_on_server: bool = False) -> Job:
        return self._did(control.cancel(self.store, job_id, client=self.client,
                                        delete_on_server=delete_on_server))

    def retry_job(self, job_id: int) -> Job:
        return self._did(control.retry(self.store, job_id))

    def approve(self, job_id: int) -> Job:
        return self._did(control.approve(self.store, job_id))

    def reject(self, job_id: int, *, delete_on_server: bool = False) -> Job:
        return self._did(control.reject(self.store, job_id, client=self.client,
                                        delete_on_server=delete_on_server))

    def set_priority(self, job_ids, priority: int) -> None:
        self.store.set_priority(job_ids, priority)
        self._wake.set()

    def reorder(self, job_id: int, new_position: int) -> None:
        self.store.reorder(job_id, new_position)
        self._wake.set()

    # ----- waiting ------------------------------------------------------------------------------

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Until nothing is queued or running (jobs awaiting approval do not count)."""
        return self._idle.wait(timeout)

    def wait_for(self, job_ids, timeout: float | None = None, *, settled=ENDED_STATES) -> bool:
        """Until every job in ``job_ids`` is in one of ``settled`` (default: done, failed, cancelled)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        ids, unsettled = list(job_ids), [state for state in State if state not in settled]
        while True:
            with self._changed:
                seen = self._changes
            # Outside the lock, and one row at most: workers announcing changes never wait
            # for this look at the store, however many jobs are waited for.
            if not self.store.list_jobs(ids=ids, states=unsettled, limit=1):
                return True
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return False
            with self._changed:
                if self._changes == seen:  # nothing announced since the look: sleep until something is
                    # Also wake now and then: another process (the CLI) may change jobs.
                    self._changed.wait(self.tick if left is None else min(left, self.tick))

    # ----- the dispatcher ---------------------------------------------------------------------

    def _loop(self) -> None:
        last_beat = time.monotonic()
        while not self._stopping.is_set():
            try:
                if time.monotonic() - last_beat >= self.heartbeat_every:
                    last_beat = time.monotonic()
                    self.store.heartbeat(self.owner)
                    self.store.recover_interrupted()  # jobs of a runner that died meanwhile
                self._dispatch()
                self._check_idle()
            except Exception:  # the store is busy or broken: keep the thread, try again
                log.exception("The job dispatcher failed; trying again")
            self._wake.wait(self._until_due())
            self._wake.clear()

    def _until_due(self) -> float:
        """Sleep until the next job this runner put off falls due, or a tick at most: a poll
        runs when due, not up to a tick later (the tick is for changes by other processes)."""
        now = time.time()
        with self._lock:
            while self._due and self._due[0] <= now:
                heapq.heappop(self._due)
            return min(self.tick, self._due[0] - now) if self._due else self.tick

    def _put_off(self, delay: float) -> float:
        """The not_before of a job put off for ``delay`` seconds; the dispatcher wakes then."""
        at = time.time() + delay
        with self._lock:
            heapq.heappush(self._due, at)
        return at

    def _dispatch(self) -> None:
        if self._queue_paused:
            return
        for kind, pool in self._pools.items():
            with self._lock:
                free = self.limits.of(kind) - self._active[kind]
            if free <= 0 or self._stopping.is_set():
                continue
            for job in self.store.claim(kind, free, owner=self.owner, server=self.server,
                                        started_only=self._stop_after_current, ids=self.only_jobs):
                self._idle.clear()
                with self._lock:
                    self._active[kind] += 1
                self._notify(job)
                pool.submit(self._work, job, kind)

    def _check_idle(self) -> None:
        with self._lock:
            busy = any(self._active.values())
        if busy or self.store.pending_count(server=self.server, started_only=self._stop_after_current,
                                            ids=self.only_jobs):
            return
        if not self._idle.is_set():
            self._idle.set()

    # ----- one stage ---------------------------------------------------------------------------

    def _work(self, job: Job, kind: WorkKind) -> None:
        try:
            ctx = self._context(job)
            try:
                outcome = run_stage(job, ctx)
            except Exception as exc:
                self._after_error(job, ctx, exc)
            else:
                self._record(job, outcome)
        except Exception:
            log.exception("Recording the outcome of job %s failed", job.id)
        finally:
            with self._lock:
                self._active[kind] -= 1
            self._wake.set()

    def _context(self, job: Job) -> StageContext:
        stage, polls = self._polls.get(job.id, (job.stage, 0))
        meter = ProgressMeter()
        checked = [0.0, False]

        def cancelled() -> bool:
            if self._stopping.is_set() or self._queue_paused:
                return True
            now = time.monotonic()
            if now - checked[0] >= 0.2:  # a cheap SELECT, but not for every chunk
                checked[0], checked[1] = now, self.store.state_of(job.id) is not State.RUNNING
            return checked[1]

        def progress(done: int, total: int | None) -> None:
            speed, eta = meter.update(done, total)
            self.store.update_progress(job.id, done, total, speed_bps=speed, eta_seconds=eta)
            self.events.progress(job.id, self.store.live_progress().get(job.id))

        def percent(value: float | None) -> None:
            if value is not None:
                self.store.update_progress(job.id, 0, None, percent=value)
                self.events.progress(job.id, self.store.live_progress().get(job.id))

        return StageContext(self.client, self.store, cancelled, progress, percent, self.limiter, self.poll,
                            polls if stage is job.stage else 0, self._waits)

    def _record(self, job: Job, outcome: Outcome) -> None:
        if isinstance(outcome, Wait):
            _, polls = self._polls.get(job.id, (job.stage, 0))
            self._polls[job.id] = (job.stage, polls + 1)
            # One history row for the first wait of a stage, not two per poll for hours.
            self._move(job, State.QUEUED, message="Waiting for Pixop", not_before=self._put_off(outcome.delay),
                       history=polls == 0)
            return
        self._polls.pop(job.id, None)
        self._waits.forget(job.id)
        if isinstance(outcome, Advance):
            stage = next_stage(job)
            if stage is Stage.FINISHED:
                self._move(job, State.DONE, stage=stage, fields=outcome.fields, message="Done", attempts=0)
            elif stage is Stage.APPROVAL:
                self._move(job, State.NEEDS_APPROVAL, stage=stage, fields=outcome.fields,
                           message="Waiting for approval", attempts=0)
            else:
                self._move(job, State.QUEUED, stage=stage, fields=outcome.fields, attempts=0, not_before=None)
        elif isinstance(outcome, AwaitApproval):
            self._move(job, State.NEEDS_APPROVAL, stage=Stage.APPROVAL, message="Waiting for approval")
        elif isinstance(outcome, Fail):
            self._move(job, State.FAILED, error=outcome.error)

    def _after_error(self, job: Job, ctx: StageContext, exc: Exception) -> None:
        if isinstance(exc, Interrupted) or ctx.cancelled():
            if self._stopping.is_set() or self._queue_paused:
                self._move(job, State.QUEUED, message="Stopped; will resume")
            return  # paused or cancelled by a person: the store already says so
        error = error_of(exc)
        attempts = job.attempts + 1
        if is_transient(exc) and attempts < self.retry.max_attempts:
            delay = self.retry.delay(attempts)
            log.info("Job %s: %s: %s; retrying in %.0f s", job.id, error.title, error.message, delay)
            self._move(job, State.QUEUED, error=error, attempts=attempts, not_before=self._put_off(delay))
        else:
            log.info("Job %s failed: %s: %s", job.id, error.title, error.message,
                     exc_info=not isinstance(exc, UserFacingError))
            self._move(job, State.FAILED, error=error, attempts=attempts)

    def _move(self, job: Job, state: State, *, stage: Stage | None = None, fields: dict | None = None,
              error: JobError | None = None, message: str | None = None, history: bool = True,
              **extra) -> None:
        """Record an outcome, unless a person paused/cancelled the job meanwhile (then keep only its server ids)."""
        fields = dict(fields or {}, **extra)
        kwargs = {"error": error} if error is not None else {}
        try:
            changed = self.store.transition(job.id, state, stage=stage, expect=State.RUNNING,
                                            message=message, history=history, **fields, **kwargs)
        except IllegalTransition:
            ids = {k: fields[k] for k in ("video_id", "processed_video_id") if fields.get(k)}
            self.store.set_server_ids(job.id, **ids)
            changed = self.store.get(job.id)
        self._notify(changed)

    def _did(self, job: Job) -> Job:
        self._notify(job)
        self._wake.set()
        return job

    def _notify(self, job: Job) -> None:
        if job.state in ENDED_STATES:
            self._polls.pop(job.id, None)
            self._waits.forget(job.id)
        self.events.job_changed(job)
        with self._changed:
            self._changes += 1
            self._changed.notify_all()
