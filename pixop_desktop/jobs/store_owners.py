"""Which runner (process) works on which job, so two processes never run the same job.

A runner registers itself (``owner`` = host:pid:random) and beats a heartbeat
every few seconds; jobs it claims carry its owner. ``recover_interrupted``
hands back to the queue only RUNNING jobs whose owner is gone: unregistered,
silent for ``STALE_AFTER`` seconds, or a dead process on this host (so a
restart right after ``kill -9`` resumes at once, without waiting for staleness).
"""

from __future__ import annotations

import os
import socket
import time
import uuid

from pixop_desktop.processes import pid_alive

STALE_AFTER = 30.0  # seconds without a heartbeat after which a runner counts as dead


def new_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class OwnerMixin:
    """Runner registration for ``JobStore`` (needs ``transaction()`` and ``_query``)."""

    def register_runner(self, owner: str) -> None:
        now = time.time()
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO runners (owner, host, pid, started_at, heartbeat) "
                         "VALUES (?, ?, ?, ?, ?)", (owner, socket.gethostname(), os.getpid(), now, now))

    def heartbeat(self, owner: str) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE runners SET heartbeat = ? WHERE owner = ?", (time.time(), owner))

    def unregister_runner(self, owner: str) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM runners WHERE owner = ?", (owner,))

    def live_owners(self, stale_after: float = STALE_AFTER) -> set[str]:
        """Owners of runners that are (as far as we can tell) still running."""
        return owners_alive(self._query(RUNNER_ROWS), stale_after)

    def forget_dead_runners(self, stale_after: float = STALE_AFTER) -> list[str]:
        """Delete the rows of runners that are gone; returns their owners."""
        alive = self.live_owners(stale_after)
        forgotten = []
        with self.transaction() as conn:
            for (owner,) in conn.execute("SELECT owner FROM runners").fetchall():
                if owner not in alive:
                    conn.execute("DELETE FROM runners WHERE owner = ?", (owner,))
                    forgotten.append(owner)
        return forgotten


#: The runner rows :func:`owners_alive` reads.
RUNNER_ROWS = "SELECT owner, host, pid, heartbeat FROM runners"


def owners_alive(rows, stale_after: float = STALE_AFTER) -> set[str]:
    """The owners among ``rows`` (of :data:`RUNNER_ROWS`) whose runner still runs: a fresh
    heartbeat and, on this host, a live process. Usable on a read-only connection too."""
    host, now = socket.gethostname(), time.time()
    alive = set()
    for owner, runner_host, pid, beat in rows:
        if now - beat > stale_after:
            continue
        if runner_host == host and pid != os.getpid() and not pid_alive(pid):
            continue
        alive.add(owner)
    return alive
