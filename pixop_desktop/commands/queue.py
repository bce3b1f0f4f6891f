"""The queue file: ``queue`` lists it; ``approve``, ``reject``, ``cancel``, ``retry``, ``remove``,
``clear-finished`` and ``edit`` change it.

They read or change the queue file only, so they work while the app or ``run-queue`` runs
it (a running queue notices within a moment); ``--delete-on-server`` also deletes a job's
video on Pixop, which needs a connection. Running the queue is ``queue_run.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys

from pixop_desktop.commands import Command
from pixop_desktop.commands._common import add_json_option, connected, print_json, print_table
from pixop_desktop.commands.errors import PROG, CommandFailed
from pixop_desktop.jobs import control, reorder
from pixop_desktop.jobs.model import IllegalTransition, InvalidJob, Job, JobNotFound, State
from pixop_desktop.jobs.store import JobStore


# ----- queue: the jobs and their states --------------------------------------------------------

def job_json(job: Job) -> dict:
    p, e = job.progress, job.error
    return {
        "id": job.id, "uid": job.uid, "state": job.state.value, "stage": job.stage.value,
        "source": job.source.path or job.source.url or job.source.object_key,
        "priority": job.priority, "percent": p.percent, "bytesDone": p.bytes_done, "bytesTotal": p.bytes_total,
        "error": None if e is None else {"title": e.title, "message": e.message},
        "videoId": job.video_id, "processedVideoId": job.processed_video_id, "outputPath": job.output_path,
        "freeClipId": job.free_clip_id,
        "attempts": job.attempts, "server": job.server, "createdAt": job.created_at, "finishedAt": job.finished_at,
    }


def _row(job: Job) -> list:
    percent = job.progress.percent
    state = job.state.value.replace("_", " ")
    detail = f"{job.error.title}: {job.error.message}" if job.error else (job.output_path or "")
    if job.free_clip_id:  # an import's free 10-second clip: `pixop-desktop download ID` fetches it
        detail = "; ".join(filter(None, (detail, f"free clip {job.free_clip_id}")))
    return [job.id, state, job.stage.value.replace("_", " "), "" if percent is None else f"{percent:.0f}%",
            job.source.file_name, detail]


def queue(args: argparse.Namespace) -> int:
    with JobStore() as store:
        jobs = store.list_jobs()
    if args.json:
        print_json([job_json(job) for job in jobs])
    else:
        print_table(["JOB", "STATE", "STAGE", "DONE", "FILE", "RESULT / ERROR"], [_row(job) for job in jobs])
    return 0


# ----- approve, reject, cancel, retry JOB... ---------------------------------------------------

def add_job_arguments(parser: argparse.ArgumentParser, *, can_delete: bool) -> None:
    parser.add_argument("jobs", nargs="+", type=int, metavar="JOB", help="job numbers (see 'queue')")
    if can_delete:
        parser.add_argument("--delete-on-server", action="store_true",
                            help="also delete the job's video (and its results) on Pixop")


def act_on_jobs(args: argparse.Namespace, action: str, notes: dict[int, str] | None = None) -> int:
    """Apply ``action`` to every job; all are tried, the first problem is reported. ``notes``:
    a word to print after a job's new state (what approving it costs)."""
    problems: list[str] = []
    delete = bool(getattr(args, "delete_on_server", False))
    with contextlib.ExitStack() as stack:
        client = stack.enter_context(connected(args))[0] if delete else None
        store = stack.enter_context(JobStore())
        for job_id in args.jobs:
            try:
                said = _apply(store, job_id, action, client, delete)
                note = f"\t{notes[job_id]}" if notes and job_id in notes else f"\t{said}" if said else ""
                print(f"{job_id}\t{store.get(job_id).state.value}{note}")
            except (IllegalTransition, JobNotFound, InvalidJob) as exc:
                problems.append(str(exc))
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise CommandFailed(f"Cannot {action}", problems[0] + more)
    return 0


ORDERED_AGAIN = "Pixop could not process it: processing ordered again (the old processed video is set aside)"


def _apply(store: JobStore, job_id: int, action: str, client, delete: bool) -> str | None:
    """Do it; a few words to print after the job's new state, when there is more to say."""
    if action == "approve":
        control.approve(store, job_id)
    elif action == "reject":
        control.reject(store, job_id, client=client, delete_on_server=delete)
    elif action == "cancel":
        control.cancel(store, job_id, client=client, delete_on_server=delete)
    elif action == "retry":
        again = reorder.orders_again(store.get(job_id))
        control.retry(store, job_id)
        return ORDERED_AGAIN if again else None
    else:
        raise ValueError(action)
    return None


def add_jobs(parser: argparse.ArgumentParser) -> None:
    add_job_arguments(parser, can_delete=False)


