"""The Watched folders page driven as a person would: add, pause, dry run, counts, remove."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from pixop_desktop.jobs.store import JobStore
from pixop_desktop.watch.dryrun import Verdict
from pixop_desktop.watch.ledger import Entry, FileSeen, Ledger
from pixop_desktop.watch.rules import AfterSuccess, load_rules
from pixop_desktop.ui.watch.page import WatchPage
from tests.fixtures.clips import make_clip

SCREENSHOT = os.environ.get("WATCH_PAGE_SCREENSHOT")


@pytest.fixture
def page(qtbot, tmp_path):
    pool = QThreadPool()
    with JobStore(tmp_path / "q.sqlite3") as store:
        widget = WatchPage(store, rules_path=tmp_path / "rules.json", pool=pool)
        qtbot.addWidget(widget)
        widget.resize(900, 560)
        widget.show()
        yield widget
        widget.shutdown()
        widget.close()


def _ok(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def _add(qtbot, page, folder: Path, output: Path) -> None:
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)  # no folder yet: says so, stays open
    assert dialog.isVisible() and "Choose the folder" in dialog.error.text()
    qtbot.keyClicks(dialog.folder, str(folder))
    qtbot.keyClicks(dialog.name, "Incoming tapes")
    dialog.preset.setCurrentIndex(1)  # the first preset
    qtbot.keyClicks(dialog.output, str(output))
    dialog.after_success.setCurrentIndex(dialog.after_success.findData(AfterSuccess.MOVE))
    dialog.settle.setValue(2)
    with qtbot.waitSignal(page.rulesChanged):
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_add_pause_dry_run_counts_and_remove(qtbot, page, tmp_path):
    incoming, out = tmp_path / "Incoming", tmp_path / "Outgoing"
    _add(qtbot, page, incoming, out)
    [rule] = load_rules(tmp_path / "rules.json")
    assert (rule.name, rule.folder, rule.output_folder, rule.after_success) == (
        "Incoming tapes", str(incoming), str(out), AfterSuccess.MOVE)
    assert rule.preset and page.table.rowCount() == 1
    assert page.table.item(0, 1).text() == "Watching"

    page.table.selectRow(0)
    qtbot.mouseClick(page.pause_button, Qt.MouseButton.LeftButton)
    assert load_rules(tmp_path / "rules.json")[0].paused
    assert page.table.item(0, 1).text() == "Paused" and page.pause_button.text() == "Res&ume"

    old = time.time() - 3600
    for rel in ("tape1.mp4", "sub/tape2.mp4"):
        os.utime(make_clip(incoming / rel, seconds=1, fps=5), (old, old))
    (incoming / "tape1.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nHi\n")
    os.utime(incoming / "tape1.srt", (old, old))
    (incoming / "fresh.mp4").write_bytes((incoming / "tape1.mp4").read_bytes() + b"x")  # just written
    qtbot.mouseClick(page.dry_run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dry_run_items is not None, timeout=10_000)
    verdicts = {item.rel_path: item.verdict for item in page.dry_run_items}
    assert verdicts == {"tape1.mp4": Verdict.SUBMIT, "sub/tape2.mp4": Verdict.SUBMIT,
                        "fresh.mp4": Verdict.CHANGING, "tape1.srt": Verdict.NOT_A_VIDEO}
    assert page.dry_run_list.topLevelItemCount() == 4
    assert page.dry_run_list.topLevelItem(0).text(1) == "Would be sent now"
    assert "2 of 4" in page.dry_run_label.text()
    assert (incoming / "tape1.mp4").exists()  # a dry run moves nothing

    ledger = Ledger(page._ledger.store)
    ledger.record(rule.id, FileSeen.of(incoming / "tape1.mp4", incoming), Entry.DONE, job_id=1)
    ledger.record(rule.id, FileSeen.of(incoming / "tape1.srt", incoming), Entry.SKIPPED)
    page.refresh()
    assert [page.table.item(0, c).text() for c in range(3, 8)] == ["0", "1", "0", "0", "1"]
    assert "tape1.srt" in page.table.item(0, 2).text()
    if SCREENSHOT:
        page.grab().save(SCREENSHOT)

    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    box = page.confirm_box
    with qtbot.waitSignal(page.rulesChanged):
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == 0 and load_rules(tmp_path / "rules.json") == []
    assert not page.edit_button.isEnabled() and (incoming / "tape1.mp4").exists()


def test_edit_keeps_the_rule_id_and_cancel_on_remove_keeps_it(qtbot, page, tmp_path):
    _add(qtbot, page, tmp_path / "in", tmp_path / "out")
    [before] = page.rules()
    page.table.selectRow(0)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog.folder.text() == str(tmp_path / "in") and dialog.settle.value() == 2
    dialog.recursive.setChecked(False)
    with qtbot.waitSignal(page.rulesChanged):
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    [after] = page.rules()
    assert after.id == before.id and after.recursive is False
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.confirm_box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert len(page.rules()) == 1
