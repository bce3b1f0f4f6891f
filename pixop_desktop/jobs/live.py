"""Progress counters held in memory between writes to SQLite.

Transfers report progress many times a second from their own threads; writing
each report would make the hot path an SQLite transaction. Instead the newest
counters live here and reach the file at most once per ``interval`` per job
(and on every state change and on close). A crash can therefore lose up to a
second of counters — never a state, which is always written at once.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from .model import Progress


@dataclass(slots=True)
class _Entry:
    progress: Progress
    flushed_at: float   # monotonic time of the last write to SQLite (or -inf)
    dirty: bool


class LiveProgress:
    def __init__(self, interval: float = 1.0, clock=time.monotonic) -> None:
        self.interval = interval
        self._clock = clock
        self._entries: dict[int, _Entry] = {}
        self._lock = threading.Lock()

    def put(self, job_id: int, progress: Progress) -> bool:
        """Remember ``progress``; True when it is time to write it to SQLite."""
        now = self._clock()
        with self._lock:
            entry = self._entries.get(job_id)
            if entry is None:
                self._entries[job_id] = _Entry(progress, float("-inf"), True)
                return True
            entry.progress = progress
            entry.dirty = True
            return now - entry.flushed_at >= self.interval

    def take(self, job_ids=None) -> dict[int, Progress]:
        """The unwritten counters (of ``job_ids``, or all), now counted as written."""
        now = self._clock()
        taken = {}
        with self._lock:
            ids = list(self._entries) if job_ids is None else job_ids
            for job_id in ids:
                entry = self._entries.get(job_id)
                if entry is not None and entry.dirty:
                    entry.dirty, entry.flushed_at = False, now
                    taken[job_id] = entry.progress
        return taken

    def get(self, job_id: int) -> Progress | None:
        with self._lock:
            entry = self._entries.get(job_id)
            return entry.progress if entry else None

    def snapshot(self) -> dict[int, Progress]:
        """Every job's newest counters (what the UI timer reads, without touching SQLite)."""
        with self._lock:
            return {job_id: entry.progress for job_id, entry in self._entries.items()}

    def forget(self, job_ids) -> None:
        with self._lock:
            for job_id in job_ids:
                self._entries.pop(job_id, None)
