"""``pixop-desktop edit JOB [--process JSON | --preset NAME|FILE | --no-processing]``.

Changes what Pixop will do with a queued job, until processing starts. Like
``approve``, it changes the queue file only; a running queue (the app or
``run-queue``) reads the job again when it reaches the processing stage.
Too late (processing started, or the job is over) ends in one line saying so.
"""

from __future__ import annotations

import argparse
import json

from pixop_desktop.cli import CommandFailed
from pixop_desktop.jobs.store import JobStore

HELP = "change a queued job's processing (until processing starts)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
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


def run(args: argparse.Namespace) -> int:
    from pixop_desktop.jobs.model import JobNotFound

    request, preset = new_request(args)
    with JobStore() as store:
        try:
            job = store.set_processing(args.job, request, preset)
        except JobNotFound as exc:
            raise CommandFailed("No such job", str(exc)) from None
    what = f"preset {preset}" if preset else "upload only" if request is None else "custom processing"
    print(f"{job.id}\t{job.state.value}\t{what}")
    return 0
