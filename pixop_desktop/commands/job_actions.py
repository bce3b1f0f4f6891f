"""``approve`` / ``reject`` / ``cancel`` / ``retry`` JOB...: act on queued jobs by their number.

They change the queue file only (a running queue — the app or ``run-queue``
— notices within a moment); ``--delete-on-server`` also deletes the job's
video on Pixop, which needs a connection.
"""

from __future__ import annotations

import argparse
import contextlib

from pixop_desktop.cli import CommandFailed
from pixop_desktop.commands._common import connected
from pixop_desktop.jobs import control
from pixop_desktop.jobs.model import IllegalTransition, InvalidJob, JobNotFound
from pixop_desktop.jobs.store import JobStore


def add_job_arguments(parser: argparse.ArgumentParser, *, can_delete: bool) -> None:
    parser.add_argument("jobs", nargs="+", type=int, metavar="JOB", help="job numbers (see 'queue')")
    if can_delete:
        parser.add_argument("--delete-on-server", action="store_true",
                            help="also delete the job's video (and its results) on Pixop")


def act_on_jobs(args: argparse.Namespace, action: str) -> int:
    """Apply ``action`` to every job; all are tried, the first problem is reported."""
    problems: list[str] = []
    delete = bool(getattr(args, "delete_on_server", False))
    with contextlib.ExitStack() as stack:
        client = stack.enter_context(connected(args))[0] if delete else None
        store = stack.enter_context(JobStore())
        for job_id in args.jobs:
            try:
                _apply(store, job_id, action, client, delete)
                print(f"{job_id}\t{store.get(job_id).state.value}")
            except (IllegalTransition, JobNotFound, InvalidJob) as exc:
                problems.append(str(exc))
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise CommandFailed(f"Cannot {action}", problems[0] + more)
    return 0


def _apply(store: JobStore, job_id: int, action: str, client, delete: bool) -> None:
    if action == "approve":
        control.approve(store, job_id)
    elif action == "reject":
        control.reject(store, job_id, client=client, delete_on_server=delete)
    elif action == "cancel":
        control.cancel(store, job_id, client=client, delete_on_server=delete)
    elif action == "retry":
        control.retry(store, job_id)
    else:
        raise ValueError(action)
