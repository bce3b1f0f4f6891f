"""``pixop-desktop watch [FOLDER] …``: watch a folder, send what lands in it, bring the results back.

With FOLDER, one rule is made from the options (its ledger is keyed by the
folder, so a restart with the same folder never resubmits a file). Without
FOLDER, the rules saved in the app run (paused ones stay paused).

One plain line per event on stdout (arrived, submitted, done → output,
failed → reason, duplicate, skipped). The queue runner runs in this process
unless ``--no-runner`` says another one (the app, ``run-queue --forever``)
does. SIGINT/SIGTERM stop cleanly: work in flight goes back to the queue at
its stage and resumes next time. ``--once``: scan, submit, wait for those
jobs, exit (status 1 if any failed).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from pixop_desktop.commands._common import WAKE_SECONDS, add_connections_option, printable
from pixop_desktop.commands import Command
from pixop_desktop.commands.errors import PROG, CommandFailed
from pixop_desktop.commands.queue_run import add_limit_options, make_runner
from pixop_desktop.jobs.model import DEFAULT_INGESTION, ENDED_STATES, Ingestion, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.watch.baseline import record_existing
from pixop_desktop.watch.ledger import Ledger
from pixop_desktop.watch.rules import (DEFAULT_IGNORE, AfterFailure, AfterSuccess, Approval, RuleError, RulesUnreadable,
                                       WatchRule, build_rule, cli_rule_id, load_rules, rules_path)
from pixop_desktop.watch.service import WatchService, settling_interval
from pixop_desktop.watch.watcher import EventKind, RuleWatcher, WatchEvent

def add_watch_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", nargs="?", metavar="FOLDER",
                        help="the folder to watch (without it: the rules saved in the app)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--preset", metavar="NAME|FILE", help="process each video with this preset")
    which.add_argument("--process", metavar="JSON", help="process each video with this request (JSON)")
    parser.add_argument("--output", metavar="DIR", help="download results here (subfolders are mirrored)")
    parser.add_argument("--leave-on-pixop", action="store_true",
                        help="process without downloading: the results stay on Pixop (instead of --output)")
    parser.add_argument("--template", default="{stem}_pixop", metavar="TEMPLATE",
                        help="result file name, e.g. {stem}_{width}x{height} (default {stem}_pixop)")
    parser.add_argument("--light", action="store_true", help="light ingestion: metadata only")
    parser.add_argument("--project", metavar="PROJECT_ID", help="put the videos in this project")
    parser.add_argument("--approve", choices=[a.value for a in Approval], default="auto",
                        help="auto: process at once; hold: each job waits for `approve`")
    parser.add_argument("--after-success", choices=[a.value for a in AfterSuccess], default="leave",
                        help="leave the source, or move it to FOLDER/Done (default leave)")
    parser.add_argument("--after-failure", choices=[a.value for a in AfterFailure], default="move",
                        help="move a failed source to FOLDER/Failed with NAME.txt saying why (default)")
    parser.add_argument("--include", action="append", default=[], metavar="PATTERN",
                        help="only names matching (repeatable), e.g. '*.mov'")
    parser.add_argument("--ignore", action="append", default=[], metavar="PATTERN",
                        help=f"also ignore (repeatable); always ignored: {' '.join(DEFAULT_IGNORE)}, hidden files")
    parser.add_argument("--recursive", action=argparse.BooleanOptionalAction, default=True,
                        help="watch subfolders too (default yes)")
    parser.add_argument("--settle", type=float, default=10.0, metavar="SECONDS",
                        help="a file is taken once unchanged this long (default 10)")
    parser.add_argument("--rescan", type=float, default=30.0, metavar="SECONDS",
                        help="full rescan interval, events or not (default 30)")
    parser.add_argument("--poll", action="store_true", help="do not use file-system events (network shares)")
    parser.add_argument("--once", action="store_true", help="scan once, wait for those jobs, exit")
    parser.add_argument("--only-new", action="store_true",
                        help="leave the files already in FOLDER alone: only files that arrive (or change) "
                             "from now on are sent")
    parser.add_argument("--no-runner", action="store_true",
                        help="only add jobs to the queue; another process runs it")
    add_limit_options(parser)
    add_connections_option(parser)


def rule_from(args: argparse.Namespace) -> WatchRule:
    folder = Path(args.folder).expanduser()
    if not folder.is_dir():
        raise CommandFailed("No such folder", f"{folder} is not a folder. Create it or check the path.")
    try:
        processing = json.loads(args.process) if args.process else None
    except json.JSONDecodeError as exc:
        raise CommandFailed("Invalid --process", f"It is not valid JSON ({exc.msg}).") from None
    processes = bool(args.preset or args.process)
    try:
        rule = build_rule(
            id=cli_rule_id(folder), name=folder.resolve().name, folder=str(folder.resolve()),
            recursive=args.recursive, include=args.include, ignore=[*DEFAULT_IGNORE, *args.ignore],
            preset=args.preset, processing=processing, ingestion=Ingestion.LIGHT if args.light else DEFAULT_INGESTION,
            project_id=args.project, approval=args.approve, output_folder=args.output, name_template=args.template,
            # Said below in the command line's own words when neither --output nor --leave-on-pixop is given.
            leave_results_on_pixop=args.leave_on_pixop or (processes and not args.output),
            after_success=args.after_success, after_failure=args.after_failure, settle_seconds=args.settle,
            rescan_seconds=args.rescan, poll_only=args.poll)
        rule.request()  # a missing preset or a bad request fails now, not once per file
    except RuleError as exc:
        raise CommandFailed("Watch rule not usable", str(exc)) from None
    if processes and not args.output and not args.leave_on_pixop:
        raise CommandFailed("Watch rule not usable", "Say where the results go: --output DIR downloads them, "
                                                     "--leave-on-pixop keeps them on Pixop.")
    return rule


def rules_from(args: argparse.Namespace) -> list[WatchRule]:
    if args.only_new and not args.folder:
        raise CommandFailed("--only-new needs a FOLDER", "The folders saved in the app decided this when they "
                                                         "were added.")
    if args.folder:
        return [rule_from(args)]
    rules = [rule for rule in load_rules() if not rule.paused]
    if not rules:
        raise CommandFailed("Nothing to watch", f"Name a folder ({PROG} watch FOLDER --preset …) "
                                                "or add a watched folder in the app.")
    return rules


class EventPrinter:
    """One plain line per event on stdout (any thread); remembers failures for the exit status."""

    def __init__(self, names: dict[str, str]) -> None:
        self._lock = threading.Lock()
        self._names = names if len(names) > 1 else {}
        self.failed = 0

    def set_names(self, names: dict[str, str]) -> None:
        with self._lock:
            self._names = names if len(names) > 1 else {}

    def __call__(self, event: WatchEvent) -> None:
        stamp = _dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        rule = f"[{self._names[event.rule_id]}] " if event.rule_id in self._names else ""
        with self._lock:
            self.failed += event.kind is EventKind.FAILED
            print(f"{stamp}  {printable(rule)}{printable(event.line())}", flush=True)


@contextmanager
def stop_signals():
    """An Event set by SIGINT/SIGTERM (handlers restored afterwards; main thread only)."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in previous:
        signal.signal(sig, lambda number, frame: stop.set())
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def watch(args: argparse.Namespace) -> int:
    rules = rules_from(args)
    printer = EventPrinter({rule.id: rule.display_name for rule in rules})
    with JobStore() as store, stop_signals() as stop:
        if args.only_new:
            _leave_existing(store, rules)
        if args.no_runner:
            stopped = _watch(store, rules, printer, stop, args, runner=None)
        else:
            from pixop_desktop.commands._common import connected

            with connected(args) as (client, ctx):
                runner = make_runner(store, client, ctx.server.url, args, settings=ctx.settings).start()
                try:
                    stopped = _watch(store, rules, printer, stop, args, runner)
                finally:
                    runner.stop(wait=True)  # work in flight goes back to the queue, resumable
    if stopped:
        print(f"{PROG}: stopped; work in flight resumes next time.", file=sys.stderr)
        return 0
    if printer.failed:
        raise CommandFailed("Some videos failed", f"{printer.failed} file(s) failed; each reason is in "
                                                  "the Failed folder beside the file.")
    return 0


