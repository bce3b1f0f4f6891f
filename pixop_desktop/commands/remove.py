"""``pixop-desktop remove JOB...``: take jobs out of the queue (their history too).

Only the queue file changes: what the jobs made on Pixop and on disk stays.
A running job is refused (cancel it first); nothing is removed then.
"""

from __future__ import annotations

import argparse

from pixop_desktop.cli import CommandFailed
from pixop_desktop.jobs.model import InvalidJob
from pixop_desktop.jobs.store import JobStore

HELP = "remove jobs from the queue (not running ones: cancel them first)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("jobs", nargs="+", type=int, metavar="JOB", help="job numbers (see 'queue')")


def run(args: argparse.Namespace) -> int:
    with JobStore() as store:
        known = {job.id for job in store.list_jobs(ids=args.jobs)}
        unknown = [job_id for job_id in args.jobs if job_id not in known]
        if unknown:
            raise CommandFailed("Cannot remove", f"There is no job {unknown[0]} in the queue. Nothing was removed.")
        try:
            store.delete(sorted(known))
        except InvalidJob as exc:
            raise CommandFailed("Cannot remove", f"{exc} Nothing was removed.") from None
    for job_id in args.jobs:
        print(f"{job_id}\tremoved")
    return 0
