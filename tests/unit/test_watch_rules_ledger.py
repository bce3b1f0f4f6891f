"""Watch rules (validation, persistence) and the ledger (identity, fingerprints, counts)."""

from __future__ import annotations

import dataclasses
import json
import os

import pytest

from pixop_desktop.jobs.store import JobStore
from pixop_desktop.watch.ledger import Entry, FileSeen, Ledger, fingerprint, folder_key
from pixop_desktop.watch.rules import (AfterSuccess, RuleError, WatchRule, cli_rule_id, load_rules,
                                       replace_rule, save_rules)


def test_rules_round_trip_and_ignore_unknown_fields(tmp_path):
    rule = WatchRule(folder=str(tmp_path / "in"), preset="Restore SD", output_folder=str(tmp_path / "out"),
                     after_success=AfterSuccess.MOVE, settle_seconds=2)
    other = WatchRule(folder=str(tmp_path / "in2"), paused=True)
    save_rules([rule, other])
    assert load_rules() == [rule, other]
    assert rule.done_root == tmp_path / "in" / "Done" and rule.failed_root == tmp_path / "in" / "Failed"
    updated = replace_rule([rule, other], other.model_copy(update={"paused": False}))
    assert [r.paused for r in updated] == [False, False]
    assert WatchRule.model_validate({**rule.model_dump(mode="json"), "from_the_future": 1}) == rule


def test_a_broken_rules_file_is_set_aside(tmp_path):
    path = tmp_path / "rules.json"
    path.write_text("{not json")
    assert load_rules(path) == []
    assert (tmp_path / "rules.json.bad").exists() and not path.exists()


@pytest.mark.parametrize("fields, words", [
    ({"preset": "a", "processing": {"resolution": {"tag": "2x"}}}, "either a preset"),
    ({"output_folder": "/tmp/out"}, "choose a preset"),
    ({"approval": "hold"}, "approve automatically"),
    ({"preset": "a", "name_template": "../x", "leave_results_on_pixop": True}, "folder"),
    ({"preset": "a"}, "Choose an output folder for the results, or tick “Leave the results on Pixop”"),
    ({"processing": {"resolution": {"tag": "2x"}}}, "Choose an output folder"),
    ({"preset": "a", "output_folder": "/tmp/out", "leave_results_on_pixop": True}, "not both"),
])
def test_rules_that_cannot_work_say_why(tmp_path, fields, words):
    with pytest.raises(ValueError, match=words):
        WatchRule(folder=str(tmp_path), **fields)


def test_a_missing_preset_is_a_rule_error(tmp_path):
    with pytest.raises(RuleError, match="No such preset"):
        WatchRule(folder=str(tmp_path), preset="there is no such preset", leave_results_on_pixop=True).request()
    request, preset = WatchRule(folder=str(tmp_path), processing={"resolution": {"tag": "2x"}},
                                leave_results_on_pixop=True).request()
    assert request == {"resolution": {"tag": "2x"}} and preset is None


def test_cli_rule_ids_are_stable_per_folder(tmp_path):
    assert cli_rule_id(tmp_path) == cli_rule_id(str(tmp_path) + "/") != cli_rule_id(tmp_path / "x")


def test_fingerprint_sees_copies_and_is_cheap_for_big_files(tmp_path):
    big = tmp_path / "big.bin"
    with open(big, "wb") as handle:
        handle.truncate(50 * 2**20)  # sparse: reading all of it would take a while
        handle.seek(25 * 2**20)
        handle.write(b"middle")
    copy = tmp_path / "copy.bin"
    copy.write_bytes(big.read_bytes())
    assert fingerprint(big) == fingerprint(copy)
    with open(copy, "r+b") as handle:
        handle.seek(25 * 2**20)
        handle.write(b"MIDDLE")
    assert fingerprint(big) != fingerprint(copy)
    small = tmp_path / "small.bin"
    small.write_bytes(b"abc")
    assert fingerprint(small).startswith("v1:3:")


def test_ledger_knows_files_by_path_or_identity_and_finds_paid_content(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    clip = root / "a.mp4"
    clip.write_bytes(b"video")
    with JobStore(tmp_path / "q.sqlite3") as store:
        ledger = Ledger(store)
        seen = FileSeen.of(clip, root)
        assert ledger.known("r1", seen) is None
        entry_id = ledger.record("r1", seen, Entry.SUBMITTED, fingerprint="fp", job_id=7)
        assert ledger.known("r1", seen).id == entry_id
        assert ledger.known("r2", seen).id == entry_id              # per folder, whichever rule
        elsewhere = tmp_path / "other"
        elsewhere.mkdir()
        assert ledger.known("r1", dataclasses.replace(seen, folder=folder_key(elsewhere))) is None
        renamed = root / "b.mp4"
        os.rename(clip, renamed)
        assert ledger.known("r1", FileSeen.of(renamed, root)).id == entry_id  # same inode
        renamed.write_bytes(b"other video")
        assert ledger.known("r1", FileSeen.of(renamed, root)) is None  # new content
        assert ledger.paid_for("r1", "fp").job_id == 7
        ledger.set_state(entry_id, Entry.FAILED, reason="boom")
        assert ledger.paid_for("r1", "fp") is None                    # a failed file may come again
        assert ledger.for_job(7).reason == "boom"
        counts = ledger.counts("r1")
        assert (counts.failed, counts.submitted, counts.last_path) == (1, 0, "a.mp4")
    with JobStore(tmp_path / "q.sqlite3") as store:                  # reopened: migrated once, data kept
        assert Ledger(store).counts("r1").failed == 1


def test_a_version_1_rule_that_processed_without_an_output_folder_keeps_leaving_results_on_pixop(tmp_path):
    """Version 1 had no "leave on Pixop": such a rule left its results there, and still does, now
    said out loud (the dialog shows the box ticked); a rule with a folder or no processing is as it was."""
    path = tmp_path / "rules.json"
    path.write_text(json.dumps({"schema_version": 1, "rules": [
        {"id": "a", "folder": str(tmp_path / "a"), "preset": "Restore SD"},
        {"id": "b", "folder": str(tmp_path / "b"), "preset": "Restore SD", "output_folder": str(tmp_path / "o")},
        {"id": "c", "folder": str(tmp_path / "c")}]}))
    a, b, c = load_rules(path)
    assert (a.leave_results_on_pixop, a.output_folder) == (True, None)
    assert (b.leave_results_on_pixop, b.output_folder) == (False, str(tmp_path / "o"))
    assert not c.leave_results_on_pixop
    save_rules([a, b, c], path)
    assert json.loads(path.read_text())["schema_version"] == 2 and load_rules(path)[0].leave_results_on_pixop
