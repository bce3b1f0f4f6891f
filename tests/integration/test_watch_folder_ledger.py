"""Review fixes for watched folders: the ledger is the folder's (not the rule's), a failed file moved
back is tried again, and a "video" that is not one goes to Failed/ with its reason."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pixop_desktop.jobs.model import State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.watch.ledger import Entry
from pixop_desktop.watch.watcher import EventKind
from tests.fixtures.clips import make_clip

from .watch_helpers import MODES, make_rule, scans_after, wait_until, watching

pytestmark = pytest.mark.timeout(120)

TWICE = {"resolution": {"tag": "2x"}}
PAST_THE_END = {"range": {"startPositionMilliseconds": 0, "endPositionMilliseconds": 2000}}


def _tiny(path: Path, seconds: float = 1) -> Path:
    return make_clip(path, seconds=seconds, width=64, height=48, fps=5)


def _originals(sandbox) -> int:
    return sum(v.kind == "original" for v in sandbox.state.videos())


@pytest.mark.parametrize("mode", MODES)
def test_a_new_rule_for_an_already_watched_folder_sends_nothing_again(mode, sandbox, tmp_path):
    incoming = tmp_path / "in"
    take = _tiny(incoming / "take.mp4")
    _tiny(incoming / "sub" / "other.mp4", seconds=2)
    first = make_rule(mode, incoming, processing=TWICE, leave_results_on_pixop=True)
    with JobStore(tmp_path / "q.sqlite3") as store:
        with watching(store, sandbox, [first], mode) as (service, log, runner):
            wait_until(lambda: len(store.list_jobs()) == 2, 30, "2 submissions")
            assert runner.wait_for([job.id for job in store.list_jobs()], timeout=60)
            wait_until(lambda: service.ledger.counts(first.id).done == 2, 10, "the ledger to follow")
        # The folder removed and added again (a new rule id), named through a symlink this time.
        link = tmp_path / "link"
        link.symlink_to(incoming, target_is_directory=True)
        second = make_rule(mode, link, processing=TWICE, leave_results_on_pixop=True)
        assert second.id != first.id
        with watching(store, sandbox, [second], mode) as (service, log, runner):
            scans_after(service, second.id, 3)
            assert log.of(EventKind.ARRIVED) == [] and len(store.list_jobs()) == 2
            shutil.copy2(take, link / "copy of take.mp4")  # same content: paid for under the first rule
            wait_until(lambda: log.of(EventKind.DUPLICATE), 30, "the duplicate")
            scans_after(service, second.id, 2)
            assert len(store.list_jobs()) == 2
            counts = service.ledger.counts(second.id)  # the page's counts stay per rule
            assert (counts.duplicates, counts.submitted, counts.done) == (1, 0, 0)
            assert service.ledger.counts(first.id).done == 2
    assert log.of(EventKind.DUPLICATE) == ["copy of take.mp4"]
    assert _originals(sandbox) == 2


@pytest.mark.parametrize("mode", MODES)
def test_a_failed_file_moved_back_from_failed_is_tried_again(mode, sandbox, tmp_path):
    incoming = tmp_path / "in"
    short = _tiny(incoming / "short.mp4", seconds=1)  # the clip range is past its end: fails
    rule = make_rule(mode, incoming, processing=PAST_THE_END, leave_results_on_pixop=True)
    failed = incoming / "Failed" / "short.mp4"
    with JobStore(tmp_path / "q.sqlite3") as store, watching(store, sandbox, [rule], mode) as (service, log, runner):
        wait_until(lambda: log.of(EventKind.FAILED), 60, "the first failure")
        assert failed.exists() and not short.exists()
        advice = (incoming / "Failed" / "short.mp4.txt").read_text()
        assert "move the file back into the watched folder" in advice
        os.rename(failed, short)  # what the advice says: same inode, size and time
        wait_until(lambda: len(store.list_jobs()) == 2, 30, "the second attempt")
        wait_until(lambda: len(log.of(EventKind.FAILED)) == 2, 60, "the second failure")
        jobs = store.list_jobs()
        entries = service.ledger.entries(rule.id, folder=service.watcher(rule.id).folder)
    assert [job.state for job in jobs] == [State.FAILED, State.FAILED]
    assert [Path(job.source.path).name for job in jobs] == ["short.mp4", "short.mp4"]
    assert [entry.state for entry in entries] == [Entry.FAILED, Entry.FAILED]
    assert "past the end" in entries[0].reason and "past the end" in entries[1].reason
    assert log.of(EventKind.SUBMITTED) == ["short.mp4", "short.mp4"]
    assert failed.exists() and not short.exists()  # failed again: back in Failed/


def test_a_failed_file_left_in_place_is_not_sent_again_by_a_restart(sandbox, tmp_path):
    incoming = tmp_path / "in"
    _tiny(incoming / "short.mp4", seconds=1)
    rule = make_rule("polling", incoming, processing=PAST_THE_END, after_failure="leave",
                     leave_results_on_pixop=True)
    with JobStore(tmp_path / "q.sqlite3") as store:
        with watching(store, sandbox, [rule], "polling") as (service, log, runner):
            wait_until(lambda: log.of(EventKind.FAILED), 60, "the failure")
        with watching(store, sandbox, [rule], "polling") as (service, log, runner):
            scans_after(service, rule.id, 3)
            assert log.of(EventKind.ARRIVED) == []
        assert len(store.list_jobs()) == 1


@pytest.mark.parametrize("mode", MODES)
def test_a_file_named_like_a_video_that_is_not_one_goes_to_failed_with_the_reason(mode, sandbox, tmp_path):
    incoming = tmp_path / "in"
    (incoming / "reel").mkdir(parents=True)
    fake = incoming / "reel" / "x.mp4"
    fake.write_text("These are my notes, not a video.\n" * 20)
    sidecar = incoming / "reel" / "x.srt"
    sidecar.write_text("1\n00:00:00,000 --> 00:00:01,000\nHello\n")
    rule = make_rule(mode, incoming, processing=TWICE, leave_results_on_pixop=True)
    with JobStore(tmp_path / "q.sqlite3") as store, watching(store, sandbox, [rule], mode) as (service, log, runner):
        wait_until(lambda: log.of(EventKind.FAILED) and log.of(EventKind.SKIPPED), 30, "both decisions")
        scans_after(service, rule.id, 2)
        assert store.list_jobs() == []
        [entry] = service.ledger.entries(rule.id, states=(Entry.FAILED,))
    moved = incoming / "Failed" / "reel" / "x.mp4"
    assert moved.exists() and not fake.exists()
    reason = (incoming / "Failed" / "reel" / "x.mp4.txt").read_text()
    assert "x.mp4 was not processed" in reason and "is not a video file Pixop can read" in reason
    assert entry.path == str(moved) and "Not a video" in entry.reason
    assert log.of(EventKind.FAILED) == ["reel/x.mp4"] and log.of(EventKind.SKIPPED) == ["reel/x.srt"]
    assert sidecar.exists()  # a sidecar is never moved
    assert _originals(sandbox) == 0
