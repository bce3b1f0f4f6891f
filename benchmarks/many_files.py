"""Many files: N small videos through the whole queue against the sandbox, on loopback.

    .venv/bin/python benchmarks/many_files.py [--jobs 200] [--size-mib 1] [--mbps 0] [--uploads 2] [--downloads 2]

Each job uploads a small clip (a short video padded to ``--size-mib``, see transferbench/media), waits for ingestion, orders processing, waits for it and downloads
the result, through the app's own runner (its default poll policy and dispatcher tick) and a
sandbox in a process of its own. The runner's events give when each stage ran; printed:

- wall time against the time the link was in use (transfers running: the union of their
  intervals) and the sum of the transfer times;
- pauses: stretches in which a job was due (for its next stage, or a poll) and its stage's pool
  had a free worker, yet it did not run — the target is none of a second or more — and, per
  pool, the time its capacity sat idle while work waited.

``--mbps`` sets the app's shared bandwidth limit (0: none), making the link the bottleneck.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

import argparse  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402

from benchmarks.queuebench.trace import Trace, union  # noqa: E402
from benchmarks.transferbench.media import make_video  # noqa: E402
from pixop_desktop.api import PixopClient  # noqa: E402
from pixop_desktop.jobs.model import Job, Source, State, WorkKind  # noqa: E402
from pixop_desktop.jobs.runner import Limits, Runner  # noqa: E402
from pixop_desktop.jobs.store import JobStore  # noqa: E402
from benchmarks.transferbench.servers import free_port  # noqa: E402
from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD  # noqa: E402
from pixop_desktop.services.words import mbps_to_bytes_per_second  # noqa: E402
from pixop_desktop.transfer.throttle import BandwidthLimiter  # noqa: E402

HANDOFF_TARGET_S = 1.0
REQUEST = {"resolution": {"tag": "2x"}}


def make_jobs(folder: Path, count: int, out: Path, size: int) -> list[Job]:
    first = folder / "clip-0000.mp4"
    make_video(first, size)
    jobs = []
    for index in range(count):
        path = folder / f"clip-{index:04d}.mp4"
        if index:
            shutil.copyfile(first, path)
        info = path.stat()
        jobs.append(Job(Source.local(str(path), info.st_size, info.st_mtime_ns), processing=REQUEST,
                        output_folder=str(out)))
    return jobs


@contextmanager
def sandbox_process(data: Path) -> Iterator[str]:
    """The sandbox in a process of its own, as a real server is: in this one, the GIL would
    make the server and the app take turns on one core."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "pixop_desktop", "sandbox", "--port", str(port),
                               "--data", str(data)], cwd=_HERE.parent, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the sandbox did not start") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _cpu() -> float:
    times = os.times()
    return times.user + times.system


def quantile(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(q * len(values)))] if values else 0.0


def run(args: argparse.Namespace, tmp: Path) -> int:
    (tmp / "src").mkdir()
    jobs = make_jobs(tmp / "src", args.jobs, tmp / "out", int(args.size_mib * (1 << 20)))
    limits = Limits(uploads=args.uploads, downloads=args.downloads)
    trace = Trace()
    with sandbox_process(tmp / "sandbox") as url, JobStore(tmp / "queue.sqlite3") as store:
        client = PixopClient(url, email=DEFAULT_EMAIL, password=DEFAULT_PASSWORD, timeout=120.0)
        ids = store.add_many(jobs)
        runner = Runner(store, client, limits=limits,
                        limiter=BandwidthLimiter(mbps_to_bytes_per_second(args.mbps)))
        runner.events.subscribe_job_changed(trace)
        started, cpu_before = time.time(), _cpu()
        with runner:
            finished = runner.wait_for(ids, timeout=args.timeout)
        wall, cpu = time.time() - started, _cpu() - cpu_before
        states = [job.state for job in store.list_jobs(ids=ids)]
        client.close()
    done = states.count(State.DONE)
    transfers = trace.transfer_intervals()
    busy, total = union(transfers), sum(end - start for start, end in transfers)
    pauses, idle = trace.pauses({kind: limits.of(kind) for kind in WorkKind})
    print(f"many files: {args.jobs} jobs of {args.size_mib:g} MiB, {done} done{'' if finished else ' (timed out)'}; "
          f"uploads {args.uploads}, downloads {args.downloads} at once; limit "
          f"{args.mbps or 'none'} Mbps")
    print(f"  wall time                         {wall:8.1f} s")
    print(f"  CPU of the app                    {cpu:8.1f} s   {cpu / wall:.2f} of {os.cpu_count()} cores")
    print(f"  link in use (union of transfers)  {busy:8.1f} s   wall / link in use {wall / max(busy, 1e-9):.2f}")
    print(f"  sum of transfer times             {total:8.1f} s   ({len(transfers)} transfers)")
    longest = max((seconds for _, seconds in pauses), default=0.0)
    values = [seconds for _, seconds in pauses]
    print(f"  pauses (due, a worker free)       median {statistics.median(values or [0]) * 1000:.0f} ms, "
          f"p95 {quantile(values, 0.95) * 1000:.0f} ms, longest {longest * 1000:.0f} ms ({len(values)})   "
          f"target < {HANDOFF_TARGET_S:g} s   {'PASS' if longest < HANDOFF_TARGET_S else 'MISS'}")
    by_stage: dict[str, float] = {}
    for stage, seconds in pauses:
        by_stage[stage.value] = max(by_stage.get(stage.value, 0.0), seconds)
    print("    longest, by stage: " + ", ".join(f"{name} {value * 1000:.0f} ms" for name, value in by_stage.items()))
    print("  pool idle while work waited: " + ", ".join(f"{kind.value} {value:.2f} s" for kind, value in idle.items()))
    per_stage: dict[str, list[float]] = {}
    for _, stage, start, end in trace.runs():
        per_stage.setdefault(stage.value, []).append(end - start)
    print("  one run of a stage, median (runs): " + ", ".join(
        f"{name} {statistics.median(values) * 1000:.0f} ms ({len(values)})" for name, values in per_stage.items()))
    return 0 if finished and done == args.jobs and longest < HANDOFF_TARGET_S else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=200)
    parser.add_argument("--size-mib", type=float, default=1.0, help="each video's size (default 1 MiB)")
    parser.add_argument("--mbps", type=float, default=0.0, help="the app's bandwidth limit (0: none)")
    parser.add_argument("--uploads", type=int, default=2)
    parser.add_argument("--downloads", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=1800.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pixop-many-") as tmp:
        os.environ["PIXOP_DESKTOP_HOME"] = str(Path(tmp) / "home")  # this run's app files, not yours
        return run(args, Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
