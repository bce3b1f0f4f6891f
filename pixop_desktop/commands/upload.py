"""``pixop-desktop upload FILE... [--light] [--project ID]``: send videos to Pixop.

Every file is probed first; if any is refused (not a video, empty, too large,
missing) each refusal is reported and nothing is sent. Then, file by file:
create the video (or reuse the one a previous, interrupted run created — see
upload_resume.py), upload, wait for ingestion, and print ``NAME<TAB>VIDEO_ID``
on stdout. Progress goes to stderr.

Ctrl-C exits with status 130 and "Interrupted — run the same command again to
resume."; the same command then reuses the video instead of creating another
(with --process/--preset/--download: the same queued job, see upload_queue.py).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from pixop_desktop.api.answers import parse_json
from pixop_desktop.api.errors import NotFound, PixopError
from pixop_desktop.api.states import Phase, phase_of, reason_text
from pixop_desktop.api.urls import segment
from pixop_desktop.cli import CommandFailed, PROG
from pixop_desktop.commands._common import connected
from pixop_desktop.commands.progress import transfer_progress
from pixop_desktop.commands.upload_queue import add_again_option, add_queue_arguments, run_queued, wants_queue
from pixop_desktop.commands.upload_resume import UploadResumeRecords, record_key
from pixop_desktop.jobs.deadlines import INGESTION, WaitMemory, Work, ending, ingestion_limit
from pixop_desktop.transfer.probe import LocalFileRefused, LocalMedia, preflight
from pixop_desktop.transfer.upload import upload_file

HELP = "upload video files to Pixop and print their video ids"
INTERRUPTED = "Interrupted — run the same command again to resume."
EXIT_INTERRUPTED = 130
POLL_FIRST, POLL_MAX = 0.25, 5.0

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="video files to upload")
    parser.add_argument("--light", action="store_true",
                        help="light ingestion: metadata only (no thumbnails, web preview or quality assessment)")
    parser.add_argument("--project", metavar="PROJECT_ID", help="put the videos in this project")
    parser.add_argument("--no-wait", action="store_true",
                        help="print the video id once uploaded, without waiting for ingestion; with "
                             "--process/--preset/--download: only add the jobs to the queue")
    add_queue_arguments(parser)
    add_again_option(parser)


def run(args: argparse.Namespace) -> int:
    try:
        files = _preflight_all([Path(name) for name in args.files])
        if wants_queue(args):
            return run_queued(args, files)
        with connected(args) as (client, ctx):
            records = UploadResumeRecords()
            for media in files:
                video_id = _upload_one(client, ctx.server.url, records, media, args)
                print(f"{media.path.name}\t{video_id}", flush=True)
    except KeyboardInterrupt:
        print(f"{PROG}: {INTERRUPTED}", file=sys.stderr)
        return EXIT_INTERRUPTED
    return 0


def _preflight_all(files: list[Path]) -> list[LocalMedia]:
    """Probe every file before anything is sent; all refusals are reported at once."""
    probed: list[LocalMedia] = []
    refused: list[LocalFileRefused] = []
    for path in files:
        try:
            probed.append(preflight(path))
        except LocalFileRefused as refusal:
            refused.append(refusal)
    if not refused:
        return probed
    for refusal in refused[:-1]:
        print(f"{PROG}: {refusal.title}: {refusal.message}", file=sys.stderr)
    last = refused[-1]
    if len(files) == 1:
        raise last
    raise CommandFailed(last.title, f"{last.message} Nothing was uploaded "
                                    f"({len(refused)} of {len(files)} files cannot be sent).")


def _upload_one(client, server: str, records: UploadResumeRecords, media: LocalMedia,
                args: argparse.Namespace) -> str:
    key = record_key(server, media.path, media.size, media.mtime_ns, args.project)
    video_id, uploaded = _reusable_video(client, records.get(key))
    if video_id is None:
        video_id = client.videos.create(name=media.path.name, project_id=args.project).video_id
        records.remember(key, video_id)
    if not uploaded:
        with transfer_progress(f"Uploading {media.path.name}") as report:
            upload_file(client, video_id, media.path, light=args.light, progress=report, media=media)
    if not args.no_wait:
        wait_for_ingestion(client, video_id, media.path.name, size=media.size, full=not args.light)
    records.forget(key)
    return video_id


def _reusable_video(client, video_id: str | None) -> tuple[str | None, bool]:
    """(the video a previous run created, whether its upload finished), or (None, False)."""
    if video_id is None:
        return None, False
    try:
        video = client.videos.get(video_id)
    except NotFound:
        return None, False
    done = bool(video.upload and video.upload.has_finished_uploading)
    log.info("Reusing video %s from an interrupted upload (upload done: %s)", video_id, done)
    return video_id, done


def wait_for_ingestion(client, video_id: str, name: str, *, size: int | None = None, full: bool = True,
                       sleep=time.sleep, clock=time.monotonic) -> None:
    """Poll until Pixop has ingested the video; any other ending becomes a one-line reason.

    Every wait ends (``jobs/deadlines.py``): on a failed or stopped state, an
    unknown state that stays, or the limit for a video of this size.
    """
    delay, started, memory = POLL_FIRST, clock(), WaitMemory(clock)
    limit = ingestion_limit(Work(size_bytes=size), full=full)
    while True:
        state = client.videos.ingestion_progress(video_id).ingestion_state
        if phase_of(state.ingestion_status) is Phase.DONE:
            return
        end = ending(INGESTION, name, state.ingestion_status, waited=clock() - started, limit=limit,
                     unknown_for=memory.unknown_for(video_id, state.ingestion_status),
                     reason=lambda: reason_text(state.error_message) or _asked_reason(client, video_id))
        if end is not None:
            raise PixopError(end.message, title=end.title)
        sleep(delay)
        delay = min(delay * 2, POLL_MAX)


def _asked_reason(client, video_id: str) -> str | None:
    """The reason in the raw progress answer (``errorMessage`` or ``error``), if the server gives one."""
    try:
        response = client.send_v1("GET", f"/videos/v1/check-ingest-video-progress/{segment(video_id)}")
        state = (parse_json(response) or {}).get("ingestionState")
    except PixopError:
        return None
    return reason_text(state) if isinstance(state, dict) else None
