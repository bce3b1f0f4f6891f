"""What ``import-url`` and ``import-s3`` share: queue options, running the jobs, printing results.

Each started import becomes a queue job (see pixop_desktop.imports.queueing) and, unless
``--no-wait``, the queue runs in the foreground until those jobs end. Then one line per import
on stdout: ``NAME<TAB>VIDEO_ID<TAB>OUTPUT|-<TAB>CLIP_ID|-`` — CLIP_ID is the free 10-second
clip Pixop derives from the import (``pixop-desktop download CLIP_ID`` fetches it).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from pixop_desktop.cli import PROG, CommandFailed
from pixop_desktop.commands._common import connected
from pixop_desktop.commands.run_queue import make_runner, summarize
from pixop_desktop.commands.upload_queue import _request as processing_request
from pixop_desktop.commands.upload_queue import add_queue_arguments
from pixop_desktop.imports.derived import wait_for_derived
from pixop_desktop.imports.params import HttpsImport, S3Import
from pixop_desktop.imports.queueing import enqueue_import
from pixop_desktop.jobs.model import State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.watch.outcomes import plain_message, reason_line


@dataclass(frozen=True)
class PlannedImport:
    """One import to start and the name its result line shows."""

    name: str
    wanted: HttpsImport | S3Import
    allow_private: bool = False


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--full-ingestion", action="store_true",
                        help="full ingestion: thumbnails, web video, quality assessment and deep scan "
                             "(default: metadata only, quicker)")
    parser.add_argument("--project", metavar="PROJECT_ID", help="put the video(s) in this project")
    parser.add_argument("--no-wait", action="store_true",
                        help="only start the import(s) and add the job(s) to the queue")
    parser.add_argument("--clip-wait", type=float, default=10.0, metavar="SECONDS",
                        help="how long to look for the free 10-second clip after ingestion (default 10; 0: "
                             "do not wait)")
    add_queue_arguments(parser)


def run_imports(args: argparse.Namespace, planned: list[PlannedImport]) -> int:
    request, preset = processing_request(args)
    if args.download and request is None:
        raise CommandFailed("Nothing to download", "--download needs --process or --preset: "
                                                   "an import-only job has no result.")
    with connected(args) as (client, ctx), JobStore() as store:
        started, failures = _start_all(client, store, args, planned, request, preset)
        if not started:  # said once: the one refusal, or a summary under the lines above
            if len(planned) == 1:
                raise CommandFailed(*_title_and_message(failures[0]))
            raise CommandFailed("No import was started", f"All {len(planned)} imports were refused (see above).")
        if args.no_wait:
            print(f"{PROG}: queued {len(started)} job(s); '{PROG} run-queue' runs them.", file=sys.stderr)
            return _finish(failures)
        runner = make_runner(store, client, ctx.server.url, args).start()
        try:
            runner.wait_for(started)
        finally:
            runner.stop(wait=True)
        _print_results(client, store, started, args.clip_wait)
        status = summarize(store, list(started))
    return status or _finish(failures)


def _start_all(client, store: JobStore, args, planned, request, preset):
    """Start every import; one that Pixop refuses is reported and the others go on."""
    started: dict[int, str] = {}
    failures: list[Exception] = []
    for item in planned:
        try:
            job = enqueue_import(client, store, item.wanted, processing=request, preset=preset,
                                 output_folder=args.download, allow_private=item.allow_private)
        except Exception as exc:  # PixopError / ValueError: report, keep the others
            if len(planned) > 1:  # a single import's refusal is the command's one error line
                print(f"{PROG}: {item.name}: {reason_line(*_title_and_message(exc))}", file=sys.stderr)
            failures.append(exc)
            continue
        print(f"{item.name}\tvideo {job.video_id}\tjob {job.id}", file=sys.stderr, flush=True)
        started[job.id] = item.name
    return started, failures


def _title_and_message(exc: Exception) -> tuple[str, str]:
    """A refusal's title and message, the message not saying the title again."""
    title, message = getattr(exc, "title", "Import refused"), getattr(exc, "message", str(exc))
    return title, plain_message(title, message) or message


def _print_results(client, store: JobStore, started: dict[int, str], clip_wait: float) -> None:
    for job in store.list_jobs(ids=list(started)):
        clip = "-"
        if job.state is State.DONE and job.video_id:
            clips = wait_for_derived(client, job.video_id, clip_wait)
            clip = clips[0].id if clips else "-"
        print("\t".join([started[job.id], job.video_id or "-", job.output_path or "-", clip]), flush=True)


def _finish(failures: list[Exception]) -> int:
    if failures:
        raise CommandFailed("Some imports were refused",
                            f"{len(failures)} import(s) were not started (see above); the others were.")
    return 0
