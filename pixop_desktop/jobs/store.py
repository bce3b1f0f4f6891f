"""The job queue on disk: SQLite in WAL mode in the app's data folder.

Why it is built this way:

- **Crash-safe.** Every change is one transaction; every state change is
  written at once, with a row in ``history``. Only progress counters are
  buffered in memory (``LiveProgress``), so a ``kill -9`` loses at most about a
  second of counters, never a state or a server id.
- **Shared between processes.** WAL lets ``pixop-desktop queue`` read while the
  app writes, and ``approve 17`` write while the app runs (``busy_timeout``
  waits for the other writer). Writes take the lock up front
  (``BEGIN IMMEDIATE``), so a state is validated against what is really stored.
- **Shared between threads.** One connection guarded by a re-entrant lock.
  Statements take microseconds and the hot path (progress) avoids SQLite, so a
  pool of per-thread connections would buy nothing but connections to close.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pixop_desktop import notices, paths

from .live import LiveProgress
from .preview_files import forget_jobs
from .migrations import migrate
from .store_repair import check_integrity, is_damage, move_damaged_aside
from .model import (ENDED_STATES, IllegalTransition, InvalidJob, Job, JobError, JobNotFound, Stage,
                    State, WorkKind, check_transition)
from .rows import INSERT_JOB, SELECT_JOBS, job_to_row, row_to_job
from .store_edits import PROCESSING_STARTED as PROCESSING_STARTED
from .store_edits import ProcessingLocked as ProcessingLocked
from .store_edits import EditMixin, processing_lock_reason as processing_lock_reason
from .store_order import OrderMixin
from .store_owners import STALE_AFTER, OwnerMixin
from .store_progress import ProgressMixin
from .store_queries import ORDER, QueryMixin
from .store_urls import ServerUrlsMixin

FILE_NAME = "queue.sqlite3"
BUSY_TIMEOUT_MS = 10_000
_KEEP = object()  # "leave the stored error as it is"

# Columns ``transition`` may change besides state, stage and error.
TRANSITION_FIELDS = frozenset({"video_id", "processed_video_id", "output_path", "attempts",
                               "not_before", "project_id", "owner", "server",
                               "source_size", "source_mtime_ns"})  # a retry re-reads a changed file


def _transition_changes(state: State, stage: Stage | None, error, started_at: float | None,
                        now: float, fields: dict) -> dict:
    """The columns a transition writes."""
    changes = dict(fields, state=state.value, updated_at=now)
    if stage is not None:
        changes["stage"] = stage.value
    if error is not _KEEP:
        changes["error_title"] = error.title if error else None
        changes["error_message"] = error.message if error else None
        changes["error_kind"] = error.kind if error else None
    if state is State.RUNNING and started_at is None:
        changes["started_at"] = now
    changes["finished_at"] = now if state in ENDED_STATES else None
    if state is not State.RUNNING:
        changes["owner"] = None  # nobody works on a job that is not running
    return changes


class JobStore(QueryMixin, EditMixin, ProgressMixin, OrderMixin, OwnerMixin, ServerUrlsMixin):
    """The queue. Safe to use from any thread; open one per process."""

    def __init__(self, path: str | Path | None = None, *, flush_interval: float = 1.0) -> None:
        self.path = Path(path) if path is not None else paths.data_dir() / FILE_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._depth = 0
        self._live = LiveProgress(flush_interval)
        self.recovered_from: Path | None = None  # where a damaged queue was moved aside
        try:
            self._open()
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            self.recovered_from = move_damaged_aside(self.path)
            self._open()
            notices.publish(
                f"The job queue was damaged and could not be read ({exc}). It was moved aside to "
                f"{self.recovered_from} and a new, empty queue started. Videos already on Pixop "
                f"are still there: see them with 'pixop-desktop videos' or in the Library.")

    def _open(self) -> None:
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                     timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            self._configure()
            check_integrity(self._conn)
            self.found_version = migrate(self._conn, self.path)
        except BaseException:
            self._conn.close()
            raise

    def _configure(self) -> None:
        conn = self._conn
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise RuntimeError(f"The job queue {self.path} cannot use write-ahead logging (got {mode}).")
        conn.execute("PRAGMA synchronous = FULL")  # a committed state survives a power cut too
        conn.execute("PRAGMA foreign_keys = ON")

    # ----- life cycle ---------------------------------------------------------------

    def close(self) -> None:
        """Write pending progress and close. Safe to call twice."""
        with self._lock:
            if self._conn is None:
                return
            self.flush_progress()
            self._conn.close()
            self._conn = None

    def __enter__(self) -> JobStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing. Nests (inner blocks are savepoints); holds the store's lock."""
        with self._lock:
            if self._conn is None:
                raise RuntimeError("The job store is closed.")
            depth, self._depth = self._depth, self._depth + 1
            begin, commit, rollback = (
                ("BEGIN IMMEDIATE", "COMMIT", ("ROLLBACK",)) if depth == 0 else
                (f"SAVEPOINT s{depth}", f"RELEASE s{depth}", (f"ROLLBACK TO s{depth}", f"RELEASE s{depth}")))
            try:
                self._conn.execute(begin)  # may wait up to busy_timeout for another process
                try:
                    yield self._conn
                    self._conn.execute(commit)
                except BaseException:
                    if self._conn.in_transaction:  # SQLite may already have rolled back (disk full …)
                        for statement in rollback:
                            self._conn.execute(statement)
                    raise
            finally:
                self._depth = depth

    def _query(self, sql: str, params: Iterable = ()) -> list[tuple]:
        with self._lock:
            if self._conn is None:
                raise RuntimeError("The job store is closed.")
            return self._conn.execute(sql, tuple(params)).fetchall()

    # ----- adding -------------------------------------------------------------------

    def add(self, job: Job, message: str | None = None) -> int:
        """Store a new job (its ``id``, position and timestamps are filled in); returns the id."""
        return self.add_many([job], message)[0]

    def add_many(self, jobs: Iterable[Job], message: str | None = None) -> list[int]:
        """Store several new jobs in one transaction, in the given order."""
        jobs = list(jobs)
        for job in jobs:
            if problem := job.problem():
                raise InvalidJob(problem)
            if job.state not in (State.QUEUED, State.PAUSED, State.NEEDS_APPROVAL):
                raise InvalidJob(f"A new job cannot start {job.state.value}.")
        now = time.time()
        ids = []
        with self.transaction() as conn:
            position = conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM jobs").fetchone()[0]
            for job in jobs:
                if job.position is None:
                    job.position, position = position, position + 1
                job.created_at = job.created_at or now
                job.updated_at = now
                job_id = conn.execute(INSERT_JOB, job_to_row(job)).lastrowid
                self._record(conn, job_id, now, None, job.state, job.stage, message or "Added to the queue")
                ids.append(job_id)
        for job, job_id in zip(jobs, ids):
            job.id = job_id
        return ids

    @staticmethod
    def _record(conn, job_id: int, at: float, before: State | None, after: State,
                stage: Stage | None, message: str | None) -> None:
        conn.execute("INSERT INTO history (job_id, at, from_state, to_state, stage, message) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     (job_id, at, before.value if before else None, after.value,
                      stage.value if stage else None, message))

    # ----- reading ------------------------------------------------------------------

    def _with_live(self, job: Job) -> Job:
        if job.state not in ENDED_STATES and (live := self._live.get(job.id)) is not None:
            job.progress = live
        return job

    def get(self, job_id: int) -> Job:
        rows = self._query(f"{SELECT_JOBS} WHERE id = ?", (job_id,))
        if not rows:
            raise JobNotFound(job_id)
        return self._with_live(row_to_job(rows[0]))

    def state_of(self, job_id: int) -> State:
        """Just the state: cheap enough for a worker to check between chunks."""
        rows = self._query("SELECT state FROM jobs WHERE id = ?", (job_id,))
        if not rows:
            raise JobNotFound(job_id)
        return State(rows[0][0])

    def list_jobs(self, *, states: Iterable[State] | None = None, ids: Iterable[int] | None = None,
                  source_paths: Iterable[str] | None = None, watch_rule_id: str | None = None,
                  limit: int | None = None) -> list[Job]:
        """Jobs in queue order (priority, highest first, then manual position).

        ``source_paths``: only jobs of these local files (a drop or a command line looks for its twins
        without loading the whole queue).
        """
        where, params = [], []
        for column, values in (("state", states), ("id", ids), ("source_path", source_paths)):
            if values is not None:
                values = [v.value if isinstance(v, State) else v for v in values]
                where.append(f"{column} IN ({', '.join('?' for _ in values)})")
                params += values
        if watch_rule_id is not None:
            where.append("watch_rule_id = ?")
            params.append(watch_rule_id)
        sql = SELECT_JOBS + (" WHERE " + " AND ".join(where) if where else "") + ORDER
        if limit is not None:
            sql += f" LIMIT {int(limit):d}"
        return [self._with_live(row_to_job(row)) for row in self._query(sql, params)]

    def set_output_path(self, job_id: int, output_path: str) -> None:
        """Record the file a download goes to before it starts (a restart finds it)."""
        self._update(job_id, {"output_path": output_path})

    # ----- changing state -------------------------------------------------------------

    def transition(self, job_id: int, state: State, *, stage: Stage | None = None,
                   error: JobError | None | object = _KEEP, message: str | None = None,
                   expect: State | None = None, history: bool = True, **fields) -> Job:
        """Move a job to ``state`` (validated against the stored state), with a history row.

        ``expect`` guards against races: the move happens only if the job is
        still in that state. ``error`` is kept unless given, and cleared by a
        retry or success. ``history=False`` skips the row (the repeats of a
        status poll). ``fields``: see ``TRANSITION_FIELDS``.
        """
        unknown = set(fields) - TRANSITION_FIELDS
        if unknown:
            raise TypeError(f"transition() cannot change {', '.join(sorted(unknown))}")
        if state is State.FAILED and not isinstance(error, JobError):
            raise ValueError("A job can only fail with an error saying why.")
        with self.transaction() as conn:
            row = conn.execute("SELECT state, stage, started_at FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None:
                raise JobNotFound(job_id)
            current, stored_stage, started_at = State(row[0]), Stage(row[1]), row[2]
            if expect is not None and current is not expect:
                raise IllegalTransition(job_id, current, state, f"it is {current.value.replace('_', ' ')}, "
                                        f"not {expect.value.replace('_', ' ')}")
            check_transition(job_id, current, state)
            if error is _KEEP and (state is State.DONE or current is State.FAILED):
                error = None  # success or a retry: the old error no longer describes the job
            now = time.time()
            changes = _transition_changes(state, stage, error, started_at, now, fields)
            self._write_progress(conn, self._live.take([job_id]))
            conn.execute(f"UPDATE jobs SET {', '.join(f'{c} = ?' for c in changes)} WHERE id = ?",
                         (*changes.values(), job_id))
            if message is None and isinstance(error, JobError):
                message = f"{error.title}: {error.message}"
            if history:
                self._record(conn, job_id, now, current, state, stage or stored_stage, message)
            job = row_to_job(conn.execute(f"{SELECT_JOBS} WHERE id = ?", (job_id,)).fetchone())
        if state in ENDED_STATES:
            self._live.forget([job_id])
        return self._with_live(job)

    def claim(self, kind: WorkKind | Iterable[Stage], limit: int = 1, message: str | None = None, *,
              owner: str | None = None, server: str | None = None, started_only: bool = False,
              ids: Iterable[int] | None = None) -> list[Job]:
        """Take up to ``limit`` runnable jobs and mark them RUNNING (by ``owner``), atomically.

        Two runners (even in two processes) never get the same job. A job not
        yet bound to a server is bound to ``server`` here.
        """
        with self.transaction():
            jobs = self.runnable(kind, limit, server=server, started_only=started_only, ids=ids)
            claimed = []
            for job in jobs:
                fields = {"owner": owner}
                if server is not None and job.server is None:
                    fields["server"] = server
                # Taking up a status poll again is no news: its first claim is in the history.
                repeat_poll = job.kind is WorkKind.POLL and job.not_before is not None
                claimed.append(self.transition(job.id, State.RUNNING, expect=State.QUEUED, message=message,
                                               history=not repeat_poll, **fields))
            return claimed

    def recover_interrupted(self, message: str = "Interrupted; will resume", *,
                            stale_after: float = STALE_AFTER) -> list[int]:
        """After a crash: RUNNING jobs whose runner is gone go back to QUEUED at the same stage.

        Jobs of a runner that is still alive (another process, heartbeat fresh)
        are left alone. Runners call this when they start, and now and then.
        """
        with self.transaction():
            alive = self.live_owners(stale_after)
            rows = self._query("SELECT id, owner FROM jobs WHERE state = 'running'")
            ids = [job_id for job_id, owner in rows if owner is None or owner not in alive]
            for job_id in ids:
                self.transition(job_id, State.QUEUED, message=message)
        return ids

    def delete(self, job_ids: Iterable[int]) -> None:
        """Remove jobs, their history and their preview clips (the cache's, never a result);
        refuses (and removes nothing) if one is running."""
        job_ids = list(job_ids)
        with self.transaction() as conn:
            marks = ", ".join("?" for _ in job_ids)
            running = conn.execute(f"SELECT id FROM jobs WHERE id IN ({marks}) AND state = 'running'",
                                   job_ids).fetchall()
            if running:
                raise InvalidJob(f"Job {running[0][0]} is running: cancel it before removing it.")
            uids = [row[0] for row in conn.execute(f"SELECT uid FROM jobs WHERE id IN ({marks})", job_ids)]
            conn.execute(f"DELETE FROM jobs WHERE id IN ({marks})", job_ids)
        self._live.forget(job_ids)
        forget_jobs(uids)  # at worst (an outer transaction rolled back) a preview is fetched again
