"""Questions about the queue that only read it: counts, history, what is due, how much is left.

A mixin of ``JobStore`` (needs its ``_query`` and ``_with_live``).
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from .model import Job, Stage, State, WorkKind, stages_of_kind
from .rows import SELECT_JOBS, HistoryEntry, row_to_history, row_to_job

ORDER = " ORDER BY priority DESC, position, id"


class QueryMixin:
    def counts(self) -> dict[State, int]:
        """How many jobs are in each state (every state present, zero or not)."""
        counts = dict.fromkeys(State, 0)
        for state, count in self._query("SELECT state, COUNT(*) FROM jobs GROUP BY state"):
            counts[State(state)] = count
        return counts

    def history(self, job_id: int) -> list[HistoryEntry]:
        rows = self._query("SELECT job_id, at, from_state, to_state, stage, message FROM history "
                           "WHERE job_id = ? ORDER BY id", (job_id,))
        return [row_to_history(row) for row in rows]

    def runnable(self, kind: WorkKind | Iterable[Stage], limit: int | None = None,
                 now: float | None = None, *, server: str | None = None,
                 started_only: bool = False, ids: Iterable[int] | None = None) -> list[Job]:
        """Queued jobs whose stage belongs to ``kind``, due now, in queue order.

        ``server``: only jobs of that server root (or not yet bound to one);
        ``started_only``: only jobs that have run before ("stop after current");
        ``ids``: only these jobs (a foreground command runs its own jobs, not the whole queue).
        """
        stages = stages_of_kind(kind) if isinstance(kind, WorkKind) else tuple(kind)
        now = time.time() if now is None else now
        sql = (f"{SELECT_JOBS} WHERE state = 'queued' AND stage IN ({', '.join('?' for _ in stages)}) "
               "AND (not_before IS NULL OR not_before <= ?)")
        params: list = [s.value for s in stages] + [now]
        if server is not None:
            sql += " AND (server IS NULL OR server = ?)"
            params.append(server)
        if started_only:
            sql += " AND started_at IS NOT NULL"
        sql, params = _only_ids(sql, params, ids)
        sql += ORDER
        if limit is not None:
            sql += f" LIMIT {int(limit):d}"
        return [self._with_live(row_to_job(r)) for r in self._query(sql, params)]

    def pending_count(self, *, server: str | None = None, started_only: bool = False,
                      ids: Iterable[int] | None = None) -> int:
        """Jobs a runner still has work for: running, or queued (and started, with ``started_only``)."""
        sql = "SELECT COUNT(*) FROM jobs WHERE (state = 'running' OR (state = 'queued'"
        sql += " AND started_at IS NOT NULL))" if started_only else "))"
        params: list = []
        if server is not None:
            sql += " AND (server IS NULL OR server = ?)"
            params.append(server)
        sql, params = _only_ids(sql, params, ids)
        return self._query(sql, params)[0][0]

    def stage_runs(self, job_id: int, stage: Stage) -> int:
        """How many times a worker has started ``stage`` of this job (from the history)."""
        rows = self._query("SELECT COUNT(*) FROM history WHERE job_id = ? AND stage = ? AND to_state = 'running' "
                           "AND (from_state IS NULL OR from_state != 'running')", (job_id, stage.value))
        return rows[0][0]


def _only_ids(sql: str, params: list, ids: Iterable[int] | None) -> tuple[str, list]:
    """``sql`` narrowed to the jobs ``ids`` (None: no narrowing; empty: none at all)."""
    if ids is None:
        return sql, params
    ids = [int(i) for i in ids]
    return sql + f" AND id IN ({', '.join('?' for _ in ids)})", params + ids