def _leave_existing(store: JobStore, rules: list[WatchRule]) -> None:
    """--only-new: the files in the folder now are written in the ledger as already there (see
    ``watch/baseline``), before any watcher looks, so none of them is sent."""
    ledger = Ledger(store)
    for rule in rules:
        count = record_existing(rule, ledger)
        print(f"{PROG}: {count} file(s) already in {rule.folder} left alone (--only-new)", file=sys.stderr,
              flush=True)


def _watch(store: JobStore, rules: list[WatchRule], printer: EventPrinter, stop: threading.Event,
           args: argparse.Namespace, runner) -> bool:
    """Watch until stopped (True), or with --once until this scan's work ended (False)."""
    if args.once:
        return _once(store, rules, printer, stop, runner)
    service = WatchService(store, rules, on_event=printer, use_events=True)
    unsubscribe = service.attach(runner.events, client=runner.client) if runner is not None else (lambda: None)
    with service:
        for rule in rules:
            print(f"{PROG}: watching {rule.folder}", file=sys.stderr, flush=True)
        if args.folder:
            while not stop.wait(WAKE_SECONDS):  # timed: an untimed wait ignores Ctrl-C on Windows
                pass
        else:  # the app's rules: follow what is saved there while we run
            follower = RulesFollower(service, printer)
            while not stop.wait(RULES_CHECK_SECONDS):
                follower.check()
    unsubscribe()
    return True


