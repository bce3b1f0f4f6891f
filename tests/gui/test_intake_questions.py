"""Nothing dropped is thrown away or doubled silently: a cancelled wizard and files already queued
ask first. Real window, real sandbox, real clips, the real dialogs answered with mouse and keyboard."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from pixop_desktop.ui.intake.panel import CHOOSE
from pixop_desktop.ui.wizard import ProcessingWizard
from tests.fixtures.clips import make_clip
from tests.gui.modal_answers import ModalAnswers, button
from tests.gui.queue_window import drop_paths, open_main_window

pytestmark = pytest.mark.timeout(60)

LEFT = Qt.MouseButton.LeftButton
NO_SETTINGS = "No processing settings were chosen for 2 video(s)."


@pytest.fixture
def window(qtbot, sandbox):
    window = open_main_window(qtbot, sandbox)
    yield window
    window.shutdown()


@pytest.fixture
def answers():
    made = []

    def make(*steps) -> ModalAnswers:
        made.append(ModalAnswers(*steps))
        return made[-1]

    yield make
    for answering in made:
        answering.stop()


@pytest.fixture
def clips(tmp_path):
    return [make_clip(tmp_path / "a.mp4", seconds=1, fps=5), make_clip(tmp_path / "b.mp4", seconds=1, fps=5)]


def escape(widget) -> None:
    QTest.keyClick(widget, Qt.Key.Key_Escape)


def click(text: str):
    return lambda box: QTest.mouseClick(button(box, text), LEFT)


def test_cancelled_wizard_asks_and_can_add_the_videos_without_processing(qtbot, window, clips, answers):
    window.intake_panel.select_choice(CHOOSE)
    answering = answers((ProcessingWizard, escape), (QMessageBox, click("Add without processing")))
    assert drop_paths(qtbot, window.drop_zone, clips)
    qtbot.waitUntil(lambda: len(window.store.list_jobs()) == 2, timeout=15_000)
    assert answering.done() and not answering.unexpected
    assert answering.seen[1] == NO_SETTINGS
    assert [job.source.path for job in window.store.list_jobs()] == [str(c) for c in clips]
    assert all(job.processing is None for job in window.store.list_jobs())


def test_cancelled_wizard_then_escape_adds_nothing(qtbot, window, clips, answers):
    window.intake_panel.select_choice(CHOOSE)
    answering = answers((ProcessingWizard, escape), (QMessageBox, escape))
    assert drop_paths(qtbot, window.drop_zone, clips)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage()
                    == "Nothing added: no processing settings were chosen.", timeout=15_000)
    assert answering.done() and not answering.unexpected and answering.seen[1] == NO_SETTINGS
    assert window.store.list_jobs() == []


def test_adding_the_same_files_again_asks_once_and_skips_by_default(qtbot, window, clips, answers):
    assert drop_paths(qtbot, window.drop_zone, clips)
    qtbot.waitUntil(lambda: len(window.store.list_jobs()) == 2, timeout=15_000)
    defaults = []

    def note_default_then_escape(box):
        defaults.append(box.defaultButton().text())
        escape(box)

    # Again, with a third, new file: one question for the two repeats; Escape skips them.
    new = make_clip(clips[0].parent / "c.mp4", seconds=1, fps=5)
    answering = answers((QMessageBox, note_default_then_escape))
    assert drop_paths(qtbot, window.drop_zone, [*clips, new])
    qtbot.waitUntil(lambda: len(window.store.list_jobs()) == 3, timeout=15_000)
    assert answering.done() and not answering.unexpected
    assert answering.seen == ["2 video(s) are already in the queue: add them again?"]
    assert defaults == ["Skip them"]
    assert window.store.list_jobs()[-1].source.path == str(new)

    answering = answers((QMessageBox, click("Add again")))
    assert drop_paths(qtbot, window.drop_zone, [clips[0]])
    qtbot.waitUntil(lambda: len(window.store.list_jobs()) == 4, timeout=15_000)
    assert answering.done() and answering.seen == ["1 video(s) are already in the queue: add them again?"]


def test_a_changed_file_is_added_without_a_question(qtbot, window, clips, answers):
    assert drop_paths(qtbot, window.drop_zone, clips[:1])
    qtbot.waitUntil(lambda: len(window.store.list_jobs()) == 1, timeout=15_000)
    info = clips[0].stat()
    os.utime(clips[0], ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))  # edited since
    answering = answers()
    assert drop_paths(qtbot, window.drop_zone, clips[:1])
    qtbot.waitUntil(lambda: len(window.store.list_jobs()) == 2, timeout=15_000)
    assert answering.unexpected == []
