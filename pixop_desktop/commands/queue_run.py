"""``pixop-desktop run-queue [--forever]``: run the jobs the queue holds, in the foreground.

Without ``--forever`` it returns once nothing is left to run (jobs waiting
for approval stay waiting); with it, it keeps waiting for new jobs (from
``upload --no-wait``, watched folders …) until Ctrl-C. Stopping — Ctrl-C or
a crash — leaves every job resumable: the next run continues where it stopped.

The exit status and the summary speak of the jobs THIS run touched (ran, or
saw end), not of every job the queue ever held: an old failure left in the
queue does not make every later run fail. Progress: one line per job on
stderr (see queue_progress.py). The queued ``upload`` and the imports run their
jobs with the same runner (``make_runner``) and judge them with ``summarize``.
"""

from __future__ import annotations

import argparse
import sys
import threading

from pixop_desktop.commands import Command
from pixop_desktop.commands._common import WAKE_SECONDS, add_bandwidth_option, add_connections_option, connected
from pixop_desktop.commands.errors import PROG, CommandFailed
from pixop_desktop.commands.queue_progress import QueueProgress
from pixop_desktop.jobs.model import State
from pixop_desktop.jobs.pipeline import PollPolicy
from pixop_desktop.jobs.runner import Runner
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.services import runner as services_runner
from pixop_desktop.settings import Settings, load_settings


def add_limit_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--uploads", type=int, metavar="N",
                        help="uploads at once (default: the app's Settings, 2 unless changed)")
    parser.add_argument("--downloads", type=int, metavar="N",
                        help="downloads at once (default: the app's Settings, 2 unless changed)")
    parser.add_argument("--poll-max", type=float, default=15.0, metavar="SECONDS",
                        help="longest wait between two status checks (default 15)")
    add_bandwidth_option(parser)


def add_run_queue_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--forever", action="store_true", help="keep running and wait for new jobs")
    add_limit_options(parser)
    add_connections_option(parser)


def make_runner(store: JobStore, client, server: str, args: argparse.Namespace, *,
                settings: Settings | None = None, only_jobs=None) -> Runner:
    """``services.runner.make_runner`` with this command's options (``--uploads``, ``--downloads``,
    ``--poll-max``, ``--limit``, ``--connections``) over the saved Settings; ``only_jobs`` narrows it to those job ids.

    Not started: subscribe to ``runner.events`` first, then ``runner.start()``.
    """
    poll_max = getattr(args, "poll_max", 15.0)
    return services_runner.make_runner(
        store, client, settings or load_settings(), server=server,
        poll=PollPolicy(first=min(0.5, poll_max), longest=max(0.1, poll_max)),
        limit_mbps=getattr(args, "limit", None), uploads=getattr(args, "uploads", None),
        downloads=getattr(args, "downloads", None), only_jobs=only_jobs,
        connections=getattr(args, "download_connections", None))


def run_queue(args: argparse.Namespace) -> int:
    touched: set[int] = set()
    with connected(args) as (client, ctx), JobStore() as store:
        runner = make_runner(store, client, ctx.server.url, args, settings=ctx.settings)
        runner.events.subscribe_job_changed(lambda job: touched.add(job.id))
        with QueueProgress().watching(runner.events):
            runner.start()
            try:
                # Timed waits: an untimed one is not interrupted by Ctrl-C on Windows.
                if args.forever:
                    while not threading.Event().wait(WAKE_SECONDS):  # until Ctrl-C
                        pass
                else:
                    while not runner.wait_idle(WAKE_SECONDS):
                        pass
            finally:
                runner.stop(wait=True)
        if not touched:
            print(f"{PROG}: nothing to run.", file=sys.stderr)
            return 0
        return summarize(store, sorted(touched))


def summarize(store: JobStore, ids) -> int:
    """One line on stderr about the jobs ``ids``; non-zero when one of them failed."""
    jobs = store.list_jobs(ids=list(ids))
    failed = [job for job in jobs if job.state is State.FAILED]
    waiting = [job for job in jobs if job.state is State.NEEDS_APPROVAL]
    if waiting:
        print(f"{PROG}: {len(waiting)} job(s) wait for approval: "
              f"{PROG} approve {' '.join(str(j.id) for j in waiting)}", file=sys.stderr)
    if failed:
        first = failed[0]
        detail = f"{first.error.title}: {first.error.message}" if first.error else "no reason recorded"
        raise CommandFailed("Jobs failed", f"{len(failed)} job(s) failed (job {first.id}: {detail}). "
                                           f"See '{PROG} queue'; '{PROG} retry JOB' runs one again.")
    return 0


COMMANDS = [
    Command("run-queue", "run the queued jobs (upload, process, download) until none is left",
            add_run_queue_arguments, run_queue),
]
