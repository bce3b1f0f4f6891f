"""The queue options of ``upload``: ``[--process JSON | --preset NAME|FILE] [--download DIR] [--no-wait]``.

With any of them, the files become jobs in the queue (the same crash-safe
queue the app and ``run-queue`` run) and the whole pipeline runs in the
foreground until those jobs end; with ``--no-wait`` they are only enqueued.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pixop_desktop.cli import PROG, CommandFailed
from pixop_desktop.commands._common import connected
from pixop_desktop.commands.run_queue import add_limit_options, make_runner, summarize
from pixop_desktop.jobs.model import Ingestion, Job, Source
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.transfer.probe import LocalMedia


def add_queue_arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--process", metavar="JSON", help="process each video with this request (JSON, "
                                                         "as in the Pixop API) through the job queue")
    which.add_argument("--preset", metavar="NAME|FILE", help="process each video with this preset")
    parser.add_argument("--download", metavar="DIR", help="download each result into this folder")
    add_limit_options(parser)


def wants_queue(args: argparse.Namespace) -> bool:
    return bool(args.process or args.preset or args.download)


def _request(args: argparse.Namespace) -> tuple[dict | None, str | None]:
    """(processing request JSON, preset name) from --process or --preset, validated."""
    from pixop_desktop.api.processing import ProcessingRequest, ProcessingRequestError

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


def run_queued(args: argparse.Namespace, files: list[LocalMedia]) -> int:
    request, preset = _request(args)
    if args.download and request is None:
        raise CommandFailed("Nothing to download", "--download needs --process or --preset: "
                                                   "an upload-only job has no result.")
    jobs = [Job(Source.local(str(media.path.resolve()), media.size, media.mtime_ns),
                ingestion=Ingestion.LIGHT if args.light else Ingestion.FULL, project_id=args.project,
                processing=request, preset=preset,
                output_folder=str(Path(args.download).resolve()) if args.download else None)
            for media in files]
    with JobStore() as store:
        ids = store.add_many(jobs)
        for media, job_id in zip(files, ids):
            print(f"{media.path.name}\tjob {job_id}", file=sys.stderr)
        if args.no_wait:
            print(f"{PROG}: queued {len(ids)} job(s); '{PROG} run-queue' runs them.", file=sys.stderr)
            return 0
        with connected(args) as (client, ctx):
            runner = make_runner(store, client, ctx.server.url, args).start()
            try:
                runner.wait_for(ids)
            finally:
                runner.stop(wait=True)
        for job in store.list_jobs(ids=ids):
            print("\t".join([Path(job.source.path).name, job.video_id or "-", job.output_path or "-"]), flush=True)
        return summarize(store, ids)
