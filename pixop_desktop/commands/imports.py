"""Having Pixop fetch videos itself: ``import-url``, ``import-s3``, and the ``mimir`` integration.

``import-url URL`` has Pixop copy a video from an HTTPS URL (seed 003). Every rule Pixop
applies is checked here first — https only, port 443 only, a host that resolves to public
addresses only, the field lengths, the CRC32C and connection ranges — and each refusal names
its rule. ``--crc32c-of FILE`` computes the checksum from a local copy so Pixop can verify
what it copied. Test-only: ``PIXOP_ALLOW_PRIVATE_IMPORT_URLS=1`` lifts the port and address
rules, to import from a loopback server into a sandbox started with ``--allow-private-urls``.
Never set it against Pixop itself (Pixop refuses such URLs anyway).

``import-s3 LOCATION_ID KEY... | --list`` imports objects from one of the team's S3 input
locations (``--list`` shows them); each KEY becomes one import, named after the key's last
component.

Each started import becomes a queue job (see pixop_desktop.imports.queueing) and, unless
``--no-wait``, the queue runs in the foreground until those jobs end. Then one line per import
on stdout: ``NAME<TAB>VIDEO_ID<TAB>OUTPUT|-<TAB>CLIP_ID|-`` — CLIP_ID is the free 10-second
clip Pixop derives from the import (``pixop-desktop download CLIP_ID`` fetches it).

``mimir setup|remove|status`` (seed 000): the Mimir API key and tenant come from
``PIXOP_MIMIR_API_KEY`` / ``PIXOP_MIMIR_TENANT``, or the OS keyring (saved there after a
successful ``setup`` unless ``--no-save``), or ``--tenant`` and a hidden prompt for the key on
a terminal. They never go into a settings file.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from pixop_desktop.commands import Command
from pixop_desktop.commands._common import add_json_option, connected, context_from, print_json, print_table
from pixop_desktop.commands.errors import PROG, CommandFailed
from pixop_desktop.commands.queue_run import make_runner, summarize
from pixop_desktop.commands.queue_upload import add_queue_arguments, processing_request
from pixop_desktop.errors import UserFacingError
from pixop_desktop.transfer.crc import file_crc32c
from pixop_desktop.imports.derived import wait_for_derived
from pixop_desktop.imports.mimir import (DEFAULT_DAYS_TO_LIVE, format_date, recorded_setup, reminder,
                                         remove_mimir, setup_mimir)
from pixop_desktop.imports.mimir_store import (ENV_MIMIR_API_KEY, ENV_MIMIR_TENANT, MimirSecrets,
                                               MimirSecretStore)
from pixop_desktop.imports.params import FULL_BY_DEFAULT, HttpsImport, S3Import
from pixop_desktop.imports.queueing import enqueue_import
from pixop_desktop.imports.url_rules import ImportRefused, allow_private_from_env
from pixop_desktop.jobs.model import State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.watch.outcomes import plain_message, reason_line


# ----- import-url ----------------------------------------------------------------------------

def add_import_url_arguments(parser: argparse.ArgumentParser) -> None:
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


def import_url(args: argparse.Namespace) -> int:
    allow_private = allow_private_from_env()
    crc = _crc_of(Path(args.crc32c_of)) if args.crc32c_of else args.crc32c
    wanted = HttpsImport(args.url, name=args.name, file_name=args.file_name, description=args.description,
                         project_id=args.project, full_ingestion=not args.light, crc32c=crc,
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


# ----- import-s3 -----------------------------------------------------------------------------

def add_import_s3_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("location_id", nargs="?", metavar="LOCATION_ID", help="the input location (see --list)")
    parser.add_argument("keys", nargs="*", metavar="KEY", help="object keys to import, e.g. incoming/clip.mp4")
    parser.add_argument("--list", action="store_true", help="list the team's S3 input locations")
    add_json_option(parser)
    add_common_arguments(parser)


def import_s3(args: argparse.Namespace) -> int:
    if args.list:
        return _list_locations(args)
    if not args.location_id or not args.keys:
        raise CommandFailed("Nothing to import", "Give an input location id and at least one object key "
                                                 "(see 'import-s3 --list').")
    wanted = [S3Import(args.location_id, key, project_id=args.project,
                       full_ingestion=not args.light).with_defaults() for key in args.keys]
    refusals = [r for item in wanted for r in item.refusals()]
    if refusals:
        raise ImportRefused(refusals)
    return run_imports(args, [PlannedImport(item.object_key, item) for item in wanted])


def _list_locations(args: argparse.Namespace) -> int:
    with connected(args) as (client, _ctx):
        locations = list(client.imports.iter_input_locations())
    if args.json:
        print_json(locations)
    elif not print_table(["ID", "NAME", "BUCKET"], [(loc.id, loc.name, loc.bucket) for loc in locations]):
        print("(this team has no S3 input locations)")
    return 0


# ----- what both imports share: queue options, running the jobs, printing results -------------

@dataclass(frozen=True)
class PlannedImport:
    """One import to start and the name its result line shows."""

    name: str
    wanted: HttpsImport | S3Import
    allow_private: bool = False


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    ingestion = parser.add_mutually_exclusive_group()
    ingestion.add_argument("--full-ingestion", dest="light", action="store_false", default=not FULL_BY_DEFAULT,
                           help="full ingestion: thumbnails, web video, quality assessment and deep scan"
                                + (" (the default)" if FULL_BY_DEFAULT else ""))
    ingestion.add_argument("--light", dest="light", action="store_true",
                           help="light ingestion: metadata only, quicker" + ("" if FULL_BY_DEFAULT else " (the default)"))
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
        runner = make_runner(store, client, ctx.server.url, args, settings=ctx.settings).start()
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
    title, message = (exc.title, exc.message) if isinstance(exc, UserFacingError) else ("Import refused", str(exc))
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


# ----- mimir setup|remove|status -------------------------------------------------------------

def add_mimir_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["setup", "remove", "status"],
                        help="setup (also renews), remove, or status (expiry and reminder)")
    parser.add_argument("--tenant", help=f"the Mimir tenant (default: ${ENV_MIMIR_TENANT}, then the keyring)")
    parser.add_argument("--days-to-live", type=int, default=DEFAULT_DAYS_TO_LIVE, metavar="DAYS",
                        help=f"how long the integration lasts unless renewed (default {DEFAULT_DAYS_TO_LIVE})")
    parser.add_argument("--configuration", action="append", default=[], metavar="ID",
                        help="configure Mimir with this Pixop processing configuration (repeatable)")
    parser.add_argument("--configure-mimir", action="store_true",
                        help="also configure Mimir (custom actions, approvals …) with no configurations")
    parser.add_argument("--no-save", action="store_true", help="do not save the key and tenant in the keyring")


def mimir(args: argparse.Namespace) -> int:
    if args.action == "status":
        return _status(args)
    with connected(args) as (client, ctx):
        store = MimirSecretStore(ctx.server.url)
        secrets = _secrets(store, args)
        if args.action == "remove":
            remove_mimir(client, secrets, ctx.server.url, team_id=ctx.team_id)
            store.forget_mimir()
            print(f"The integration with the Mimir tenant {secrets.tenant} was removed.")
            return 0
        result = setup_mimir(client, secrets, ctx.server.url, days_to_live=args.days_to_live,
                             configure_mimir=args.configure_mimir, configuration_ids=args.configuration,
                             team_id=ctx.team_id)
        _save(store, secrets, args)
        print(result.describe())
    return 0


def _secrets(store: MimirSecretStore, args: argparse.Namespace) -> MimirSecrets:
    found = store.load_mimir()
    tenant = args.tenant or found.tenant
    key = found.api_key
    if not key and sys.stdin.isatty():
        key = getpass.getpass("Mimir API key: ").strip() or None
    if not (key and tenant):
        missing = " and ".join(n for n, v in (("the Mimir API key", key), ("the Mimir tenant", tenant)) if not v)
        raise CommandFailed("Mimir details missing", f"Give {missing}: set {ENV_MIMIR_API_KEY} and "
                                                     f"{ENV_MIMIR_TENANT}, or use --tenant (the key is asked for on a terminal).")
    return MimirSecrets(key, tenant, found.source)


def _save(store: MimirSecretStore, secrets: MimirSecrets, args: argparse.Namespace) -> None:
    from pixop_desktop.credentials import CredentialError, CredentialSource

    if args.no_save or secrets.source is CredentialSource.ENVIRONMENT:
        return
    try:
        store.save_mimir(secrets.api_key, secrets.tenant)
    except CredentialError as exc:
        print(f"Not saved: {exc.message}", file=sys.stderr)


def _status(args: argparse.Namespace) -> int:
    ctx = context_from(args)
    record = recorded_setup(ctx.server.url)
    secrets = MimirSecretStore(ctx.server.url).load_mimir()
    if record is None:
        print("No Mimir integration has been set up from this computer for this server.")
        return 0
    tenant = secrets.tenant or "(tenant not saved)"
    print(f"Mimir tenant: {tenant}")
    if record.expires:
        print(f"Expires: {format_date(record.expires)} (days to live: {record.days_to_live})")
        if note := reminder(record.expires):
            print(note)
    if record.configuration_ids:
        print("Processing configurations: " + ", ".join(record.configuration_ids))
    for n, step in enumerate(record.manual_steps, 1):
        print(f"Manual step {n}: {step}")
    return 0


COMMANDS = [
    Command("import-url", "have Pixop import a video from an HTTPS URL", add_import_url_arguments, import_url),
    Command("import-s3", "have Pixop import objects from one of the team's S3 input locations",
            add_import_s3_arguments, import_s3),
    Command("mimir", "set up, renew, remove or check the Pixop ⇄ Mimir integration", add_mimir_arguments, mimir),
]
