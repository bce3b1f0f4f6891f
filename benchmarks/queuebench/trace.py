"""What the runner did, from its events: when each stage of each job ran, and the pauses.

``Trace`` subscribes to ``RunnerEvents.job_changed`` and keeps (time, job, state, stage,
not_before) for every change. From that:

- transfer intervals (upload and download stages while RUNNING): their sum, and their union
  (the time the link was in use at all);
- hand-offs: a stage that ended and put the job in the queue for its next stage, due at once,
  until a worker took it up — counted only when that stage's pool had a free worker (waiting
  for a free worker is the limit doing its job, not a pause); the same for a poll that is due
  again (a Wait's ``not_before``): how late it ran.
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

    def handoffs(self, limits: dict[WorkKind, int]) -> tuple[list[float], list[float]]:
        """Seconds from "queued and due, a worker free" to "running": after a stage that
        advanced (due at once), and after a Wait (due at its not_before: a poll's lateness)."""
        active = dict.fromkeys(WorkKind, 0)
        waiting: dict[int, tuple[Stage, float, bool]] = {}  # job → (stage, due, due at once)
        running: dict[int, Stage] = {}
        advanced, polls = [], []
        for change in self.changes:
            if change.job in running:
                active[STAGE_KIND[running.pop(change.job)]] -= 1
            if change.state is State.RUNNING:
                held = waiting.pop(change.job, None)
                if held is not None and held[0] is change.stage:
                    (advanced if held[2] else polls).append(max(0.0, change.at - held[1]))
                running[change.job] = change.stage
                active[STAGE_KIND[change.stage]] += 1
            else:
                waiting.pop(change.job, None)
                kind = STAGE_KIND[change.stage]
                if change.state is State.QUEUED and active[kind] < limits[kind]:
                    waiting[change.job] = (change.stage, change.due, change.due <= change.at + 1e-3)
        return advanced, polls


def union(intervals: list[tuple[float, float]]) -> float:
    total, end = 0.0, float("-inf")
    for start, stop in sorted(intervals):
        if stop <= end:
            continue
        total += stop - max(start, end)
        end = stop
    return total


__all__ = ["Trace", "union"]
