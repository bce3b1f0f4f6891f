"""Progress counters, the store's hot path: buffered in memory, written at most once a second.

A mixin of ``JobStore`` (needs ``_live``, ``_lock``, ``_conn`` and ``transaction()``).
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Progress
from .rows import PROGRESS_COLUMNS


class ProgressMixin:

    def update_progress(self, job_id: int, bytes_done: int, bytes_total: int | None = None,
                        speed_bps: float | None = None, eta_seconds: float | None = None,
                        percent: float | None = None) -> None:
        """Newest counters of a running job; cheap, any thread. Written to SQLite ≤ once a second."""
        if percent is None and bytes_total:
            percent = min(100.0, 100.0 * bytes_done / bytes_total)
        if self._live.put(job_id, Progress(bytes_done, bytes_total, percent, speed_bps, eta_seconds)):
            self.flush_progress([job_id])

    def live_progress(self) -> dict[int, Progress]:
        """The newest counters of every job with progress in this process (no SQLite read)."""
        return self._live.snapshot()

    def flush_progress(self, job_ids: Iterable[int] | None = None) -> None:
        """Write buffered counters now (all jobs when ``job_ids`` is None)."""
        with self._lock:
            if self._conn is None:
                return
            taken = self._live.take(None if job_ids is None else list(job_ids))
            if taken:
                with self.transaction() as conn:
                    self._write_progress(conn, taken)

    @staticmethod
    def _write_progress(conn, taken: dict[int, Progress]) -> None:
        # Ended jobs keep their final counters: a late report must not overwrite them.
        sql = (f"UPDATE jobs SET {', '.join(f'{c} = ?' for c in PROGRESS_COLUMNS)} "
               "WHERE id = ? AND state NOT IN ('done', 'failed', 'cancelled')")
        conn.executemany(sql, [(p.bytes_done, p.bytes_total, p.percent, p.speed_bps, p.eta_seconds, job_id)
                               for job_id, p in taken.items()])
