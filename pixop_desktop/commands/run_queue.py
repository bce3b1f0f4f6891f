"""``pixop-desktop run-queue [--forever]``: run the jobs the queue holds, in the foreground.

Without ``--forever`` it returns once nothing is left to run (jobs waiting
for approval stay waiting); with it, it keeps waiting for new jobs (from
``upload --no-wait``, watched folders …) until Ctrl-C. Stopping — Ctrl-C or
a crash — leaves every job resumable: the next run continues where it stopped.
"""

from __future__ import annotations

import argparse
import sys
import threading

from pixop_desktop.cli import PROG, CommandFailed
from pixop_desktop.commands._common import connected
from pixop_desktop.jobs.model import State
from pixop_desktop.jobs.pipeline import PollPolicy
from pixop_desktop.jobs.runner import Limits, Runner
from pixop_desktop.jobs.store import JobStore

HELP = "run the queued jobs (upload, process, download) until none is left"


def add_limit_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--uploads", type=int, default=2, metavar="N", help="uploads at once (default 2)")
    parser.add_argument("--downloads", type=int, default=2, metavar="N", help="downloads at once (default 2)")
    parser.add_argument("--poll-max", type=float, default=15.0, metavar="SECONDS",
                        help="longest wait between two status checks (default 15)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--forever", action="store_true", help="keep running and wait for new jobs")
    add_limit_options(parser)


def make_runner(store: JobStore, client, server: str, args: argparse.Namespace) -> Runner:
    limits = Limits(uploads=max(1, args.uploads), downloads=max(1, args.downloads))
    poll = PollPolicy(first=min(0.5, args.poll_max), longest=max(0.1, args.poll_max))
    return Runner(store, client, server=server, limits=limits, poll=poll)


def run(args: argparse.Namespace) -> int:
    with connected(args) as (client, ctx), JobStore() as store:
        runner = make_runner(store, client, ctx.server.url, args).start()
        try:
            if args.forever:
                threading.Event().wait()  # until Ctrl-C
            else:
                runner.wait_idle()
        finally:
            runner.stop(wait=True)
        return summarize(store)


def summarize(store: JobStore, ids=None) -> int:
    """One line on stderr about what is left; non-zero when a job failed."""
    jobs = store.list_jobs(ids=ids)
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
