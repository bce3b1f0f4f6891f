"""A second process must not take over the running jobs of a live runner; a dead one's are recovered."""

from __future__ import annotations

import subprocess
import sys

from pixop_desktop.jobs.model import Job, Source, State, WorkKind
from pixop_desktop.jobs.progress import ProgressMeter
from pixop_desktop.jobs.store import JobStore


def test_recover_leaves_live_owners_alone_and_takes_back_dead_ones(tmp_path):
    with JobStore(tmp_path / "q.sqlite3") as store:
        live_id, dead_id = store.add_many([Job(Source.local("/a.mp4")), Job(Source.local("/b.mp4"))])
        store.register_runner("live")
        [live] = store.claim(WorkKind.CONTROL, 1, owner="live", server="https://x")
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
        store.register_runner("gone")
        store._conn.execute("UPDATE runners SET pid = ? WHERE owner = 'gone'", (int(dead.stdout),))
        [gone] = store.claim(WorkKind.CONTROL, 1, owner="gone")
        assert {live.id, gone.id} == {live_id, dead_id} and live.server == "https://x"
        assert store.recover_interrupted() == [gone.id]
        assert store.get(live.id).state is State.RUNNING
        assert store.get(gone.id).state is State.QUEUED
        assert store.runnable(WorkKind.CONTROL, server="https://other") == [] or \
            all(j.server in (None, "https://other") for j in store.runnable(WorkKind.CONTROL, server="https://other"))


def test_progress_meter_speed_and_eta():
    now = [0.0]
    meter = ProgressMeter(clock=lambda: now[0])
    assert meter.update(0, 1000) == (None, None)
    now[0] = 2.0
    assert meter.update(200, 1000) == (100.0, 8.0)


def test_a_starting_runner_forgets_the_rows_of_dead_runners(tmp_path):
    from pixop_desktop.jobs.runner import Runner

    with JobStore(tmp_path / "q.sqlite3") as store:
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
        store.register_runner("crashed")
        store._conn.execute("UPDATE runners SET pid = ? WHERE owner = 'crashed'", (int(dead.stdout),))
        store.register_runner("silent")
        store._conn.execute("UPDATE runners SET heartbeat = heartbeat - 3600 WHERE owner = 'silent'")
        store.register_runner("alive")
        runner = Runner(store, client=None, server="https://x", tick=0.05).start()  # no job: no request
        try:
            owners = {owner for (owner,) in store._query("SELECT owner FROM runners")}
        finally:
            runner.stop(wait=True)
    assert owners == {"alive", runner.owner}
