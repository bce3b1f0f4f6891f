"""Queue scale: a store of 10,000 jobs.

Measures what the issue sets targets for:
- loading the queue: open the SQLite file and read every job into model objects (< 0.5 s);
- one progress update, the call transfer threads make per chunk (median < 1 ms).

Run: .venv/bin/python benchmarks/queue.py [--jobs N] [--seconds S] [--threads N]
Exit status 0 when every figure meets its target, 1 otherwise.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

# This file is named like the standard library's queue module, which Python would find here
# first for everything imported below (logging.handlers, concurrent.futures...): import through
# the repository root instead of benchmarks/.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from pixop_desktop.jobs.model import Job, Source, State  # noqa: E402
from pixop_desktop.jobs.store import JobStore  # noqa: E402

LOAD_TARGET_S = 0.5
UPDATE_TARGET_S = 0.001
REQUEST = {"mediaProcessingParameters": {"container": "MP4", "codec": "H264"}}


def make_jobs(count: int) -> list[Job]:
    return [Job(Source.local(f"/media/incoming/clip_{i:05d}.mov", 10_000_000 + i, 1_700_000_000_000_000_000 + i),
                processing=REQUEST, preset="HD 1080p", output_folder="/media/done", project_id="p1")
            for i in range(count)]


def fill(path: Path, count: int) -> None:
    with JobStore(path) as store:
        store.add_many(make_jobs(count))
        # A realistic mix: some running, some finished.
        for job in store.list_jobs(limit=count // 10):
            store.transition(job.id, State.RUNNING)


def time_load(path: Path, count: int) -> float:
    started = time.perf_counter()
    store = JobStore(path)
    jobs = store.list_jobs()
    elapsed = time.perf_counter() - started
    store.close()
    assert len(jobs) == count, (len(jobs), count)
    return elapsed


def time_updates(path: Path, seconds: float, threads: int) -> tuple[list[float], list[float]]:
    """Calls from several threads at once for a few seconds, as transfers make them.

    Each thread reports about 2,000 times a second (64 KiB chunks at ~130 MB/s),
    long enough that the once-a-second writes to SQLite are among the samples.
    Meanwhile a "GUI" thread reads single jobs, to see what sharing one
    connection behind a lock costs a reader.
    """
    samples: list[float] = []
    lock = threading.Lock()
    with JobStore(path) as store:
        running = [job.id for job in store.list_jobs(states=[State.RUNNING])][:threads]

        def worker(job_id: int) -> None:
            mine = []
            deadline = time.monotonic() + seconds
            done = 0
            while time.monotonic() < deadline:
                started = time.perf_counter()
                store.update_progress(job_id, done, 10**12, 50e6, 12.0)
                mine.append(time.perf_counter() - started)
                done += 65536
                time.sleep(0.0005)
            with lock:
                samples.extend(mine)

        reads: list[float] = []

        def reader() -> None:
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                started = time.perf_counter()
                store.get(running[len(reads) % len(running)])
                reads.append(time.perf_counter() - started)
                time.sleep(0.002)

        workers = [threading.Thread(target=worker, args=(job_id,)) for job_id in running]
        workers.append(threading.Thread(target=reader))
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join()
    return samples, reads


def report(name: str, value: float, target: float, unit: str, scale: float) -> bool:
    ok = value < target
    print(f"{name:<40} {value * scale:10.3f} {unit}   target < {target * scale:g} {unit}   "
          f"{'PASS' if ok else 'MISS'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=3.0, help="how long the threads report progress")
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "queue.sqlite3"
        fill(path, args.jobs)
        load = min(time_load(path, args.jobs) for _ in range(3))
        samples, reads = time_updates(path, args.seconds, args.threads)
    print(f"queue benchmark: {args.jobs} jobs, {len(samples)} progress updates from {args.threads} threads")
    ok = report("load queue (open + list all jobs)", load, LOAD_TARGET_S, "s", 1)
    ok &= report("progress update, median", statistics.median(samples), UPDATE_TARGET_S, "ms", 1000)
    print(f"{'progress update, 99th percentile / max':<40} {statistics.quantiles(samples, n=100)[98] * 1000:10.3f} ms"
          f" / {max(samples) * 1000:.3f} ms   (information: includes the writes to SQLite)")
    print(f"{'read one job meanwhile, median / p99':<40} {statistics.median(reads) * 1000:10.3f} ms"
          f" / {statistics.quantiles(reads, n=100)[98] * 1000:.3f} ms   (information)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
