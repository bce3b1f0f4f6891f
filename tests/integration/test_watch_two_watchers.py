"""Two watchers on one folder (the app and a headless ``watch``, or two ``watch`` commands) share the
ledger in the queue's SQLite file: deciding about a file and adding its job is one write transaction
(BEGIN IMMEDIATE), so the second watcher sees the first one's row and never submits a file twice."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pixop_desktop.jobs.store import JobStore
from pixop_desktop.watch.ledger import Entry, folder_key
from pixop_desktop.watch.service import WatchService
from pixop_desktop.watch.watcher import EventKind
from tests.fixtures.clips import make_clip

from pixop_desktop.watch.rules import WatchRule

from .watch_helpers import EventLog, wait_until

pytestmark = pytest.mark.timeout(60)

FILES = 5

# A second process watching the same folder with the same database, until its stdin closes.
_CHILD = """
import sys
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.watch.rules import WatchRule
from pixop_desktop.watch.service import WatchService
from tests.integration.watch_helpers import wait_until
rule = WatchRule(folder=sys.argv[2], poll_only=True, rescan_seconds=0.05, settle_seconds=0.6)
with JobStore(sys.argv[1]) as store, WatchService(store, [rule], use_events=False) as service:
    print("watching", flush=True)
    sys.stdin.readline()
    watcher = service.watcher(rule.id)
    wait_until(lambda: watcher.detector.settled == int(sys.argv[3]), 20, "every file to settle")
    scans = watcher.scans
    wait_until(lambda: watcher.scans > scans, 10, "the pass that took them to end")
print("stopped", flush=True)
"""


def _drop(staging: Path, incoming: Path) -> None:
    """Five distinct videos appear at once (renamed in from a staging folder on the same disk)."""
    for index in range(FILES):
        make_clip(staging / f"clip{index}.mp4", seconds=1 + index / 5, width=64, height=48, fps=5)
    for index in range(FILES):
        os.rename(staging / f"clip{index}.mp4", incoming / f"clip{index}.mp4")


def _submitted_paths(store: JobStore) -> list[str]:
    return sorted(Path(job.source.path).name for job in store.list_jobs())


def _polling_rule(folder: Path) -> WatchRule:
    """Frequent rescans, no observer: both watchers look at the files at nearly the same moments."""
    return WatchRule(folder=str(folder), poll_only=True, rescan_seconds=0.05, settle_seconds=0.6)


def _decided(watcher) -> None:
    """Wait until ``watcher`` has taken every file as settled and finished the pass that did."""
    wait_until(lambda: watcher.detector.settled == FILES, 20, "every file to settle")
    scans = watcher.scans
    wait_until(lambda: watcher.scans > scans, 10, "the pass that took them to end")


def test_two_services_with_their_own_connections_submit_each_file_once(tmp_path):
    incoming, database = tmp_path / "in", tmp_path / "q.sqlite3"
    incoming.mkdir()
    rules = [_polling_rule(incoming) for _ in range(2)]
    logs = [EventLog(), EventLog()]
    with JobStore(database) as first, JobStore(database) as second:
        services = [WatchService(store, [rule], on_event=log, use_events=False)
                    for store, rule, log in zip((first, second), rules, logs)]
        with services[0], services[1]:
            _drop(tmp_path / "staging", incoming)
            for service, rule in zip(services, rules):
                _decided(service.watcher(rule.id))
        assert _submitted_paths(first) == [f"clip{i}.mp4" for i in range(FILES)]
        assert _submitted_paths(second) == _submitted_paths(first)
        entries = services[0].ledger.entries(rules[0].id, folder=folder_key(incoming))
    assert sorted(e.rel_path for e in entries) == [f"clip{i}.mp4" for i in range(FILES)]
    assert {e.state for e in entries} == {Entry.SUBMITTED}
    assert sorted(logs[0].of(EventKind.SUBMITTED) + logs[1].of(EventKind.SUBMITTED)) == \
        [f"clip{i}.mp4" for i in range(FILES)]


def test_a_watcher_in_another_process_and_one_here_submit_each_file_once(tmp_path):
    incoming, database = tmp_path / "in", tmp_path / "q.sqlite3"
    incoming.mkdir()
    rule = _polling_rule(incoming)
    with JobStore(database) as store:
        child = subprocess.Popen([sys.executable, "-c", _CHILD, str(database), str(incoming), str(FILES)],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                 cwd=Path(__file__).resolve().parents[2])
        try:
            assert child.stdout.readline().strip() == "watching"
            with WatchService(store, [rule], use_events=False) as service:
                _drop(tmp_path / "staging", incoming)
                child.stdin.write("files dropped\n")
                child.stdin.flush()
                _decided(service.watcher(rule.id))
                assert child.stdout.readline().strip() == "stopped"
        finally:
            child.stdin.close()
            assert child.wait(timeout=20) == 0
            child.stdout.close()
        assert _submitted_paths(store) == [f"clip{i}.mp4" for i in range(FILES)]
