"""RuleWatcher passes on real files and a real store (no runner): what gets queued, skipped, refused."""

from __future__ import annotations

import shutil

from pixop_desktop.jobs.model import AfterAction, Ingestion
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.watch.ledger import Entry, Ledger
from pixop_desktop.watch.rules import AfterSuccess, Approval, WatchRule
from pixop_desktop.watch.watcher import EventKind, RuleWatcher
from tests.fixtures.clips import make_clip


def _passes(watcher: RuleWatcher, count: int = 2) -> None:
    for _ in range(count):  # settle 0: the second pass takes what the first saw
        watcher.poll()


def test_a_pass_queues_videos_with_the_rule_applied_and_records_the_rest(tmp_path):
    incoming = tmp_path / "in"
    clip = make_clip(incoming / "cam" / "a.mp4", seconds=1, width=64, height=48, fps=5)
    shutil.copy2(clip, incoming / "a copy.mp4")
    (incoming / "cam" / "a.xml").write_text("<clip/>")
    (incoming / "b.mp4.crdownload").write_bytes(b"partial")
    rule = WatchRule(folder=str(incoming), settle_seconds=0, processing={"resolution": {"tag": "2x"}},
                     output_folder=str(tmp_path / "out"), approval=Approval.HOLD, ingestion=Ingestion.LIGHT,
                     after_success=AfterSuccess.MOVE, project_id="p1", name_template="{stem}_hd")
    events = []
    with JobStore(tmp_path / "q.sqlite3") as store:
        watcher = RuleWatcher(rule, store, Ledger(store), events.append)
        _passes(watcher, 3)
        [job] = store.list_jobs()
        kinds = sorted((e.kind.value, e.rel_path) for e in events)
        counts = watcher.ledger.counts(rule.id)
    assert job.source.path == str(incoming / "a copy.mp4")  # scanned first (sorted), so it is the one sent
    assert (job.processing, job.needs_approval, job.ingestion, job.project_id) == (
        {"resolution": {"tag": "2x"}}, True, Ingestion.LIGHT, "p1")
    assert job.after_action is AfterAction.MOVE and job.watch_rule_id == rule.id
    assert job.output_folder == str(tmp_path / "out") and job.done_folder == str(incoming / "Done")
    assert ("skipped", "cam/a.xml") in kinds and ("duplicate", "cam/a.mp4") in kinds
    assert not any("crdownload" in path for _, path in kinds)
    assert (counts.submitted, counts.duplicates, counts.skipped) == (1, 1, 1)


def test_a_rule_whose_preset_is_gone_sends_files_to_failed_with_the_reason(tmp_path):
    incoming = tmp_path / "in"
    make_clip(incoming / "a.mp4", seconds=1, width=64, height=48, fps=5)
    rule = WatchRule(folder=str(incoming), settle_seconds=0, preset="A preset someone deleted",
                     leave_results_on_pixop=True)
    events = []
    with JobStore(tmp_path / "q.sqlite3") as store:
        watcher = RuleWatcher(rule, store, Ledger(store), events.append)
        _passes(watcher, 3)
        assert store.list_jobs() == []
        [entry] = watcher.ledger.entries(rule.id)
    assert [e.kind for e in events] == [EventKind.ARRIVED, EventKind.FAILED]
    assert entry.state is Entry.FAILED and entry.path == str(incoming / "Failed" / "a.mp4")
    assert "No such preset" in (incoming / "Failed" / "a.mp4.txt").read_text()


def test_a_file_that_cannot_be_opened_is_said_once_and_taken_when_it_can(tmp_path):
    incoming = tmp_path / "in"
    make_clip(incoming / "locked.mp4", seconds=1, width=64, height=48, fps=5)
    rule = WatchRule(folder=str(incoming), settle_seconds=0)
    events = []
    openable = {"ok": False}  # as root every file opens: the OS's answer is stood in for here
    with JobStore(tmp_path / "q.sqlite3") as store:
        watcher = RuleWatcher(rule, store, Ledger(store), events.append)
        watcher.detector.opener = lambda path: openable["ok"]
        _passes(watcher, 5)
        assert watcher.pending == 0 and store.list_jobs() == []
        assert [(e.kind, e.rel_path) for e in events] == [(EventKind.UNREADABLE, "locked.mp4")]
        assert "check its permissions" in events[0].detail
        openable["ok"] = True
        _passes(watcher, 1)
        assert len(store.list_jobs()) == 1
