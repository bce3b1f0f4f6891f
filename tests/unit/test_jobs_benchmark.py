"""benchmarks/queue_store.py keeps working (run small; the full run is documented in README.md)."""

from __future__ import annotations

import runpy
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "queue_store.py"


def test_queue_benchmark_runs_and_meets_its_targets_on_a_small_store(capsys):
    module = runpy.run_path(str(BENCHMARK), run_name="queue_benchmark")
    assert module["main"](["--jobs", "300", "--seconds", "0.3", "--threads", "3"]) == 0
    out = capsys.readouterr().out
    assert "300 jobs" in out and out.count("PASS") == 2 and "MISS" not in out