RULES_CHECK_SECONDS = 3.0  # how often a headless watcher looks whether the app saved other rules


def _file_version(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino  # saved atomically: a new inode each time


class RulesFollower:
    """Applies the rules saved in the app to a running service when the rules file changes
    (a folder paused, removed, added or edited in the app reaches a headless watcher)."""

    def __init__(self, service: WatchService, printer: EventPrinter, path: Path | None = None) -> None:
        self.service, self.printer = service, printer
        self.path = path or rules_path()
        self._version = _file_version(self.path)

    def check(self) -> bool:
        """Re-read the rules if the file changed; True when they were applied."""
        version = _file_version(self.path)
        if version == self._version:
            return False
        try:
            rules = load_rules(self.path)
        except RulesUnreadable as exc:  # keep watching with the rules we have; look again next time
            print(f"{PROG}: {exc.message}", file=sys.stderr, flush=True)
            return False
        self._version = version
        self.printer.set_names({rule.id: rule.display_name for rule in rules})
        self.service.set_rules(rules)
        active = [rule for rule in rules if not rule.paused]
        print(f"{PROG}: the watched folders changed; watching {len(active)} now", file=sys.stderr, flush=True)
        return True


def _once(store: JobStore, rules: list[WatchRule], printer: EventPrinter, stop: threading.Event,
          runner) -> bool:
    """Scan until every file found is decided, then wait for the jobs (not those held for approval)."""
    ledger = Ledger(store)
    client = (lambda: runner.client) if runner is not None else (lambda: None)  # asks Pixop what it holds
    watchers = [RuleWatcher(rule, store, ledger, printer, client=client) for rule in rules]
    interval = min(settling_interval(rule) for rule in rules)
    while not stop.is_set():
        for watcher in watchers:
            watcher.poll()
        if all(w.scans >= 2 and not w.pending for w in watchers):
            break
        stop.wait(interval)
    while runner is not None and not stop.is_set() and _working(store, watchers):
        stop.wait(0.25)
        for watcher in watchers:
            watcher.follow_jobs()
    for watcher in watchers:
        watcher.follow_jobs()
    return stop.is_set()


def _working(store: JobStore, watchers: list[RuleWatcher]) -> bool:
    ids = [entry.job_id for w in watchers for entry in w.in_flight() if entry.job_id is not None]
    return bool(ids) and any(job.state not in ENDED_STATES and job.state is not State.NEEDS_APPROVAL
               for job in store.list_jobs(ids=ids))


COMMANDS = [
    Command("watch", "watch a folder: send each video that lands in it to Pixop and download the result",
            add_watch_arguments, watch),
]
