"""Mirrored folders and the Failed/ move with its reason, on real files."""

from __future__ import annotations

import pytest

from pixop_desktop.watch import outcomes
from pixop_desktop.watch.rules import WatchRule, rule_label


def test_the_subfolder_tree_is_mirrored_and_cannot_escape(tmp_path):
    rule = WatchRule(folder=str(tmp_path / "in"), preset="p", output_folder=str(tmp_path / "out"))
    assert outcomes.output_folder_for(rule, "show/day2/ep1.mov") == str(tmp_path / "out" / "show" / "day2")
    assert outcomes.output_folder_for(rule, "ep1.mov") == str(tmp_path / "out")
    assert outcomes.done_folder_for(rule, "show/ep1.mov") == str(tmp_path / "in" / "Done" / "show")
    with pytest.raises(ValueError):
        outcomes.mirrored(tmp_path, "../elsewhere/x.mov")


def test_a_failed_file_moves_with_its_reason_and_never_overwrites(tmp_path):
    rule = WatchRule(folder=str(tmp_path / "in"))
    for attempt in range(2):
        source = tmp_path / "in" / "reel" / "tape.mov"
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_bytes(f"take {attempt}".encode())
        moved = outcomes.move_to_failed(rule, source, "reel/tape.mov", "Processing failed", "The clip is too short.", 7)
        assert not source.exists()
    failed = tmp_path / "in" / "Failed" / "reel"
    assert sorted(p.name for p in failed.iterdir()) == ["tape (2).mov", "tape (2).mov.txt", "tape.mov", "tape.mov.txt"]
    assert moved == failed / "tape (2).mov" and moved.read_bytes() == b"take 1"
    reason = (failed / "tape.mov.txt").read_text()
    assert "tape.mov was not processed (job 7)" in reason and "Processing failed: The clip is too short." in reason


def test_rule_labels_for_the_queue(tmp_path):
    rule = WatchRule(folder=str(tmp_path / "Incoming"), name="")
    assert rule_label(rule.id, [rule]) == "Incoming"
    assert rule_label("cli-abc", []) == "Watched folder (command line)"
    assert rule_label(None, []) == "" and rule_label("gone", []) == "Removed watched folder"