def add_jobs_and_delete_option(parser: argparse.ArgumentParser) -> None:
    add_job_arguments(parser, can_delete=True)


def approve(args: argparse.Namespace) -> int:
    from pixop_desktop.commands.estimate import approval_figures  # the price it approves

    return act_on_jobs(args, "approve", approval_figures(args))


def reject(args: argparse.Namespace) -> int:
    return act_on_jobs(args, "reject")


def cancel(args: argparse.Namespace) -> int:
    return act_on_jobs(args, "cancel")


def retry(args: argparse.Namespace) -> int:
    return act_on_jobs(args, "retry")


# ----- remove JOB... -------------------------------------------------------------------------
#
# The queue file changes, and the jobs' cached previews go: their results on disk and on Pixop stay.
# A running job is refused (cancel it first); nothing is removed then.

def add_remove_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("jobs", nargs="+", type=int, metavar="JOB", help="job numbers (see 'queue')")


def remove(args: argparse.Namespace) -> int:
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


# ----- clear-finished [--failed] -----------------------------------------------------------
#
# Done and cancelled jobs go; failed ones stay (they can still be retried) unless
# ``--failed``. The queue file changes (and the jobs' cached previews go): results on disk and
# videos on Pixop stay.

def add_clear_finished_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--failed", action="store_true", help="also remove the failed jobs")


def clear_finished(args: argparse.Namespace) -> int:
    states = [State.DONE, State.CANCELLED] + ([State.FAILED] if args.failed else [])
    with JobStore() as store:
        ids = [job.id for job in store.list_jobs(states=states)]
        if ids:
            store.delete(ids)  # none of these states is running: nothing to refuse
    print(f"{PROG}: removed {len(ids)} job(s) from the queue.", file=sys.stderr)
    return 0


# ----- edit JOB [--process JSON | --preset NAME|FILE | --no-processing] ----------------------
#
# Changes what Pixop will do with a queued job, until processing starts. Like ``approve``,
# it changes the queue file only; a running queue (the app or ``run-queue``) reads the job
# again when it reaches the processing stage. Too late (processing started, or the job is
# over) ends in one line saying so.

def add_edit_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("job", type=int, metavar="JOB", help="the job number (see 'queue')")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--process", metavar="JSON", help="the new processing request (JSON, as in the API)")
    which.add_argument("--preset", metavar="NAME|FILE", help="process with this preset instead")
    which.add_argument("--no-processing", action="store_true",
                       help="upload only: no processing (drops the approval hold and the download)")


def new_request(args: argparse.Namespace) -> tuple[dict | None, str | None]:
    """(request JSON or None, preset name) from the options, validated; plain-words errors."""
    from pixop_desktop.processing import ProcessingRequest, ProcessingRequestError

    if args.no_processing:
        return None, None
    if args.preset:
        from pixop_desktop.presets import get_preset

        preset = get_preset(args.preset)  # PresetError has a title and a message
        return preset.request.to_json(), preset.name
    try:
        return ProcessingRequest.from_json(json.loads(args.process)).to_json(), None
    except json.JSONDecodeError as exc:
        raise CommandFailed("Invalid --process", f"It is not valid JSON ({exc.msg}).") from None
    except ProcessingRequestError as exc:
        raise CommandFailed("Invalid --process", "; ".join(p.message for p in exc.problems) or str(exc)) from None


def edit(args: argparse.Namespace) -> int:
    request, preset = new_request(args)
    with JobStore() as store:
        try:
            job = store.set_processing(args.job, request, preset)
        except JobNotFound as exc:
            raise CommandFailed("No such job", str(exc)) from None
    what = f"preset {preset}" if preset else "upload only" if request is None else "custom processing"
    print(f"{job.id}\t{job.state.value}\t{what}")
    return 0


COMMANDS = [
    Command("queue", "list the jobs in the queue and their states", add_json_option, queue),
    Command("approve", "approve jobs waiting for approval, so processing starts",
            add_jobs, approve),
    Command("reject", "reject jobs waiting for approval (cancelled; the video stays on Pixop unless "
                      "--delete-on-server)", add_jobs_and_delete_option, reject),
    Command("cancel", "cancel jobs (optionally deleting their video on Pixop)",
            add_jobs_and_delete_option, cancel),
    Command("retry", "run failed jobs again from the stage they failed in (processing that Pixop "
                     "could not finish is ordered again)",
            add_jobs, retry),
    Command("remove", "remove jobs from the queue (not running ones: cancel them first)",
            add_remove_arguments, remove),
    Command("clear-finished", "remove done and cancelled jobs (and failed ones with --failed) from the queue",
            add_clear_finished_arguments, clear_finished),
    Command("edit", "change a queued job's processing (until processing starts)", add_edit_arguments, edit),
]
