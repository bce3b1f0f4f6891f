"""StableFileDetector and scan_folder with real files and a test-driven clock."""

from __future__ import annotations

import os
from pathlib import Path

from pixop_desktop.watch.detector import UNREADABLE_AFTER_POLLS, StableFileDetector, scan_folder
from pixop_desktop.watch.rules import WatchRule


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _names(candidates) -> list[str]:
    return [c.path.name for c in candidates]


def test_a_growing_file_is_taken_only_after_it_stops_changing(tmp_path):
    clock = Clock()
    detector = StableFileDetector(5.0, clock=clock)
    rule = WatchRule(folder=str(tmp_path), settle_seconds=5.0)
    path = tmp_path / "card.mov"
    for piece in range(10):  # written in pieces; each poll comes within the settle time
        with open(path, "ab") as handle:
            handle.write(b"x" * 1000)
        os.utime(path, ns=(piece * 10**9, piece * 10**9))
        assert detector.update(scan_folder(rule)) == []
        clock.now += 4.0
    assert detector.pending == 1
    assert detector.update(scan_folder(rule)) == []          # unchanged for 4 s only
    clock.now += 1.5
    stable = detector.update(scan_folder(rule))
    assert _names(stable) == ["card.mov"] and stable[0].info.st_size == 10_000
    clock.now += 10
    assert detector.update(scan_folder(rule)) == []          # taken once per signature
    assert detector.pending == 0


def test_a_file_that_cannot_be_opened_waits(tmp_path):
    clock, openable = Clock(), {"ok": False}
    detector = StableFileDetector(1.0, clock=clock, opener=lambda path: openable["ok"])
    rule = WatchRule(folder=str(tmp_path), settle_seconds=1.0)
    (tmp_path / "a.mp4").write_bytes(b"data")
    detector.update(scan_folder(rule))
    clock.now += 2
    assert detector.update(scan_folder(rule)) == []
    openable["ok"] = True
    assert _names(detector.update(scan_folder(rule))) == ["a.mp4"]


def test_a_file_that_stays_unopenable_is_said_once_and_no_longer_waited_for(tmp_path):
    clock, openable = Clock(), {"ok": False}
    detector = StableFileDetector(1.0, clock=clock, opener=lambda path: openable["ok"])
    rule = WatchRule(folder=str(tmp_path), settle_seconds=1.0)
    (tmp_path / "locked.mp4").write_bytes(b"data")
    for _ in range(UNREADABLE_AFTER_POLLS - 1):  # the first sighting counts as a poll
        assert detector.update(scan_folder(rule)) == []
        clock.now += 2
    assert detector.pending == 1 and detector.take_unreadable() == []  # not yet: locks can be brief
    detector.update(scan_folder(rule))
    assert detector.pending == 0  # so `watch --once` ends
    assert [p.name for p in detector.take_unreadable()] == ["locked.mp4"]
    detector.update(scan_folder(rule))
    assert detector.take_unreadable() == []  # said once
    openable["ok"] = True  # permissions fixed: taken at the next pass, without a change to the file
    assert _names(detector.update(scan_folder(rule))) == ["locked.mp4"]


def test_settle_zero_still_needs_two_polls(tmp_path):
    detector = StableFileDetector(0.0, clock=Clock())
    rule = WatchRule(folder=str(tmp_path), settle_seconds=0)
    (tmp_path / "a.mp4").write_bytes(b"data")
    assert detector.update(scan_folder(rule)) == []
    assert _names(detector.update(scan_folder(rule))) == ["a.mp4"]


def test_scan_applies_patterns_hidden_files_and_skips_our_own_folders(tmp_path):
    for rel in ["a.mp4", "b.MOV.part", "c.crdownload", "d.tmp", "Thumbs.db", ".DS_Store", ".hidden.mp4",
                "sub/e.mov", "sub/deeper/f.mxf", ".git/g.mp4", "Done/h.mp4", "Failed/i.mp4", "out/j.mp4"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    rule = WatchRule(folder=str(tmp_path), output_folder=str(tmp_path / "out"), preset="x")
    assert [c.path.relative_to(tmp_path).as_posix() for c in scan_folder(rule)] == [
        "a.mp4", "sub/deeper/f.mxf", "sub/e.mov"]
    flat = rule.model_copy(update={"recursive": False})
    assert _names(scan_folder(flat)) == ["a.mp4"]
    only_mov = rule.model_copy(update={"include": ["*.mov"]})
    assert _names(scan_folder(only_mov)) == ["e.mov"]


def test_a_vanished_file_is_forgotten(tmp_path):
    clock = Clock()
    detector = StableFileDetector(1.0, clock=clock)
    rule = WatchRule(folder=str(tmp_path), settle_seconds=1.0)
    path: Path = tmp_path / "a.mp4"
    path.write_bytes(b"1")
    detector.update(scan_folder(rule))
    path.unlink()
    assert detector.update(scan_folder(rule)) == [] and detector.pending == 0


def test_scanning_a_missing_folder_finds_nothing(tmp_path):
    assert scan_folder(WatchRule(folder=str(tmp_path / "gone"))) == []
