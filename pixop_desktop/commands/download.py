"""``pixop-desktop download VIDEO_ID [--original] [-o PATH|DIR]``: get a video's media.

The processed result by default, the uploaded original with ``--original``.
``-o`` is a folder (the server's file name, made safe; a numbered suffix if
taken) or a file path; the current folder by default. The download goes to
``NAME.part`` and is renamed when checked, so Ctrl-C (exit 130) and then the
same command again continues where it stopped. Prints the final path.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pixop_desktop.cli import PROG
from pixop_desktop.commands._common import connected
from pixop_desktop.commands.progress import transfer_progress
from pixop_desktop.commands.upload import EXIT_INTERRUPTED, INTERRUPTED

HELP = "download a video's processed (or original) media"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("video_id", metavar="VIDEO_ID", help="the video to download")
    parser.add_argument("--original", action="store_true",
                        help="download the uploaded original instead of the processed result")
    parser.add_argument("-o", "--output", metavar="PATH|DIR", default=".",
                        help="a folder (default: the current one) or a file name")


def run(args: argparse.Namespace) -> int:
    from pixop_desktop.transfer.download import download_media

    try:
        with connected(args) as (client, _ctx):
            with transfer_progress(f"Downloading {args.video_id}") as report:
                result = download_media(client, args.video_id, Path(args.output),
                                        original=args.original, progress=report)
    except KeyboardInterrupt:
        print(f"{PROG}: {INTERRUPTED}", file=sys.stderr)
        return EXIT_INTERRUPTED
    print(result.path, flush=True)
    return 0
