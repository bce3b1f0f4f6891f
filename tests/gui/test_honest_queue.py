"""The queue never misleads: Pause of Pixop's processing, Pause Everything, a lost server, failed rows,
and a finished row's Play and Show in folder — the real window against the real sandbox.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from pixop_desktop.jobs.model import Job, Source, Stage, State
from pixop_desktop.sandbox import Sandbox
from pixop_desktop.sandbox.faults import STUCK
from pixop_desktop.ui.colors import colour
from pixop_desktop.ui.queue.model import NAME, PERCENT_ROLE, PROGRESS, RESULT, STAGE
from tests.gui.modal_answers import ModalAnswers, button
from pixop_desktop.services.connection import ServerChoice
from pixop_desktop.settings import ServerKind
from pixop_desktop.ui.window.main_window import MainWindow
from tests.fixtures.opened_urls import catching_opened_urls
from tests.gui.queue_window import (FAST_POLLS, click_row, context_menu_choose, demo_credentials, open_main_window,
                                    stage_texts)

pytestmark = pytest.mark.timeout(90)

TWICE = {"resolution": {"tag": "2x"}}
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(qtbot, sandbox):
    window = open_main_window(qtbot, sandbox)
    yield window
    sandbox.faults.reset()  # nothing stays stuck on the server while the window stops
    window.shutdown()


def add(window, clip, out, **kwargs) -> int:
    job_id = window.store.add(Job(Source.local(str(clip)), processing=TWICE, output_folder=str(out), **kwargs))
    window.queue_model.refresh_jobs([job_id])
    return job_id


def in_cloud(window, job_id) -> bool:
    job = window.store.get(job_id)
    return job.stage is Stage.WAIT_PROCESSING and job.state in (State.QUEUED, State.RUNNING)


def test_pause_of_pixops_processing_says_so_and_offers_cancel(qtbot, window, sandbox, clip_factory, tmp_path):
    sandbox.faults.end_next("processing", STUCK)
    job_id = add(window, clip_factory("tape.mp4", seconds=1, fps=10), tmp_path)
    qtbot.waitUntil(lambda: in_cloud(window, job_id), timeout=30_000)
    qtbot.waitUntil(lambda: window.queue_model.job(job_id).stage is Stage.WAIT_PROCESSING, timeout=5_000)
    shown = []

    def keep_going(box: QMessageBox) -> None:
        shown.append((box.windowTitle(), box.informativeText(), [b.text() for b in box.buttons()]))
        assert box.defaultButton() is box.no_button  # Return keeps it going
        qtbot.mouseClick(button(box, "&Keep going"), LEFT)

    answers = ModalAnswers((QMessageBox, keep_going))
    context_menu_choose(qtbot, window, job_id, "Pause")
    qtbot.waitUntil(answers.done, timeout=5_000)
    assert answers.unexpected == []
    title, message, buttons = shown[0]
    assert title == "Pixop's processing can't be paused" and "charge" in message
    assert sorted(buttons) == ["&Cancel video", "&Keep going"]
    window.queue.tick()
    assert window.store.get(job_id).state is not State.PAUSED
    assert stage_texts(window)["tape.mp4"] == "Pixop is processing it"  # never "Paused" while it goes on

    answers = ModalAnswers((QMessageBox, lambda box: qtbot.mouseClick(button(box, "&Cancel video"), LEFT)))
    click_row(qtbot, window, job_id)
    window.activateWindow()  # shortcuts go to the active window (the question had it)
    qtbot.waitUntil(window.isActiveWindow, timeout=2_000)
    qtbot.keyClick(window.queue.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # the keyboard way
    qtbot.waitUntil(answers.done, timeout=5_000)
    assert window.store.get(job_id).state is State.CANCELLED
    qtbot.waitUntil(lambda: stage_texts(window)["tape.mp4"] == "Cancelled", timeout=5_000)


def test_pause_everything_is_a_banner_with_resume(qtbot, window, clip_factory, tmp_path):
    banner = window.queue_status.paused_banner
    assert not banner.isVisible()
    window.pause_all_action.trigger()
    assert window.pause_all_action.isChecked() and banner.isVisible()
    assert banner.title_label.text() == "Everything is paused"
    assert "Pixop is already processing" in banner.message_label.text()
    job_id = window.store.add(Job(Source.local(str(clip_factory("held.mp4", seconds=1, fps=10)))))
    window.queue_model.refresh_jobs([job_id])
    qtbot.wait(300)  # a few dispatcher ticks: nothing may start while paused
    assert window.store.get(job_id).state is State.QUEUED
    batch_line = window.queue.batch_label
    qtbot.waitUntil(lambda: batch_line.text().startswith("0 of 1 done"), timeout=2_000)

    qtbot.mouseClick(banner.resume_button, LEFT)
    assert not banner.isVisible() and not window.pause_all_action.isChecked()
    qtbot.waitUntil(lambda: window.store.get(job_id).state is State.DONE, timeout=30_000)
    qtbot.waitUntil(lambda: batch_line.text() == "", timeout=3_000)  # the batch is over


def test_a_lost_server_shows_in_the_header_and_on_the_rows_and_clears(qtbot, window, sandbox, clip_factory,
                                                                       tmp_path):
    window.queue_status.watch.timer.setInterval(150)
    header = window.account_bar.server_label
    assert header.text().startswith("Connected to")
    sandbox.faults.end_next("processing", STUCK)
    job_id = add(window, clip_factory("away.mp4", seconds=1, fps=10), tmp_path)
    qtbot.waitUntil(lambda: in_cloud(window, job_id), timeout=30_000)

    sandbox.faults.unavailable(count=1_000_000)  # every request: 503, as a server that went away
    qtbot.waitUntil(lambda: header.text().startswith("Can't reach Pixop — retrying"), timeout=5_000)
    assert "Connected" not in header.text()
    qtbot.waitUntil(lambda: stage_texts(window)["away.mp4"] == "Can't reach Pixop — retrying", timeout=2_000)
    row = window.queue_model.row_of(job_id)
    assert window.queue_model.index(row, NAME).data(Qt.ItemDataRole.DecorationRole) is not None

    sandbox.faults.reset()  # back (the stuck processing goes on too)
    qtbot.waitUntil(lambda: header.text().startswith("Connected to"), timeout=5_000)
    assert stage_texts(window)["away.mp4"] != "Can't reach Pixop — retrying"
    assert window.queue_model.index(row, NAME).data(Qt.ItemDataRole.DecorationRole) is None
    assert "again" in window.statusBar().currentMessage()


def test_a_failed_row_looks_failed(qtbot, window, sandbox, clip_factory, tmp_path):
    sandbox.faults.end_next("processing", "FAILED", "The source could not be decoded")
    job_id = add(window, clip_factory("bad.mp4", seconds=1, fps=10), tmp_path)
    qtbot.waitUntil(lambda: window.store.get(job_id).state is State.FAILED, timeout=30_000)
    qtbot.waitUntil(lambda: window.queue_model.job(job_id).state is State.FAILED, timeout=5_000)
    model, row = window.queue_model, window.queue_model.row_of(job_id)
    assert model.index(row, PROGRESS).data(PERCENT_ROLE) == -1 and model.index(row, PROGRESS).data() == ""
    assert model.index(row, NAME).data(Qt.ItemDataRole.DecorationRole) is not None  # the error sign
    assert model.index(row, STAGE).data(Qt.ItemDataRole.ForegroundRole).color().name() == colour("problem")
    assert model.index(row, STAGE).data() == "Failed"


@pytest.fixture
def opened_urls():
    with catching_opened_urls() as urls:
        yield urls


def test_a_finished_row_plays_and_shows_its_folder(qtbot, window, clip_factory, tmp_path, opened_urls):
    out = tmp_path / "results"
    job_id = add(window, clip_factory("done.mp4", seconds=1, fps=10), out)
    qtbot.waitUntil(lambda: window.store.get(job_id).state is State.DONE, timeout=60_000)
    qtbot.waitUntil(lambda: window.queue_model.job(job_id).state is State.DONE, timeout=5_000)
    result = window.store.get(job_id).output_path
    assert result and (out / result.replace("\\", "/").rsplit("/", 1)[-1]).is_file()

    context_menu_choose(qtbot, window, job_id, "Play")
    assert opened_urls[-1].toLocalFile() == result
    click_row(qtbot, window, job_id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2_000)
    qtbot.keyClick(window.queue.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # Show in Folder
    assert opened_urls[-1].toLocalFile() == str(out)  # Linux: the folder (Windows/macOS select the file)

    buttons = window.details.result_buttons
    qtbot.waitUntil(buttons.isVisible, timeout=5_000)
    qtbot.mouseClick(buttons.play_button, LEFT)
    assert opened_urls[-1].toLocalFile() == result and len(opened_urls) == 3


def test_at_1024_by_700_no_column_is_cut_off_and_cut_words_have_tooltips(qtbot, sandbox, tmp_path):
    window = MainWindow(ServerChoice(sandbox.url, ServerKind.SANDBOX), demo_credentials, poll=FAST_POLLS)
    window.ask_before_closing = False
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.runner is not None, timeout=10_000)
        window.runner.pause_queue()
        assert window.width() == 1024 and window.minimumSizeHint().width() <= 1024
        long_name = tmp_path / "Evening news 1987-03-14, interview with the mayor about the harbour.mp4"
        job_id = window.store.add(Job(Source.local(str(long_name)), processing=TWICE, needs_approval=True))
        window.queue_model.refresh_jobs([job_id])
        table, model = window.queue.table, window.queue_model
        header = table.horizontalHeader()
        assert header.length() <= table.viewport().width() + 1  # no column behind a horizontal scrollbar
        hidden = [c for c in range(model.columnCount()) if header.isSectionHidden(c)]
        assert STAGE not in hidden and RESULT not in hidden and NAME not in hidden
        assert all(not window.columns_menu.actions()[c].isChecked() for c in hidden)  # one click from showing
        for column in range(model.columnCount()):
            index = model.index(0, column)
            shown, tip = index.data() or "", index.data(Qt.ItemDataRole.ToolTipRole) or ""
            assert shown in tip or shown == "", (column, shown, tip)  # the full words are one hover away
        assert model.index(0, NAME).data(Qt.ItemDataRole.ToolTipRole) == str(long_name)
    finally:
        window.shutdown()


def test_a_stopped_server_is_noticed_and_its_return_on_the_same_port_too(qtbot, tmp_path, clip_factory):
    data = tmp_path / "sandbox-data"
    first = Sandbox(data_dir=data).start()
    port, again = first.port, None
    window = open_main_window(qtbot, first)
    try:
        window.queue_status.watch.timer.setInterval(150)
        window.pause_all_action.trigger()  # the job waits in the queue meanwhile
        job_id = window.store.add(Job(Source.local(str(clip_factory("later.mp4", seconds=1, fps=10)))))
        window.queue_model.refresh_jobs([job_id])
        header = window.account_bar.server_label

        first.stop()
        qtbot.waitUntil(lambda: header.text().startswith("Can't reach Pixop — retrying"), timeout=5_000)
        qtbot.waitUntil(lambda: stage_texts(window)["later.mp4"] == "Can't reach Pixop — retrying", timeout=2_000)

        again = Sandbox(data_dir=data, port=port).start()
        qtbot.waitUntil(lambda: header.text().startswith("Connected to"), timeout=5_000)
        assert stage_texts(window)["later.mp4"] == "Waiting to upload"
        qtbot.mouseClick(window.queue_status.paused_banner.resume_button, LEFT)
        qtbot.waitUntil(lambda: window.store.get(job_id).state is State.DONE, timeout=30_000)
    finally:
        window.shutdown()
        for server in (first, again):
            if server is not None:
                server.stop()
