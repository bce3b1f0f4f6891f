"""Close-after-write events let a file settle sooner; without one (network shares) the settle time rules."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from pixop_desktop.watch.detector import FolderEvents, StableFileDetector, scan_folder
from pixop_desktop.watch.rules import WatchRule

from .watch_helpers import wait_until

pytestmark = pytest.mark.timeout(30)

LONG = 3600.0  # a settle time no test waits for


def _detector_and_rule(tmp_path):
    rule = WatchRule(folder=str(tmp_path), settle_seconds=LONG)
    return StableFileDetector(rule.settle_seconds), rule


def test_a_file_closed_after_its_last_write_is_taken_after_two_polls(tmp_path):
    detector, rule = _detector_and_rule(tmp_path)
    (tmp_path / "a.mov").write_bytes(b"x" * 1000)
    detector.closed_after_write(tmp_path / "a.mov")
    assert detector.update(scan_folder(rule)) == []  # first sight: nothing to compare with
    assert [c.path.name for c in detector.update(scan_folder(rule))] == ["a.mov"]


def test_without_a_close_or_with_writes_after_it_the_settle_time_rules(tmp_path):
    detector, rule = _detector_and_rule(tmp_path)
    (tmp_path / "open.mov").write_bytes(b"x" * 1000)  # no event: a network share
    late = tmp_path / "late.mov"
    late.write_bytes(b"y" * 1000)
    detector.closed_after_write(late)
    stamp = late.stat().st_mtime_ns + 5_000_000_000
    os.utime(late, ns=(stamp, stamp))  # written again after that close (a writer that reopened it)
    for _ in range(4):
        assert detector.update(scan_folder(rule)) == []
    assert detector.pending == 2


@pytest.mark.skipif(sys.platform != "linux", reason="close-after-write events are inotify's")
def test_the_observer_reports_a_close_after_write(tmp_path):
    events, wake, closed = FolderEvents(), threading.Event(), []
    try:
        if not events.watch("k", tmp_path, False, wake, closed=closed.append):
            pytest.skip("no file events here")
        (tmp_path / "b.mov").write_bytes(b"z")
        wait_until(lambda: tmp_path / "b.mov" in closed, 5, "the close-write event")
    finally:
        events.stop()
    assert wake.is_set()
