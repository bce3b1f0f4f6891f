"""The chaos test: the whole watched-folder journey through a faulty proxy (tests/chaos/proxy.py),
two watchers and two runners on one folder, then every file checked on the server and on disk.

The short version runs in ``make test`` with fixed seeds; ``make chaos`` runs new seeds for as long
as ``CHAOS_SECONDS`` says (``CHAOS_SEED`` replays one). Each failure prints its seed and the faults.
"""

from __future__ import annotations

import os
import time

import pytest

from .harness import run_round
from .proxy import FaultPlan

SHORT_SEEDS = (1, 2, 3)


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.parametrize("seed", SHORT_SEEDS)
def test_every_file_once_and_byte_identical_through_a_faulty_network(seed, tmp_path, app_home):
    result = run_round(tmp_path, app_home, seed)
    assert not result.problems, result.report()
    assert result.faults, "the proxy injected no fault: the test proved nothing"


LONG_SECONDS = float(os.environ.get("CHAOS_SECONDS") or 0)
REPLAY_SEED = os.environ.get("CHAOS_SEED")


@pytest.mark.skipif(not LONG_SECONDS and not REPLAY_SEED, reason="the long chaos run: make chaos")
@pytest.mark.timeout(LONG_SECONDS + 300)
def test_chaos_for_as_long_as_asked(tmp_path, monkeypatch):
    """The harsh plan, seed after seed (from CHAOS_SEED, else the clock) until CHAOS_SECONDS pass;
    CHAOS_SECONDS=0 CHAOS_SEED=N replays one. Every failing seed is reported, not just the first."""
    seed = int(REPLAY_SEED) if REPLAY_SEED else time.time_ns() % 1_000_000
    ends = time.monotonic() + LONG_SECONDS
    reports, rounds = [], 0
    while True:
        home = tmp_path / f"round-{seed}" / "home"
        home.mkdir(parents=True)
        monkeypatch.setenv("PIXOP_DESKTOP_HOME", str(home))  # a fresh job store each round
        result = run_round(tmp_path / f"round-{seed}", home, seed, plan=FaultPlan.harsh(), storm_seconds=30,
                           limit=90)
        rounds += 1
        print(f"chaos seed {seed}: {len(result.faults)} faults, {len(result.problems)} problems, "
              f"{result.seconds:.1f} s", flush=True)
        if result.problems:
            reports.append(result.report())
        seed += 1
        if time.monotonic() >= ends:
            break
    assert not reports, f"{len(reports)} of {rounds} seeds failed:\n\n" + "\n\n".join(reports)
