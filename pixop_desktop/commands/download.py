"""``pixop-desktop download VIDEO_ID [--original] [-o PATH|DIR] [--limit MBPS]``: get a video's media.

The processed result by default, the uploaded original with ``--original``.
``-o`` is a folder (the server's file name, made safe; a numbered suffix if
taken) or a file path; the current folder by default. The download goes to
``NAME.part`` and is renamed when checked, so Ctrl-C (exit 130) and then the
same command again continues where it stopped. Prints the final path.

Asking for the processed media of a video that has none (an original, or one
not processed yet) is a 404 too; the video is then looked up so the person is
told that, not that the video "may have been deleted".
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pixop_desktop.api.errors import NotFound, PixopError
from pixop_desktop.cli import PROG, CommandFailed
from pixop_desktop.commands._common import add_bandwidth_option, connected
from pixop_desktop.commands.progress import transfer_progress
from pixop_desktop.commands.upload import EXIT_INTERRUPTED, INTERRUPTED

HELP = "download a video's processed (or original) media"
NO_RESULT = ("This video has no processed result yet (or it is an original): use --original to fetch "
             "the original, or the processed video's id.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("video_id", metavar="VIDEO_ID", help="the video to download")
    parser.add_argument("--original", action="store_true",
                        help="download the uploaded original instead of the processed result")
    parser.add_argument("-o", "--output", metavar="PATH|DIR", default=".",
                        help="a folder (default: the current one) or a file name")
    add_bandwidth_option(parser)


def run(args: argparse.Namespace) -> int:
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
    print(result.path, flush=True)
    return 0


def _video_exists(client, video_id: str) -> bool:
    """Is there a video with this id (so the 404 was about its processed media)?"""
    try:
        client.videos.get(video_id)
    except PixopError:
        return False
    return True
