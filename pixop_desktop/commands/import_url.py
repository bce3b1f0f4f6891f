"""``pixop-desktop import-url URL [...]``: have Pixop copy a video from an HTTPS URL (seed 003).

Every rule Pixop applies is checked here first — https only, port 443 only, a host that resolves
to public addresses only, the field lengths, the CRC32C and connection ranges — and each refusal
names its rule. ``--crc32c-of FILE`` computes the checksum from a local copy so Pixop can verify
what it copied. The import then runs on the queue (see import_run.py).

Test-only: ``PIXOP_ALLOW_PRIVATE_IMPORT_URLS=1`` lifts the port and address rules, to import
from a loopback server into a sandbox started with ``--allow-private-urls``. Never set it
against Pixop itself (Pixop refuses such URLs anyway).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from pixop_desktop.cli import PROG, CommandFailed
from pixop_desktop.commands.import_run import PlannedImport, add_common_arguments, run_imports
from pixop_desktop.transfer.crc import file_crc32c
from pixop_desktop.imports.params import HttpsImport
from pixop_desktop.imports.url_rules import ImportRefused, allow_private_from_env

HELP = "have Pixop import a video from an HTTPS URL"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("url", metavar="URL", help="https:// address of the video (must support Range requests)")
    parser.add_argument("--name", default="", help="the video's name (default: the URL's file name)")
    parser.add_argument("--file-name", metavar="F", help="the file name Pixop stores (default: from the name)")
    parser.add_argument("--description", metavar="D", help="a description (up to 511 characters)")
    crc = parser.add_mutually_exclusive_group()
    crc.add_argument("--crc32c", type=int, metavar="N", help="CRC32C of the file, for Pixop to verify the copy")
    crc.add_argument("--crc32c-of", metavar="LOCAL_FILE", help="compute the CRC32C from a local copy of the file")
    parser.add_argument("--connections", type=int, metavar="1-20",
                        help="connections Pixop may open to the URL at once (default 10)")
    add_common_arguments(parser)


def run(args: argparse.Namespace) -> int:
    allow_private = allow_private_from_env()
    crc = _crc_of(Path(args.crc32c_of)) if args.crc32c_of else args.crc32c
    wanted = HttpsImport(args.url, name=args.name, file_name=args.file_name, description=args.description,
                         project_id=args.project, full_ingestion=args.full_ingestion, crc32c=crc,
                         connections=args.connections).with_defaults()
    refusals = wanted.refusals(allow_private=allow_private)
    if refusals:
        raise ImportRefused(refusals)
    return run_imports(args, [PlannedImport(wanted.name, wanted, allow_private)])


def _crc_of(path: Path) -> int:
    if not path.is_file():
        raise CommandFailed("File not found", f"{path} is not a file, so its CRC32C cannot be computed.")
    began = time.perf_counter()
    value = file_crc32c(path)
    seconds = max(time.perf_counter() - began, 1e-6)
    print(f"{PROG}: CRC32C of {path.name}: {value} ({path.stat().st_size / seconds / 1e6:.0f} MB/s)",
          file=sys.stderr)
    return value
