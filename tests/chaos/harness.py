"""One chaos round: the whole watched-folder journey through the faulty proxy, then the checks.

Two watchers and two runners share one folder and one job store, in two
processes: here, a ``WatchService`` with a ``Runner`` whose client has short
timeouts (so a stall trips its read timeout); there, the real
``pixop-desktop watch`` command with its own runner and the app's own limits
(a stall only delays it). Both reach the sandbox through the proxy only.

Then, on the server: each file was uploaded once, into one video, and ordered
processed once; on disk: one output per file, byte-identical to the sandbox's
processed media, no partial left, nothing in Failed/.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from pixop_desktop.api.client import PixopClient
from pixop_desktop.api.retry import RetryPolicy
from pixop_desktop.jobs.model import State
from pixop_desktop.jobs.pipeline import PollPolicy
from pixop_desktop.jobs.runner import Limits, RetryRule, Runner
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.sandbox import DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_PASSWORD, Sandbox
from pixop_desktop.watch.rules import build_rule, cli_rule_id
from pixop_desktop.watch.service import WatchService
from pixop_desktop.watch.watcher import EventKind, WatchEvent
from tests.fixtures.clips import make_clip

from .proxy import ChaosProxy, FaultPlan

REQUEST = {"resolution": {"tag": "2x"}}
REPO = Path(__file__).resolve().parents[2]
READ_TIMEOUT = 1.5  # the in-process client's: shorter than every stall the proxy makes
SETTLE = 0.5


@dataclass
class Round:
    seed: int
    files: int
    faults: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    watch_output: str = ""

    def report(self) -> str:
        lines = [f"chaos seed {self.seed}: {len(self.problems)} problem(s) in {self.seconds:.1f} s "
                 f"(replay: make chaos CHAOS_SECONDS=0 CHAOS_SEED={self.seed})", *self.problems,
                 f"{len(self.faults)} fault(s) injected:", *self.faults[-200:],
                 "pixop-desktop watch said:", self.watch_output[-4000:]]
        return "\n".join(lines)


def run_round(work: Path, home: Path, seed: int, *, files: int = 8, plan: FaultPlan = FaultPlan(),
              storm_seconds: float = 20.0, limit: float = 50.0) -> Round:
    """Faults for ``storm_seconds``, then calm, until every file has its result or ``limit`` passes."""
    result = Round(seed, files)
    incoming, output = work / "in", work / "out"
    incoming.mkdir(parents=True)
    started = time.monotonic()
    with ExitStack() as stack:
        sandbox = stack.enter_context(Sandbox(data_dir=work / "sandbox", token_ttl=5))
        proxy = stack.enter_context(ChaosProxy(("127.0.0.1", sandbox.port), plan, seed=seed,
                                               expire_tokens=sandbox.faults.expire_tokens,
                                               lifetime=limit + 60))
        store = stack.enter_context(JobStore())
        child = stack.enter_context(_watch_command(incoming, output, proxy.url, home, work / "watch.log"))
        here = stack.enter_context(_watching_here(store, incoming, output, proxy.url))
        _drop(work / "staging", incoming, files, seed)
        while time.monotonic() - started < limit and not _finished(store, output, files):
            if time.monotonic() - started > storm_seconds:
                proxy.set_plan(plan.calm())
            if child.poll() is not None:
                result.problems.append(f"pixop-desktop watch ended early (status {child.returncode})")
                break
            time.sleep(0.2)
        result.seconds = time.monotonic() - started
        if not _finished(store, output, files):
            result.problems.append(f"not finished after {result.seconds:.0f} s: "
                                   + ", ".join(f"job {j.id} {j.source.file_name} {j.state.value} at "
                                               f"{j.stage.value}" for j in store.list_jobs()))
        runs = sum(entry.to_state is State.RUNNING for job in store.list_jobs() for entry in store.history(job.id))
        stack.close()  # stop both sides before looking: nothing may change under the checks
        result.faults = list(proxy.faults)
        result.watch_output = (work / "watch.log").read_text(errors="replace")
        result.problems += check(sandbox, output, incoming, files)
        result.problems += _both_worked(here, runs, result.watch_output, files)
    return result


def _drop(staging: Path, incoming: Path, files: int, seed: int) -> None:
    """Distinct tiny clips, renamed in at once (as a copy tool that finishes into place does)."""
    for index in range(files):
        make_clip(staging / f"clip{index}.mp4", seconds=1 + index / 5, width=160,
                  height=120, fps=5)
    for index in range(files):
        os.rename(staging / f"clip{index}.mp4", incoming / f"clip{index}.mp4")


def _finished(store: JobStore, output: Path, files: int) -> bool:
    jobs = store.list_jobs()
    return len(jobs) >= files and all(job.state in (State.DONE, State.FAILED, State.CANCELLED) for job in jobs)


class _watch_command:
    """The real ``pixop-desktop watch`` (its own runner) in a second process, stopped by SIGTERM."""

    def __init__(self, incoming: Path, output: Path, server: str, home: Path, log: Path) -> None:
        self.argv = [sys.executable, "-m", "pixop_desktop", "watch", str(incoming), "--process",
                     '{"resolution": {"tag": "2x"}}', "--output", str(output), "--settle", str(SETTLE),
                     "--rescan", "0.3", "--poll", "--poll-max", "0.5"]
        self.env = {**os.environ, "PIXOP_SERVER": server, "PIXOP_EMAIL": DEFAULT_EMAIL,
                    "PIXOP_PASSWORD": DEFAULT_PASSWORD, "PIXOP_API_KEY": DEFAULT_API_KEY,
                    "PIXOP_DESKTOP_HOME": str(home)}
        self.log = log

    def __enter__(self) -> subprocess.Popen:
        self._out = open(self.log, "w")
        self.process = subprocess.Popen(self.argv, stdout=self._out, stderr=subprocess.STDOUT, env=self.env,
                                        cwd=REPO)
        deadline = time.monotonic() + 30  # the files arrive once it watches too
        while "watching" not in self.log.read_text() and self.process.poll() is None:
            if time.monotonic() > deadline:
                raise AssertionError("pixop-desktop watch did not start watching within 30 s")
            time.sleep(0.05)
        return self.process

    def __exit__(self, *exc_info) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._out.close()


class _watching_here:
    """A watch service and a runner in this process, with short client timeouts."""

    def __init__(self, store: JobStore, incoming: Path, output: Path, server: str) -> None:
        self.rule = build_rule(id=cli_rule_id(incoming), folder=str(incoming), processing=REQUEST,
                               output_folder=str(output), name_template="{stem}_pixop",
                               settle_seconds=SETTLE, rescan_seconds=0.3, poll_only=True)
        self.client = PixopClient(server, email=DEFAULT_EMAIL, password=DEFAULT_PASSWORD,
                                  api_key=DEFAULT_API_KEY, timeout=READ_TIMEOUT,
                                  retry_policy=RetryPolicy(max_delay=1.0, budget=20.0))
        self.runner = Runner(store, self.client, tick=0.05, poll=PollPolicy(first=0.1, factor=1.5, longest=0.5),
                             retry=RetryRule(max_attempts=10, first_delay=0.2, longest=1.0),
                             limits=Limits(uploads=2, downloads=2, polls=4, control=2))
        self.submitted: list[str] = []
        self.stage_runs = 0
        self.service = WatchService(store, [self.rule], on_event=self._event, use_events=False)

    def _event(self, event: WatchEvent) -> None:
        if event.kind is EventKind.SUBMITTED:
            self.submitted.append(event.rel_path)

    def _job_changed(self, job) -> None:
        self.stage_runs += job.state is State.RUNNING

    def __enter__(self) -> _watching_here:
        self.runner.events.subscribe_job_changed(self._job_changed)
        self.runner.start()
        self.detach = self.service.attach(self.runner.events, client=self.client)
        self.service.__enter__()
        return self

    def __exit__(self, *exc_info) -> None:
        self.service.__exit__(None, None, None)
        self.detach()
        self.runner.stop(wait=True)
        self.client.close()


def _both_worked(here: _watching_here, runs: int, there: str, files: int) -> list[str]:
    """Each file submitted by one watcher only, and both runners ran stages (else the round proved
    nothing about two of each)."""
    submitted_there = [line.split()[3] for line in there.splitlines() if line.split()[2:3] == ["submitted"]]
    problems = []
    if sorted(here.submitted + submitted_there) != sorted(f"clip{i}.mp4" for i in range(files)):
        problems.append(f"submitted here {sorted(here.submitted)}, by the watch process {sorted(submitted_there)}")
    if not 0 < here.stage_runs < runs:
        problems.append(f"the runner here ran {here.stage_runs} of {runs} stages: not both runners worked")
    return problems


def check(sandbox: Sandbox, output: Path, incoming: Path, files: int) -> list[str]:
    """What must hold after a round, as plain sentences (empty: all held)."""
    problems = []
    videos = sandbox.state.videos()
    originals = [v for v in videos if v.kind == "original"]
    for index in range(files):
        name = f"clip{index}.mp4"
        mine = [v for v in originals if v.name.startswith(name + " [")]
        if len(mine) != 1:
            problems.append(f"{name}: {len(mine)} videos on the server, not 1")
            continue
        source = mine[0]
        if not source.upload_done:
            problems.append(f"{name}: its upload never finished")
        if source.process_orders != 1:
            problems.append(f"{name}: {source.process_orders} processing orders, not 1")
        processed = [v for v in videos if v.parent_id == source.id and v.kind == "processed"]
        if len(processed) != 1:
            problems.append(f"{name}: {len(processed)} processed videos, not 1")
            continue
        problems += _same_bytes(sandbox, processed[0].id, output / f"clip{index}_pixop.mp4")
    stray = sorted(p.name for p in output.iterdir()) if output.exists() else []
    extra = [n for n in stray if n not in {f"clip{i}_pixop.mp4" for i in range(files)}]
    if extra:
        problems.append(f"unexpected files in the output folder: {extra}")
    failed = incoming / "Failed"
    if failed.exists() and any(failed.iterdir()):
        problems.append(f"files in Failed/: {sorted(p.name for p in failed.iterdir())}")
    return problems


def _same_bytes(sandbox: Sandbox, video_id: str, path: Path) -> list[str]:
    if not path.exists():
        return [f"{path.name}: missing"]
    held = sandbox.state.media_path(video_id)
    if held is None or _sha256(held) != _sha256(path):
        return [f"{path.name}: not byte-identical to the server's processed video"]
    return []


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
