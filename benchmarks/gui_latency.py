"""GUI latency: the longest stall of the main window's event loop.

A 5 ms QTimer probe records how late each of its ticks fires; the longest
lateness is the longest time the GUI could not react to a person. Two runs:

1. **transfers** — 4 uploads at full speed (4 parallel uploads, no limit) of
   large uncompressed videos to a sandbox running in a *separate process*
   at a lower CPU priority (so the server's CPU does not count as GUI stall), through the real
   main window: drop → probe → queue → runner → queue view ticks.
2. **10,000 jobs** — the store pre-filled with 10,000 jobs, shown in the
   real main window while the table scrolls continuously, 4 real uploads run
   (``--transfers``; in this process, as in the app) and a background
   thread reports progress for 200 jobs and state changes (as runner events
   do) at ~50 Hz. The initial load is reported separately (once per start).

Run: .venv/bin/python benchmarks/gui_latency.py [--size-mb 150] [--jobs 10000] [--seconds 5] [--transfers 4]
Prints the figures and PASS/MISS against the 50 ms target; exit status 1 on a MISS.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from fractions import Fraction
from pathlib import Path

# The repository instead of benchmarks/ (whose queue.py would hide the standard library's queue).
sys.path[0] = str(Path(__file__).resolve().parents[1])
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_MS = 50.0
PROBE_MS = 5


class StallProbe:
    """A 5 ms timer that remembers how late it fired (the event loop's stalls)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(PROBE_MS)
        self.timer.timeout.connect(self._tick)
        self.worst = 0.0
        self.ticks = 0
        self._last = None

    def start(self) -> None:
        self.worst, self.ticks, self._last = 0.0, 0, time.perf_counter()
        self.worst_cpu, self._last_cpu = 0.0, time.thread_time()
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.worst * 1000

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.worst = max(self.worst, now - self._last - PROBE_MS / 1000)
        # The GUI thread's own CPU time between two ticks: the part of a stall that is its own
        # work, not waiting for a core or for the GIL (which a loaded machine adds).
        self.worst_cpu = max(self.worst_cpu, cpu - self._last_cpu)
        self._last, self._last_cpu = now, cpu
        self.ticks += 1


def pump_until(app, done, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        if done():
            return True
        time.sleep(0.001)
    return False


def make_big_video(path: Path, megabytes: int) -> Path:
    """Uncompressed 1280×720 video (fast to write, as big as asked)."""
    import av

    frame_bytes = 1280 * 720 * 3 // 2
    frames = max(2, megabytes * 1_000_000 // frame_bytes)
    with av.open(str(path), "w", format="nut") as out:
        stream = out.add_stream("rawvideo", rate=25)
        stream.width, stream.height, stream.pix_fmt = 1280, 720, "yuv420p"
        for index in range(frames):
            frame = av.VideoFrame(1280, 720, "yuv420p")
            for plane in frame.planes:
                plane.update(bytes([index % 256]) * plane.buffer_size)
            frame.pts, frame.time_base = index, Fraction(1, 25)
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return path


def start_sandbox(data: Path) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "pixop_desktop", "sandbox", "--port", "0", "--data", str(data)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    if hasattr(os, "setpriority"):
        # A real Pixop server is not on the person's computer: on a small machine the sandbox
        # must not take the CPU from the window it is measured against (it still runs).
        os.setpriority(os.PRIO_PROCESS, process.pid, 10)
    for line in process.stdout:
        if line.startswith("Pixop sandbox running at "):
            return process, line.rsplit(" ", 1)[1].strip()
    raise RuntimeError("the sandbox did not start")


def open_window(url: str, settings):
    from pixop_desktop.services.connection import ServerChoice
    from pixop_desktop.credentials import CredentialSource, Credentials
    from pixop_desktop.jobs.pipeline import PollPolicy
    from pixop_desktop.sandbox import DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_PASSWORD
    from pixop_desktop.settings import ServerKind
    from pixop_desktop.ui.window.main_window import MainWindow

    demo = Credentials(DEFAULT_EMAIL, DEFAULT_PASSWORD, DEFAULT_API_KEY, CredentialSource.SESSION)
    window = MainWindow(ServerChoice(url, ServerKind.SANDBOX), lambda: demo, settings=settings,
                        poll=PollPolicy(first=0.1, longest=0.5))
    window.ask_before_closing = False
    window.show()
    return window


def bench_transfers(app, url: str, work: Path, megabytes: int) -> tuple[float, str]:
    from pixop_desktop.jobs.model import State
    from pixop_desktop.settings import Settings

    files = [make_big_video(work / f"big{i}.nut", megabytes) for i in range(4)]
    window = open_window(url, Settings(parallel_uploads=4, bandwidth_limit_mbps=0))
    try:
        pump_until(app, lambda: window.runner is not None, 30)
        window.intake_panel.ingestion.setCurrentIndex(1)  # Light: the server only reads metadata
        probe = StallProbe()
        probe.start()
        started = time.monotonic()
        window.drop_zone.paths_given.emit([str(f) for f in files])
        finished = pump_until(app, lambda: len(window.store.list_jobs()) == 4 and all(
            j.state in (State.DONE, State.FAILED) for j in window.store.list_jobs()), 600)
        worst = probe.stop()
        worst_cpu = probe.worst_cpu * 1000
        elapsed = time.monotonic() - started
        states = [j.state.value for j in window.store.list_jobs()]
    finally:
        window.shutdown()
        window.deleteLater()
    total_mb = sum(f.stat().st_size for f in files) / 1e6
    note = (f"{total_mb:.0f} MB in {elapsed:.1f} s ({total_mb / elapsed:.0f} MB/s), jobs {states}; longest "
            f"GUI-thread work between ticks {worst_cpu:.1f} ms (CPU)")
    return worst, note if finished else note + " — did not finish"


def bench_ten_thousand(app, url: str, count: int, seconds: float,
                       files: list[Path] = (), limit_mbps: float = 0) -> tuple[float, str]:
    from pixop_desktop.jobs.model import Job, Progress, Source, State
    from pixop_desktop.jobs.store import JobStore
    from pixop_desktop.settings import Settings

    with JobStore() as store:  # PAUSED: on the list, but nothing for the runner to do
        store.add_many(Job(Source.local(f"/media/incoming/clip_{i:05d}.mov", 10_000_000 + i, 1), state=State.PAUSED)
                       for i in range(count))
    started = time.perf_counter()
    window = open_window(url, Settings(parallel_uploads=max(1, len(files)), bandwidth_limit_mbps=limit_mbps))
    load_ms = (time.perf_counter() - started) * 1000
    stop = threading.Event()
    try:
        pump_until(app, lambda: window.runner is not None, 30)
        model, table = window.queue_model, window.queue.table
        jobs = model.all_jobs()
        if files:  # real uploads in this process too, all at once, while the table scrolls
            window.intake_panel.ingestion.setCurrentIndex(1)
            window.drop_zone.paths_given.emit([str(f) for f in files])
            pump_until(app, lambda: sum(j.state is State.RUNNING for j in window.store.list_jobs(
                states=[State.RUNNING])) >= len(files), 60)

        def runner_like_events() -> None:  # what runner threads report, at a high rate
            rng = random.Random(1)
            while not stop.wait(0.02):
                for job in rng.sample(jobs, 200):
                    model.inbox.progress(job.id, Progress(rng.randrange(100), 100, rng.random() * 100,
                                                          5e6, rng.random() * 60))
                model.inbox.job_changed(rng.choice(jobs))

        feeder = threading.Thread(target=runner_like_events, name="bench-events")
        probe = StallProbe()
        probe.start()
        feeder.start()
        bar = table.verticalScrollBar()
        deadline = time.monotonic() + seconds
        step = max(1, bar.maximum() // 400)
        while time.monotonic() < deadline:
            bar.setValue((bar.value() + step) % (bar.maximum() + 1))
            app.processEvents()
            time.sleep(0.004)
        worst = probe.stop()
        ticks, worst_cpu = probe.ticks, probe.worst_cpu * 1000
        running = len(window.store.list_jobs(states=[State.RUNNING]))
    finally:
        stop.set()
        window.shutdown()
        window.deleteLater()
    return worst, (f"{model.rowCount()} rows; opening the window with them took {load_ms:.0f} ms; {ticks} probe "
                   f"ticks; longest GUI-thread work between ticks {worst_cpu:.1f} ms (CPU); {len(files)} uploads "
                   f"started, {running} still running at the end")


def _dump_if_stuck() -> None:
    if os.environ.get("GUI_LATENCY_DEBUG"):
        import faulthandler

        faulthandler.dump_traceback_later(int(os.environ["GUI_LATENCY_DEBUG"]), repeat=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=150, help="size of each of the 4 uploaded videos")
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to scroll the 10,000 jobs")
    parser.add_argument("--transfers", type=int, default=4,
                        help="uploads running while the 10,000 jobs scroll (default 4)")
    parser.add_argument("--limit-mbps", type=float, default=0,
                        help="the bandwidth limit for those uploads (default none: loopback speed)")
    parser.add_argument("--only", choices=("transfers", "jobs"), help="run one of the two measurements")
    args = parser.parse_args()
    _dump_if_stuck()

    with tempfile.TemporaryDirectory(prefix="gui-latency-") as tmp:
        work = Path(tmp)
        os.environ["PIXOP_DESKTOP_HOME"] = str(work / "home")
        from pixop_desktop.ui.app.start import create_application

        app = create_application([sys.argv[0]])
        sandbox, url = start_sandbox(work / "sandbox")
        try:
            results = []
            if args.only in (None, "transfers"):
                results.append(("4 uploads at full speed", *bench_transfers(app, url, work, args.size_mb)))
            if args.only in (None, "jobs"):
                os.environ["PIXOP_DESKTOP_HOME"] = str(work / "home2")
                files = [make_big_video(work / f"view{i}.nut", args.size_mb) for i in range(args.transfers)]
                limit = f" at {args.limit_mbps:g} Mbps" if args.limit_mbps else ""
                results.append((f"{args.jobs:,} jobs in the view, {args.transfers} uploads{limit}",
                                *bench_ten_thousand(app, url, args.jobs, args.seconds, files, args.limit_mbps)))
        finally:
            sandbox.terminate()
            sandbox.wait(30)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    missed = False
    for name, worst, note in results:
        verdict = "PASS" if worst < TARGET_MS else "MISS"
        missed |= verdict == "MISS"
        print(f"{name:28s} longest stall {worst:6.1f} ms (target < {TARGET_MS:.0f})  {verdict}   {note}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
