"""An install that skipped the welcome (server named on the command line or in PIXOP_SERVER) asks
"What should Pixop do with your videos?" at the first drop, so a result still comes back."""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from pixop_desktop.settings import RECOMMENDED_PRESET, Settings, load_settings, save_settings
from pixop_desktop.ui.app.start import needs_welcome, open_main_window
from pixop_desktop.ui.intake.outcome_question import OutcomeQuestion

RECOMMENDED = "preset:" + RECOMMENDED_PRESET


class Answerer:
    """Answers each OutcomeQuestion that opens (it runs its own event loop) with ``answer``."""

    def __init__(self, answer: Callable[[OutcomeQuestion], None]) -> None:
        self.answer, self.seen = answer, []
        self.deadline = time.monotonic() + 30  # a question nobody can answer fails the test, not hangs it
        QTimer.singleShot(0, self.look)

    def look(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, OutcomeQuestion) and dialog.isVisible() and dialog not in self.seen:
            self.seen.append(dialog)
            self.seen_value = dialog.choice.value()
            self.answer(dialog) if time.monotonic() < self.deadline else dialog.reject()
        if time.monotonic() < self.deadline:
            QTimer.singleShot(20, self.look)


def press_enter(dialog: OutcomeQuestion) -> None:
    from pytestqt.qtbot import QtBot

    QtBot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)


@contextlib.contextmanager
def _window(qtbot, sandbox):
    with contextlib.ExitStack() as stack:
        window = open_main_window(stack, load_settings(), server=sandbox.url)
        window.ask_before_closing = False
        qtbot.addWidget(window)
        window.show()
        try:
            yield window
        finally:
            window.shutdown()


def test_the_first_drop_asks_and_enter_takes_the_recommended_result(qtbot, signed_in, small_clip, tmp_path):
    assert not needs_welcome(Settings(), signed_in.url)  # the welcome is skipped: nothing chosen yet
    assert load_settings().after_upload == ""
    clips = [shutil.copy(small_clip, tmp_path / name) for name in ("a.mp4", "b.mp4", "c.mp4")]
    with _window(qtbot, signed_in) as window:
        answerer = Answerer(press_enter)  # touch nothing: Enter
        window.intake.add_paths([clips[0]])
        window.intake.add_paths([clips[1]])  # a second drop, likely while the question is open
        qtbot.waitUntil(lambda: len(window.store.list_jobs()) == 2, timeout=15000)
        assert len(answerer.seen) == 1 and answerer.seen_value == RECOMMENDED
        jobs = window.store.list_jobs()
        assert {job.preset for job in jobs} == {RECOMMENDED_PRESET}
        assert all(job.processing and job.output_folder for job in jobs)
        assert load_settings().after_upload == RECOMMENDED
        assert window.intake_panel.choice() == RECOMMENDED
        window.intake.add_paths([clips[2]])  # asked once: the next drop follows the choice
        qtbot.waitUntil(lambda: len(window.store.list_jobs()) == 3, timeout=15000)
        assert len(answerer.seen) == 1


def test_dont_add_adds_nothing_and_asks_again_next_time(qtbot, signed_in, small_clip):
    with _window(qtbot, signed_in) as window:
        answerer = Answerer(lambda dialog: QtBotKeys.escape(dialog))
        window.intake.add_paths([small_clip])
        qtbot.waitUntil(lambda: bool(answerer.seen) and not window.intake.busy(), timeout=15000)
        assert window.store.list_jobs() == [] and load_settings().after_upload == ""

        def upload_only(dialog: OutcomeQuestion) -> None:
            dialog.choice.radios["nothing"].setChecked(True)
            dialog.continue_button.click()

        answerer.answer = upload_only
        window.intake.add_paths([small_clip])
        qtbot.waitUntil(lambda: len(window.store.list_jobs()) == 1, timeout=15000)
        [job] = window.store.list_jobs()
        assert len(answerer.seen) == 2 and job.processing is None
        assert load_settings().after_upload == "nothing"


class QtBotKeys:
    @staticmethod
    def escape(dialog: OutcomeQuestion) -> None:
        from pytestqt.qtbot import QtBot

        QtBot.keyClick(dialog, Qt.Key.Key_Escape)


def test_an_install_that_chose_is_not_asked(qtbot, signed_in, small_clip):
    save_settings(Settings(after_upload="nothing"))
    with _window(qtbot, signed_in) as window:
        answerer = Answerer(lambda dialog: dialog.reject())
        window.intake.add_paths([small_clip])
        qtbot.waitUntil(lambda: len(window.store.list_jobs()) == 1, timeout=15000)
        assert answerer.seen == []
