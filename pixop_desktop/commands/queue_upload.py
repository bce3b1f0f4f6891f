"""The queue options of ``upload``: ``[--process JSON | --preset NAME|FILE] [--download DIR] [--no-wait]``.

With any of them, the files become jobs in the queue (the same crash-safe
queue the app and ``run-queue`` run) and the whole pipeline runs in the
foreground until those jobs end; with ``--no-wait`` they are only enqueued.

Running the same command again (after Ctrl-C, a crash, or a failure) takes up
the job the first run added instead of adding a second one — see
services/twins.py; a job already done is only reported unless ``--again``. The
foreground runner runs only this command's jobs, never the rest of the queue.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pixop_desktop.commands._common import connected, context_from, printable
from pixop_desktop.commands.errors import PROG, CommandFailed
from pixop_desktop.commands.queue_progress import QueueProgress
from pixop_desktop.commands.queue_run import add_limit_options, make_runner, summarize
from pixop_desktop.jobs.model import DEFAULT_INGESTION, ENDED_STATES, Ingestion, Job, Source, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.services.twins import Action, find_twins, take_up
from pixop_desktop.transfer.probe import LocalMedia


def add_queue_arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--process", metavar="JSON", help="process each video with this request (JSON, "
                                                         "as in the Pixop API) through the job queue")
    which.add_argument("--preset", metavar="NAME|FILE", help="process each video with this preset")
    parser.add_argument("--download", metavar="DIR", help="download each result into this folder")
    parser.add_argument("--hold", action="store_true",
                        help="upload, then hold each video for approval before processing starts "
                             f"('{PROG} approve JOB' or 'reject JOB', or the app)")
    add_limit_options(parser)


def wants_queue(args: argparse.Namespace) -> bool:
    return bool(args.process or args.preset or args.download or args.hold)


def processing_request(args: argparse.Namespace) -> tuple[dict | None, str | None]:
    """(processing request JSON, preset name) from --process or --preset, validated."""
    from pixop_desktop.processing import ProcessingRequest, ProcessingRequestError

    if args.preset:
        from pixop_desktop.presets import get_preset

        preset = get_preset(args.preset)
        return preset.request.to_json(), preset.name
    if not args.process:
        return None, None
    try:
        return ProcessingRequest.from_json(json.loads(args.process)).to_json(), None
    except json.JSONDecodeError as exc:
        raise CommandFailed("Invalid --process", f"It is not valid JSON ({exc.msg}).") from None
    except ProcessingRequestError as exc:
        problems = "; ".join(p.message for p in exc.problems) or str(exc)
        raise CommandFailed("Invalid --process", problems) from None


def add_again_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--again", action="store_true",
                        help="process a file again even though the same job (same file, same options) is "
                             "already done; without it, running the same command again resumes the "
                             "unfinished job, or only reports the finished one")


def _wanted_job(args: argparse.Namespace, media: LocalMedia, request: dict | None, preset: str | None) -> Job:
    return Job(Source.local(str(media.path.resolve()), media.size, media.mtime_ns),
               ingestion=Ingestion.LIGHT if args.light else DEFAULT_INGESTION, project_id=args.project,
               processing=request, preset=preset, needs_approval=args.hold,
               output_folder=str(Path(args.download).resolve()) if args.download else None)


def _result_of(job: Job) -> str:
    return job.output_path or job.processed_video_id or job.video_id or "-"


def _enqueue(store: JobStore, server: str, files: list[LocalMedia], wanted: list[Job],
             again: bool) -> tuple[list[int], list[int]]:
    """(every job id in file order, the ids to run): twins are taken up or reported, the rest added.

    A twin with other options (``Action.ASK``) gets a job of its own: the command line cannot ask,
    and it was told what to add.
    """
    ids: list[int | None] = []
    to_add: list[Job] = []
    for media, job, twin in zip(files, wanted, find_twins(store, wanted, server)):
        if twin is not None and twin.action is Action.TAKE_UP:
            ids.append(take_up(store, twin.job).id)
            print(f"{printable(media.path.name)}\tresuming job {twin.job.id}", file=sys.stderr)
        elif twin is not None and twin.action is Action.REPORT_DONE and not again:
            ids.append(twin.job.id)
            print(f"{PROG}: {printable(media.path.name)}: already done: job {twin.job.id} → {_result_of(twin.job)} "
                  f"(--again processes it again)", file=sys.stderr)
        else:
            ids.append(None)
            to_add.append(job)
    free = [index for index, job_id in enumerate(ids) if job_id is None]
    for index, job_id in zip(free, store.add_many(to_add)):
        ids[index] = job_id
        print(f"{printable(files[index].path.name)}\tjob {job_id}", file=sys.stderr)
    done = {job.id for job in store.list_jobs(ids=ids, states=[State.DONE])}
    return ids, [job_id for job_id in ids if job_id not in done]


def run_queued(args: argparse.Namespace, files: list[LocalMedia]) -> int:
    request, preset = processing_request(args)
    if args.download and request is None:
        raise CommandFailed("Nothing to download", "--download needs --process or --preset: "
                                                   "an upload-only job has no result.")
    if args.hold and request is None:
        raise CommandFailed("Nothing to approve", "--hold needs --process or --preset: "
                                                  "approval is asked before processing.")
    wanted = [_wanted_job(args, media, request, preset) for media in files]
    server = context_from(args).server.url
    with JobStore() as store:
        ids, to_run = _enqueue(store, server, files, wanted, getattr(args, "again", False))
        if args.no_wait:
            print(f"{PROG}: {len(to_run)} job(s) in the queue; '{PROG} run-queue' runs them.", file=sys.stderr)
            return 0
        if to_run:
            _run_in_foreground(store, args, to_run)
        for job in store.list_jobs(ids=ids):
            # The output only of a job that finished: a failed one's planned path holds nothing.
            output = job.output_path if job.state is State.DONE and job.output_path else "-"
            print("\t".join([printable(Path(job.source.path).name), job.video_id or "-", printable(output)]),
                  flush=True)
        return summarize(store, ids)


def _run_in_foreground(store: JobStore, args: argparse.Namespace, ids: list[int]) -> None:
    """Run just these jobs (not the rest of the queue) until they end, showing their progress."""
    with connected(args) as (client, ctx):
        runner = make_runner(store, client, ctx.server.url, args, settings=ctx.settings, only_jobs=ids)
        with QueueProgress().watching(runner.events):
            runner.start()
            try:  # held jobs stop at approval: approving them is a person's next step
                runner.wait_for(ids, settled=ENDED_STATES | {State.NEEDS_APPROVAL})
            finally:
                runner.stop(wait=True)
