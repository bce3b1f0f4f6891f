"""Queue → Change processing… (until processing starts) and the "Made by" column."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from pixop_desktop.processing.enums import ResolutionTag
from pixop_desktop.jobs.model import Job, Source, Stage, State
from pixop_desktop.ui.queue.model import ORIGIN
from pixop_desktop.watch.rules import WatchRule, save_rules
from tests.gui.queue_window import click_row, context_menu_choose, open_main_window
from tests.gui.test_wizard_driver import choose, finish

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def window(qtbot, sandbox):
    window = open_main_window(qtbot, sandbox)
    window.runner.pause_queue()  # the jobs stay where they are put
    yield window
    window.shutdown()


def _add(window, *jobs: Job) -> list[int]:
    ids = window.store.add_many(jobs)
    window.queue_model.refresh_jobs(ids)
    return ids


def _menu_action(qtbot, window, job_id: int, label: str):
    click_row(qtbot, window, job_id)
    window.queue._update_actions()
    return next(a for a in window.queue.build_context_menu().actions() if a.text().replace("&", "") == label)


def test_change_processing_opens_the_wizard_prefilled_and_saves(qtbot, window, clip_factory, tmp_path):
    clip = clip_factory("tape.mp4", seconds=1, fps=10)
    [job_id] = _add(window, Job(Source.local(str(clip)), processing={"resolution": {"tag": "2x"}},
                                needs_approval=True, output_folder=str(tmp_path)))
    context_menu_choose(qtbot, window, job_id, "Change Processing…")
    qtbot.waitUntil(lambda: window.queue.editor.wizard is not None, timeout=10_000)
    wizard = window.queue.editor.wizard
    assert (wizard.source.width, wizard.source.height) == (160, 120)  # it knows the source
    assert wizard.draft.body == {"resolution": {"tag": "2x"}}          # the job's own request
    choose(qtbot, wizard, "resolution.tag", ResolutionTag.X3)
    assert finish(qtbot, wizard) == {"resolution": {"tag": "3x"}}
    assert window.store.get(job_id).processing == {"resolution": {"tag": "3x"}}
    qtbot.waitUntil(lambda: window.queue_model.job(job_id).processing == {"resolution": {"tag": "3x"}})
    assert window.store.history(job_id)[-1].message == "Processing changed"
    assert window.queue.editor.wizard is None


def test_change_processing_is_off_once_processing_started(qtbot, window, tmp_path):
    queued, processing = _add(window, Job(Source.local(str(tmp_path / "a.mp4")), processing={}),
                              Job(Source.local(str(tmp_path / "b.mp4")), processing={}))
    window.store.transition(processing, State.RUNNING)
    window.store.transition(processing, State.QUEUED, stage=Stage.WAIT_PROCESSING)
    window.queue_model.refresh_jobs([processing])
    assert _menu_action(qtbot, window, queued, "Change Processing…").isEnabled()
    assert not _menu_action(qtbot, window, processing, "Change Processing…").isEnabled()
    assert not window.queue.action["change_processing"].isEnabled()
    # Processing started while the wizard was being opened: a plain refusal, nothing changes.
    click_row(qtbot, window, queued)
    window.store.transition(queued, State.RUNNING)
    window.store.transition(queued, State.QUEUED, stage=Stage.PROCESS)
    refusals = []
    window.queue.editor.refused.connect(lambda title, message: refusals.append((title, message)))
    window.queue.action["change_processing"].trigger()
    assert refusals == [("The processing cannot be changed", "Pixop has already started processing it.")]
    [box] = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert (box.windowTitle(), box.text()) == refusals[0]
    box.accept()
    assert window.queue.editor.wizard is None


def test_made_by_names_the_watched_folder_and_follows_renames(qtbot, window, tmp_path):
    rule = WatchRule(name="Incoming tapes", folder=str(tmp_path / "in"))
    save_rules([rule])
    window.queue_model.set_rules([rule])
    watched, dropped, imported = _add(
        window, Job(Source.local(str(tmp_path / "in" / "a.mp4")), watch_rule_id=rule.id),
        Job(Source.local(str(tmp_path / "b.mp4"))), Job(Source.s3("loc", "x/c.mp4")))
    model = window.queue_model
    assert model.headerData(ORIGIN, Qt.Orientation.Horizontal) == "Made by"

    def made_by(job_id):
        return model.index(model.row_of(job_id), ORIGIN).data()

    assert (made_by(watched), made_by(dropped), made_by(imported)) == ("Incoming tapes", "Added by you", "Import")
    changes = []
    model.dataChanged.connect(lambda first, last: changes.append((first.column(), last.column())))
    window.extras.watch_page._commit([rule.model_copy(update={"name": "Tape archive"})])
    assert made_by(watched) == "Tape archive" and (ORIGIN, ORIGIN) in changes


def test_queue_screenshot_with_the_new_column_and_menu(qtbot, window, tmp_path):
    rule = WatchRule(name="Incoming", folder=str(tmp_path / "in"))
    window.queue_model.set_rules([rule])
    ids = _add(window, Job(Source.local(str(tmp_path / "in" / "reel1.mov")), watch_rule_id=rule.id, processing={}),
               Job(Source.local(str(tmp_path / "interview.mp4")), processing={}),
               Job(Source.s3("loc", "archive/tape7.mxf")))
    window.resize(1800, 700)
    window.queue_splitter.setSizes([1400, 400])
    click_row(qtbot, window, ids[0])
    window.queue.grab().save("/tmp/queue_made_by.png")
    window.queue.table.customContextMenuRequested.emit(
        window.queue.table.visualRect(window.queue_model.index(0, 0)).center())
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert menu.grab().save("/tmp/queue_menu.png")
    menu.close()
