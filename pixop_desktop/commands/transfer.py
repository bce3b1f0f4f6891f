"""Moving files without the queue: ``upload`` and ``download``.

``pixop-desktop upload FILE... [--light] [--project ID]`` sends videos to Pixop.
Every file is probed first; if any is refused (not a video, empty, too large,
missing) each refusal is reported and nothing is sent. Then, file by file:
create the video (or reuse the one a previous, interrupted run created — see
:class:`UploadResumeRecords`), upload, wait for ingestion, and print
``NAME<TAB>VIDEO_ID`` on stdout. Progress goes to stderr. With
``--process/--preset/--download`` the files go through the queue instead
(``queue_upload.py``).

Ctrl-C exits with status 130 and "Interrupted — run the same command again to
resume."; the same command then reuses the video instead of creating another
(with --process/--preset/--download: the same queued job, see queue_upload.py).

``pixop-desktop download VIDEO_ID [--original] [-o PATH|DIR] [--limit MBPS]``
gets a video's media: the processed result by default, the uploaded original
with ``--original``. ``-o`` is a folder (the server's file name, made safe; a
numbered suffix if taken) or a file path; the current folder by default. The
download goes to ``NAME.part`` and is renamed when checked, so Ctrl-C (exit
130) and then the same command again continues where it stopped. Prints the
final path.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import threading
import time
from pathlib import Path

from pixop_desktop import paths
from pixop_desktop.api.answers import parse_json
from pixop_desktop.api.errors import NotFound, PixopError
from pixop_desktop.api.states import Phase, phase_of, reason_text
from pixop_desktop.api.urls import segment
from pixop_desktop.commands import Command
from pixop_desktop.commands._common import add_bandwidth_option, add_connections_option, connected, printable
from pixop_desktop.commands.errors import EXIT_INTERRUPTED, PROG, CommandFailed
from pixop_desktop.commands.progress import transfer_progress
from pixop_desktop.commands.queue_upload import add_again_option, add_queue_arguments, run_queued, wants_queue
from pixop_desktop.fileio import write_json_atomically
from pixop_desktop.jobs.deadlines import INGESTION, WaitMemory, Work, ending, ingestion_limit
from pixop_desktop.transfer.probe import LocalFileRefused, LocalMedia, preflight
from pixop_desktop.transfer.upload import upload_file

INTERRUPTED = "Interrupted — run the same command again to resume."
POLL_FIRST, POLL_MAX = 0.25, 5.0
NO_RESULT = ("This video has no processed result yet (or it is an original): use --original to fetch "
             "the original, or the processed video's id.")

log = logging.getLogger(__name__)


# ----- upload ------------------------------------------------------------------------------

def add_upload_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="video files to upload")
    parser.add_argument("--light", action="store_true",
                        help="light ingestion: metadata only (no thumbnails, web preview or quality assessment)")
    parser.add_argument("--project", metavar="PROJECT_ID", help="put the videos in this project")
    parser.add_argument("--no-wait", action="store_true",
                        help="print the video id once uploaded, without waiting for ingestion; with "
                             "--process/--preset/--download: only add the jobs to the queue")
    add_queue_arguments(parser)
    add_again_option(parser)
    add_connections_option(parser)  # for --download


def upload(args: argparse.Namespace) -> int:
    try:
        files = _preflight_all([Path(name) for name in args.files])
        if wants_queue(args):
            return run_queued(args, files)
        with connected(args) as (client, ctx):
            records = UploadResumeRecords()
            for media in files:
                video_id = _upload_one(client, ctx.server.url, records, media, args)
                print(f"{printable(media.path.name)}\t{video_id}", flush=True)
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


# ----- download ----------------------------------------------------------------------------

def add_download_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("video_id", metavar="VIDEO_ID", help="the video to download")
    parser.add_argument("--original", action="store_true",
                        help="download the uploaded original instead of the processed result")
    parser.add_argument("-o", "--output", metavar="PATH|DIR", default=".",
                        help="a folder (default: the current one) or a file name")
    add_bandwidth_option(parser)
    add_connections_option(parser)


def download(args: argparse.Namespace) -> int:
    """Asking for the processed media of a video that has none (an original, or one not
    processed yet) is a 404 too; the video is then looked up so the person is told that,
    not that the video "may have been deleted"."""
    from pixop_desktop.transfer.download import download_media

    try:
        with connected(args) as (client, _ctx):
            try:
                with transfer_progress(f"Downloading {args.video_id}") as report:
                    result = download_media(client, args.video_id, Path(args.output),
                                            original=args.original, progress=report)
            except NotFound:
                if not args.original and _video_exists(client, args.video_id):
                    raise CommandFailed("No processed result", NO_RESULT) from None
                raise
    except KeyboardInterrupt:
        print(f"{PROG}: {INTERRUPTED}", file=sys.stderr)
        return EXIT_INTERRUPTED
    print(printable(str(result.path)), flush=True)
    return 0


def _video_exists(client, video_id: str) -> bool:
    """Is there a video with this id (so the 404 was about its processed media)?"""
    try:
        client.videos.get(video_id)
    except PixopError:
        return False
    return True


# ----- the upload's resume record ------------------------------------------------------------
#
# The CLI's memory of videos it created for uploads that have not finished yet.
#
# A v1 upload is one request: it cannot resume part-way. What CAN go wrong on a
# re-run (after Ctrl-C, a crash, a lost connection) is creating a second video
# for the same file. So before uploading, ``pixop-desktop upload`` records
#
#     (server, absolute path, size, mtime_ns, project) → video id
#
# in ``<data dir>/cli-uploads.json``, and a re-run with the same, unchanged
# file reuses that video if the server still has it (sending the file again if
# its upload is not done, or just waiting for ingestion if it is). The record
# is dropped once the video is ingested. A changed file (size or mtime) has a
# new key, so it gets a new video. The GUI's job store does the same job for
# the queue; this file is only the CLI's.
#
# The file holds no secrets: server roots, local paths, ids.

RESUME_FILE_NAME = "cli-uploads.json"
_LOCK = threading.Lock()


def record_key(server: str, path: Path, size: int, mtime_ns: int, project_id: str | None) -> str:
    return json.dumps([server, str(path), size, mtime_ns, project_id or ""])


class UploadResumeRecords:
    """A tiny JSON map from ``record_key`` to a video id, written atomically."""

    def __init__(self, file: Path | None = None) -> None:
        self.file = file or paths.data_dir() / RESUME_FILE_NAME

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:  # a damaged file only costs the reuse
            log.warning("Ignoring unreadable %s: %s", self.file, exc)
            return {}
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}

    def _write(self, data: dict[str, str]) -> None:
        write_json_atomically(self.file, data, indent=1)

    def get(self, key: str) -> str | None:
        with _LOCK:
            return self._read().get(key)

    def remember(self, key: str, video_id: str) -> None:
        with _LOCK:
            data = self._read()
            data[key] = video_id
            self._write(data)

    def forget(self, key: str) -> None:
        with _LOCK:
            data = self._read()
            if data.pop(key, None) is not None:
                self._write(data)


COMMANDS = [
    Command("upload", "upload video files to Pixop and print their video ids", add_upload_arguments, upload),
    Command("download", "download a video's processed (or original) media", add_download_arguments, download),
]
