"""benchmarks/queue.py keeps working (run small; the full run is documented in README.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "queue.py"


def test_queue_benchmark_runs_as_a_script_and_meets_its_targets_on_a_small_store():
    # Run as people run it: as a script, so its folder comes first on sys.path and a file
    # named queue.py there would shadow the standard library's queue if it did not guard.
    done = subprocess.run([sys.executable, str(BENCHMARK), "--jobs", "300", "--seconds", "0.3",
                           "--threads", "3"], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "300 jobs" in done.stdout and done.stdout.count("PASS") == 2 and "MISS" not in done.stdout
