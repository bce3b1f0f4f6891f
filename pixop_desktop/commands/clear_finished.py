"""``pixop-desktop clear-finished [--failed]``: remove the jobs that are over from the queue.

Done and cancelled jobs go; failed ones stay (they can still be retried)
unless ``--failed``. Only the queue file changes: results on disk and videos
on Pixop stay.
"""

from __future__ import annotations

import argparse
import sys

from pixop_desktop.cli import PROG
from pixop_desktop.jobs.model import State
from pixop_desktop.jobs.store import JobStore

HELP = "remove done and cancelled jobs (and failed ones with --failed) from the queue"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--failed", action="store_true", help="also remove the failed jobs")


def run(args: argparse.Namespace) -> int:
    states = [State.DONE, State.CANCELLED] + ([State.FAILED] if args.failed else [])
    with JobStore() as store:
        ids = [job.id for job in store.list_jobs(states=states)]
        if ids:
            store.delete(ids)  # none of these states is running: nothing to refuse
    print(f"{PROG}: removed {len(ids)} job(s) from the queue.", file=sys.stderr)
    return 0
