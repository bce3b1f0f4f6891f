"""What the runner did, from its events: when each stage of each job ran, and the pauses.

``Trace`` subscribes to ``RunnerEvents.job_changed`` and keeps (time, job, state, stage,
not_before) for every change. From that:

- transfer intervals (upload and download stages while RUNNING): their sum, and their union
  (the time the link was in use at all);
- pauses: stretches in which a job was due (its next stage, or a poll whose ``not_before``
  passed) while its stage's pool had a free worker, so it could have run and did not (waiting
  for a free worker is the limit doing its job, not a pause).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from pixop_desktop.jobs.model import STAGE_KIND, Job, Stage, State, WorkKind

TRANSFERS = (WorkKind.UPLOAD, WorkKind.DOWNLOAD)


@dataclass(frozen=True)
class Change:
    at: float
    job: int
    state: State
    stage: Stage
    due: float  # wall-clock time from which the job may run (now, or a Wait's/retry's not_before)


class Trace:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.changes: list[Change] = []

    def __call__(self, job: Job) -> None:
        now = time.time()
        due = max(now, job.not_before or 0.0)
        with self._lock:
            self.changes.append(Change(now, job.id, job.state, job.stage, due))

    # --- analysis ---------------------------------------------------------------------------

    def runs(self) -> list[tuple[int, Stage, float, float]]:
        """(job, stage, start, end) of every stage run."""
        started: dict[int, Change] = {}
        runs = []
        for change in self.changes:
            begun = started.pop(change.job, None)
            if begun is not None:
                runs.append((change.job, begun.stage, begun.at, change.at))
            if change.state is State.RUNNING:
                started[change.job] = change
        return runs

    def transfer_intervals(self) -> list[tuple[float, float]]:
        return [(start, end) for _, stage, start, end in self.runs() if STAGE_KIND[stage] in TRANSFERS]

    def pauses(self, limits: dict[WorkKind, int]) -> tuple[list[tuple[Stage, float]], dict[WorkKind, float]]:
        """Pauses the runner made, not the limits: (stage, seconds) for every stretch in which a
        job was due (queued, past any not_before) while its stage's pool had a free worker — the
        job could have run and did not — and per pool, the seconds in which that was so for some
        job (capacity left idle while work waited)."""
        points: list[tuple[float, int, Change]] = []  # (time, order, change): due times come after
        for index, change in enumerate(self.changes):
            points.append((change.at, 2 * index, change))
            if change.state is State.QUEUED and change.due > change.at:
                points.append((change.due, 2 * index + 1, change))
        points.sort(key=lambda point: (point[0], point[1]))
        active = dict.fromkeys(WorkKind, 0)
        running: dict[int, Stage] = {}
        latest: dict[int, Change] = {}
        due: dict[int, tuple[Stage, float | None]] = {}  # job → (stage, start of its current pause)
        stretches: list[tuple[Stage, float]] = []
        idle = dict.fromkeys(WorkKind, 0.0)
        previous = points[0][0] if points else 0.0
        for at, order, change in points:
            for kind in WorkKind:  # the stretch since the last point
                if active[kind] < limits[kind] and any(STAGE_KIND[st] is kind for st, _ in due.values()):
                    idle[kind] += at - previous
            previous = at
            if order % 2:  # a put-off job falls due
                if latest.get(change.job) is change:
                    due[change.job] = (change.stage, None)
            else:
                latest[change.job] = change
                if change.job in running:
                    active[STAGE_KIND[running.pop(change.job)]] -= 1
                self._end_pause(due.pop(change.job, None), at, stretches)
                if change.state is State.RUNNING:
                    running[change.job] = change.stage
                    active[STAGE_KIND[change.stage]] += 1
                elif change.state is State.QUEUED and change.due <= change.at:
                    due[change.job] = (change.stage, None)
            for job, (stage, began) in list(due.items()):  # pauses start and end with free workers
                free = active[STAGE_KIND[stage]] < limits[STAGE_KIND[stage]]
                if free and began is None:
                    due[job] = (stage, at)
                elif not free and began is not None:
                    self._end_pause((stage, began), at, stretches)
                    due[job] = (stage, None)
        return stretches, idle

    @staticmethod
    def _end_pause(pause: tuple[Stage, float | None] | None, at: float,
                   stretches: list[tuple[Stage, float]]) -> None:
        if pause is not None and pause[1] is not None:
            stretches.append((pause[0], at - pause[1]))


def union(intervals: list[tuple[float, float]]) -> float:
    total, end = 0.0, float("-inf")
    for start, stop in sorted(intervals):
        if stop <= end:
            continue
        total += stop - max(start, end)
        end = stop
    return total


__all__ = ["Trace", "union"]
