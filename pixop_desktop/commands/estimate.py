"""``estimate FILE_OR_VIDEO_ID... --preset NAME | --process JSON [--json]``: the price before paying.

Each item is a Pixop video id, or a local file: a file is found on Pixop through this queue
(a job that uploaded it) or, with email and password, by its content fingerprint; a file not on
Pixop yet gets no figure and the line says to upload it first (Pixop prices a video it holds).
Nothing is ordered. Prints one line per item (cost, minutes, output size) and the total of a
batch; exits 1 with one plain line when there is no API key (appraisals need one).
"""

from __future__ import annotations

import argparse
import os

from pixop_desktop.commands import Command
from pixop_desktop.commands._common import add_json_option, connected, context_from, print_json, print_table, printable
from pixop_desktop.commands.errors import PROG, CommandFailed
from pixop_desktop.commands.queue_upload import processing_request
from pixop_desktop.services import estimates
from pixop_desktop.services.words import format_size

NOT_UPLOADED = f"not on Pixop yet: upload it first ({PROG} upload FILE), then ask again"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("items", nargs="+", metavar="FILE_OR_VIDEO_ID",
                        help="local video files (already uploaded) or Pixop video ids")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--process", metavar="JSON", help="the processing to price (JSON, as in the Pixop API)")
    which.add_argument("--preset", metavar="NAME|FILE", help="the preset to price")
    add_json_option(parser)


NO_API_KEY = (f"Cost estimates need a Pixop API key: add one with '{PROG} login --api-key-stdin' "
              "(or PIXOP_API_KEY, or the app's Settings → Account), then ask again.")


def estimate(args: argparse.Namespace) -> int:
    request, _preset = processing_request(args)
    if not context_from(args).store.load().api_key:  # before connecting: the one thing to say
        raise CommandFailed("No estimate", NO_API_KEY)
    with connected(args) as (client, ctx):
        rows = [_one(client, ctx.server.url, item, request) for item in args.items]
    total = estimates.summed(result for _item, _video, result in rows)
    if args.json:
        print_json({"items": [{"item": item, "videoId": video, **result.as_json()} for item, video, result in rows],
                    "total": total.as_json() if total else None})
    else:
        print_table(["ITEM", "COST", "TIME", "OUTPUT SIZE / WHY NOT"], [_row(item, result) for item, _v, result in rows])
        if len(rows) > 1 and total is not None:
            print(f"Total for {total.count} of {len(rows)} videos: {total.text()}")
    return 0 if any(isinstance(result, estimates.Estimate) for _i, _v, result in rows) else 1


def _one(client, server: str, item: str, request: dict | None):
    """(the item, its video id or None, its Estimate or NoEstimate)."""
    if os.path.isfile(item):
        video_id = estimates.video_for_file(item, server, client)
        if video_id is None:
            return item, None, estimates.NoEstimate(NOT_UPLOADED, fixed=False)
    else:
        video_id = item
    return item, video_id, estimates.estimate_video(client, video_id, request)


def _row(item: str, result) -> list:
    name = printable(os.path.basename(item) if os.path.isfile(item) else item)
    if isinstance(result, estimates.NoEstimate):
        return [name, "-", "-", result.reason]
    minutes = "-" if result.minutes is None else f"~{result.minutes} min"
    size = "-" if result.output_bytes is None else f"~{format_size(result.output_bytes)}"
    return [name, result.cost_text(), minutes, size]


COMMANDS = [
    Command("estimate", "what processing videos on Pixop would cost and take (nothing is ordered)",
            add_arguments, estimate),
]


def approval_figures(args: argparse.Namespace) -> dict[int, str]:
    """"about $4.20, ~12 min" for each job of ``args.jobs`` waiting for approval that Pixop can
    price now; empty without an API key or a server. Asked quickly (one retry, short limits):
    approving works offline, and a figure must not hold it up."""
    from pixop_desktop.api.client import PixopClient
    from pixop_desktop.api.retry import RetryPolicy
    from pixop_desktop.errors import UserFacingError
    from pixop_desktop.jobs.model import State
    from pixop_desktop.jobs.store import JobStore

    with JobStore() as store:
        waiting = [job for job in store.list_jobs(ids=args.jobs)
                   if job.state is State.NEEDS_APPROVAL and job.video_id and job.processing is not None]
    try:
        ctx = context_from(args)
        credentials = ctx.store.load() if waiting else None
        if credentials is None or not credentials.api_key:
            return {}
        figures: dict[int, str] = {}
        with PixopClient(ctx.server.url, api_key=credentials.api_key, team_id=ctx.team_id, timeout=10,
                         retry_policy=RetryPolicy(max_retries=1, budget=20)) as client:
            for job in waiting:
                if job.server in (None, ctx.server.url):
                    found = estimates.estimate_video(client, job.video_id, job.processing)
                    if isinstance(found, estimates.Estimate) and found.cost_usd is not None:
                        figures[job.id] = found.text()
        return figures
    except UserFacingError:  # no keyring, no server: approve without a figure
        return {}
