"""Queue order: priority first (higher runs first), then a manual position.

Positions are integers shared by all jobs. Moving a job renumbers only the
jobs between its old and new place, in the same transaction, so the order is
never half-changed.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from .model import JobNotFound


class OrderMixin:
    """Reordering for ``JobStore`` (needs its ``transaction()``)."""

    def reorder(self, job_id: int, new_position: int) -> None:
        """Put a job at index ``new_position`` (0 = first) of the manual order of all jobs."""
        with self.transaction() as conn:
            ids = [row[0] for row in conn.execute("SELECT id FROM jobs ORDER BY position, id")]
            if job_id not in ids:
                raise JobNotFound(job_id)
            stored = dict(conn.execute("SELECT id, position FROM jobs").fetchall())
            ids.remove(job_id)
            ids.insert(max(0, min(new_position, len(ids))), job_id)
            changed = [(index, job) for index, job in enumerate(ids) if stored[job] != index]
            conn.executemany("UPDATE jobs SET position = ? WHERE id = ?", changed)

    def move_up(self, job_id: int) -> bool:
        """Swap with the job just before it among jobs of the same priority; False at the top."""
        return self._swap_with_neighbour(job_id, "<", "DESC")

    def move_down(self, job_id: int) -> bool:
        """Swap with the job just after it among jobs of the same priority; False at the bottom."""
        return self._swap_with_neighbour(job_id, ">", "ASC")

    def _swap_with_neighbour(self, job_id: int, compare: str, direction: str) -> bool:
        with self.transaction() as conn:
            row = conn.execute("SELECT priority, position FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None:
                raise JobNotFound(job_id)
            priority, position = row
            neighbour = conn.execute(
                f"SELECT id, position FROM jobs WHERE priority = ? AND (position {compare} ? "
                f"OR (position = ? AND id {compare} ?)) ORDER BY position {direction}, id {direction} LIMIT 1",
                (priority, position, position, job_id)).fetchone()
            if neighbour is None:
                return False
            other_id, other_position = neighbour  # positions are unique: add and reorder make them so
            conn.execute("UPDATE jobs SET position = ? WHERE id = ?", (other_position, job_id))
            conn.execute("UPDATE jobs SET position = ? WHERE id = ?", (position, other_id))
            return True

    def set_priority(self, job_ids: Iterable[int], priority: int) -> None:
        """Give jobs a priority (higher runs first); their manual positions stay."""
        job_ids = list(job_ids)
        with self.transaction() as conn:
            marks = ", ".join("?" for _ in job_ids)
            cursor = conn.execute(f"UPDATE jobs SET priority = ?, updated_at = ? WHERE id IN ({marks})",
                                  (int(priority), time.time(), *job_ids))
            if cursor.rowcount != len(set(job_ids)):
                found = {r[0] for r in conn.execute(f"SELECT id FROM jobs WHERE id IN ({marks})", job_ids)}
                raise JobNotFound(next(j for j in job_ids if j not in found))
