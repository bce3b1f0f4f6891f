"""Adding a watched folder that already holds videos asks first, and only new videos are sent if so.

The real main window against the sandbox: the rule is added through the page's
dialog, the question answered as a person would, and the jobs counted in the store.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from pixop_desktop.watch.ledger import Entry, Ledger
from tests.gui.queue_window import open_main_window

pytestmark = pytest.mark.timeout(90)


def _two_videos(clip_factory, incoming: Path) -> None:
    incoming.mkdir()
    old = time.time() - 3600  # long settled
    for name, fps in (("old1.mp4", 5), ("old2.mp4", 6)):  # different content: not duplicates
        os.utime(shutil.copy(clip_factory(name, seconds=1, fps=fps), incoming / name), (old, old))


def _add_rule(qtbot, page, incoming: Path) -> None:
    """Drive the real dialog: folder, a short settle time, OK."""
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.keyClicks(dialog.folder, str(incoming))
    dialog.settle.setValue(0.3)
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: page.existing_box is not None and page.existing_box.isVisible(), timeout=15_000)
    box = page.existing_box
    assert box.text().startswith("2 video") and "already in this folder" in box.text()  # English forms: .qm
    assert box.defaultButton() is page.only_new_button
    assert page.rules() == [] and not page.add_button.isEnabled()  # not saved, not watching, before the answer


def _two_more_passes(qtbot, service, rule_id: str) -> None:
    """Let the watcher look at its folder twice more (asked to: events alone may not wake it)."""
    watcher = service.watcher(rule_id)
    target = watcher.scans + 2

    def looked() -> bool:
        service.rescan(rule_id)
        return watcher.scans >= target
    qtbot.waitUntil(looked, timeout=10_000)


def _jobs(window, rule_id: str):
    return [job for job in window.store.list_jobs() if job.watch_rule_id == rule_id]


def test_only_new_ones_leaves_the_videos_already_there_alone(qtbot, sandbox, clip_factory, tmp_path):
    incoming = tmp_path / "in"
    _two_videos(clip_factory, incoming)
    window = open_main_window(qtbot, sandbox)
    page = window.extras.watch_page
    _add_rule(qtbot, page, incoming)

    with qtbot.waitSignal(page.rulesChanged, timeout=10_000):
        qtbot.mouseClick(page.only_new_button, Qt.MouseButton.LeftButton)
    [rule] = page.rules()
    existing = Ledger(window.store).entries(rule.id, states=(Entry.EXISTING,))
    assert sorted(e.rel_path for e in existing) == ["old1.mp4", "old2.mp4"]

    shutil.copy(clip_factory("new.mp4", seconds=1, fps=7), incoming / "new.mp4")
    qtbot.waitUntil(lambda: len(_jobs(window, rule.id)) == 1, timeout=30_000)
    _two_more_passes(qtbot, window.extras.folder_watching.service, rule.id)
    [job] = _jobs(window, rule.id)
    assert Path(job.source.path).name == "new.mp4"


def test_send_them_too_sends_the_videos_already_there(qtbot, sandbox, clip_factory, tmp_path):
    incoming = tmp_path / "in"
    _two_videos(clip_factory, incoming)
    window = open_main_window(qtbot, sandbox)
    page = window.extras.watch_page
    _add_rule(qtbot, page, incoming)

    with qtbot.waitSignal(page.rulesChanged, timeout=10_000):
        qtbot.mouseClick(page.send_too_button, Qt.MouseButton.LeftButton)
    [rule] = page.rules()
    qtbot.waitUntil(lambda: len(_jobs(window, rule.id)) == 2, timeout=30_000)


def test_cancel_keeps_the_rule_unsaved(qtbot, sandbox, clip_factory, tmp_path):
    incoming = tmp_path / "in"
    _two_videos(clip_factory, incoming)
    window = open_main_window(qtbot, sandbox)
    page = window.extras.watch_page
    _add_rule(qtbot, page, incoming)
    page.existing_box.reject()
    qtbot.waitUntil(lambda: page.add_button.isEnabled(), timeout=5_000)
    assert page.rules() == [] and window.store.list_jobs() == []
