"""Closing the real main window while a video is being sent, and Queue → Stop After Current Videos.

Everything is real: the window, its runner, the sandbox over loopback and small PyAV clips. The
app's bandwidth limit and the sandbox's slow reading keep an upload running long enough to close
the window in the middle of it.
The close question is the real modal dialog, found while it runs (a timer fires inside its event
loop) and answered with the mouse or the keyboard. Under ``QT_QPA_PLATFORM=offscreen`` there is no
system tray, so "Keep working in the tray" is never offered here.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from pixop_desktop.services.connection import ServerChoice
from pixop_desktop.credentials import Credentials
from pixop_desktop.jobs.model import Job, Progress, Source, Stage, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.settings import CloseWhileWorking, ServerKind, load_settings, save_settings
from pixop_desktop.transfer.throttle import default_limiter
from pixop_desktop.ui.window.main_window import MainWindow
from pixop_desktop.ui.window.tray import CloseQuestion
from tests.fixtures.clips import make_clip
from tests.gui.queue_window import FAST_POLLS, demo_credentials, stage_texts

pytestmark = pytest.mark.timeout(60)

LEFT = Qt.MouseButton.LeftButton
STOPPED = "Stopped; will resume"


@pytest.fixture
def store(tmp_path):
    """One queue shared by the windows of a test (a "restart" opens a new window on it)."""
    with JobStore(tmp_path / "queue.sqlite3") as opened:
        yield opened


@pytest.fixture
def windows(qtbot, sandbox, store):
    """Open a real main window that asks before closing, as the app does."""
    opened = []

    def open_window(load_credentials=demo_credentials, *, connected=True):
        window = MainWindow(ServerChoice(sandbox.url, ServerKind.SANDBOX), load_credentials, poll=FAST_POLLS,
                            store=store, settings=load_settings().model_copy(update={"after_upload": "nothing"}))
        # pytest-qt closes its widgets before fixtures end: then the window must not ask.
        qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "ask_before_closing", False))
        assert window.ask_before_closing
        window.show()
        if connected:
            qtbot.waitUntil(lambda: window.runner is not None, timeout=10_000)
        opened.append(window)
        return window

    yield open_window
    for window in opened:
        window.shutdown()


@pytest.fixture
def slow_clip(tmp_path, sandbox):
    """A 3 s ProRes clip (about 0.5 MB: several upload chunks) that the sandbox reads in about 3 s."""
    clip = make_clip(tmp_path / "slow.mov", seconds=3, fps=10, codec="prores_ks", pix_fmt="yuv422p10le")
    sandbox.faults.limit_rate(clip.stat().st_size // 3)
    yield clip
    default_limiter().set_rate(0)


def bytes_sent(store: JobStore, job_id: int) -> int:
    return (store.live_progress().get(job_id) or Progress()).bytes_done


def start_slow_job(qtbot, window, clip) -> int:
    """Queue ``clip`` and wait until its upload has really begun.

    The app's own bandwidth limit (what Settings sets) paces the upload chunk by chunk, so its
    progress moves steadily; the sandbox's slow reading alone would let the socket swallow it.
    """
    default_limiter().set_rate(clip.stat().st_size // 6)  # about 6 s unless a test lifts it
    job_id = window.store.add(Job(Source.local(str(clip))))
    window.queue_model.refresh_jobs([job_id])
    qtbot.waitUntil(lambda: bytes_sent(window.store, job_id) > 0, timeout=15_000)
    assert window.store.get(job_id).state is State.RUNNING
    return job_id


def answer_close_question(qtbot, answer) -> list[dict]:
    """Answer the close question while it is modal: ``answer(question)`` clicks or types.

    Returns a list that gets one entry (what the dialog showed) when the question was asked. A
    failing ``answer`` rejects the dialog, so a broken test fails instead of hanging in its loop.
    """
    seen: list[dict] = []

    def find_and_answer() -> None:
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CloseQuestion), timeout=5_000)
        question = QApplication.activeModalWidget()
        seen.append({"text": question.text(), "keep_enabled": question.keep_button.isEnabled(),
                     "default_is_stop": question.defaultButton() is question.stop_button})
        try:
            answer(question)
        except BaseException:
            question.reject()
            raise

    QTimer.singleShot(0, find_and_answer)
    return seen


def refuse_if_asked() -> list[str]:
    """When closing must not ask: note (and dismiss) a close question that appears anyway."""
    asked: list[str] = []

    def check() -> None:
        question = QApplication.activeModalWidget()
        if isinstance(question, CloseQuestion):
            asked.append(question.text())
            question.reject()

    QTimer.singleShot(0, check)
    return asked


def runner_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("jobs-")]


def assert_stopped_to_resume(store: JobStore, job_id: int, times: int = 1) -> None:
    job = store.get(job_id)
    assert job.state is State.QUEUED and job.stage is Stage.UPLOAD
    assert [entry.message for entry in store.history(job_id)].count(STOPPED) == times


# ----- closing while working ------------------------------------------------------------------


def test_cancel_keeps_the_window_open_and_the_upload_going(qtbot, windows, slow_clip, sandbox):
    window = windows()
    job_id = start_slow_job(qtbot, window, slow_clip)
    sent_when_asked = []

    def cancel(question):
        sent_when_asked.append(bytes_sent(window.store, job_id))
        qtbot.mouseClick(question.cancel_button, LEFT)

    seen = answer_close_question(qtbot, cancel)
    assert window.close() is False
    assert len(seen) == 1 and seen[0]["text"].startswith("1 video")
    assert window.isVisible() and window.runner is not None
    # The upload was never interrupted: it goes on from where it was.
    qtbot.waitUntil(lambda: bytes_sent(window.store, job_id) > sent_when_asked[0], timeout=10_000)
    assert window.store.get(job_id).state is State.RUNNING
    sandbox.faults.limit_rate(0)
    default_limiter().set_rate(0)
    qtbot.waitUntil(lambda: window.store.get(job_id).state is State.DONE, timeout=20_000)
    assert STOPPED not in [entry.message for entry in window.store.history(job_id)]
    qtbot.waitUntil(lambda: stage_texts(window) == {"slow.mov": "Done"}, timeout=5_000)


def test_stop_and_quit_closes_and_the_next_start_resumes(qtbot, windows, slow_clip, sandbox, store):
    window = windows()
    job_id = start_slow_job(qtbot, window, slow_clip)

    seen = answer_close_question(qtbot, lambda question: qtbot.mouseClick(question.stop_button, LEFT))
    assert window.close() is True
    assert len(seen) == 1 and not window.isVisible()
    assert window.runner is None and runner_threads() == []
    assert_stopped_to_resume(store, job_id)
    assert load_settings().close_while_working is CloseWhileWorking.ASK  # not remembered

    sandbox.faults.limit_rate(0)
    again = windows()
    qtbot.waitUntil(lambda: store.get(job_id).state is State.DONE, timeout=20_000)
    assert again.runner is not None
    assert len(sandbox.state.videos()) == 1  # the same video went on; no second one was made


def test_closing_with_nothing_running_does_not_ask(qtbot, windows, tmp_path):
    window = windows()
    done = window.store.add(Job(Source.local(str(make_clip(tmp_path / "quick.mp4", seconds=1, fps=10)))))
    qtbot.waitUntil(lambda: window.store.get(done).state is State.DONE, timeout=20_000)
    assert window.active_job_count() == 0

    asked = refuse_if_asked()
    assert window.close() is True
    assert asked == [] and not window.isVisible()
    assert QApplication.activeModalWidget() is None


def test_a_remembered_stop_is_saved_and_not_asked_again(qtbot, windows, slow_clip, store):
    window = windows()
    job_id = start_slow_job(qtbot, window, slow_clip)

    def remember_and_stop(question):
        qtbot.mouseClick(question.remember_check, LEFT)
        assert question.remember_check.isChecked()
        qtbot.keyClick(question, Qt.Key.Key_S)  # the "&Stop and quit" mnemonic

    seen = answer_close_question(qtbot, remember_and_stop)
    assert window.close() is True
    assert len(seen) == 1
    assert load_settings().close_while_working is CloseWhileWorking.STOP
    assert_stopped_to_resume(store, job_id)

    saved = load_settings()
    saved.bandwidth_limit_mbps = slow_clip.stat().st_size // 3 * 8 / 1_000_000  # the resumed upload is paced too
    save_settings(saved)
    again = windows()  # reads the saved choice from the settings file
    assert again.settings.close_while_working is CloseWhileWorking.STOP
    qtbot.waitUntil(lambda: store.get(job_id).state is State.RUNNING and bytes_sent(store, job_id) > 0,
                    timeout=15_000)
    assert again.active_job_count() == 1
    asked = refuse_if_asked()
    assert again.close() is True
    assert asked == [] and not again.isVisible() and runner_threads() == []
    assert_stopped_to_resume(store, job_id, times=2)


def test_without_a_tray_the_question_offers_only_stop(qtbot, windows, slow_clip, store):
    if QSystemTrayIcon.isSystemTrayAvailable():
        pytest.skip("this platform has a system tray")
    window = windows()
    job_id = start_slow_job(qtbot, window, slow_clip)

    escaped = answer_close_question(qtbot, lambda question: qtbot.keyClick(question, Qt.Key.Key_Escape))
    assert window.close() is False and window.isVisible()
    assert escaped == [{"text": escaped[0]["text"], "keep_enabled": False, "default_is_stop": True}]

    # Return takes the default answer: Stop and quit.
    entered = answer_close_question(qtbot, lambda question: qtbot.keyClick(question, Qt.Key.Key_Return))
    assert window.close() is True
    assert len(entered) == 1 and not window.isVisible()
    assert_stopped_to_resume(store, job_id)


# ----- quitting while working (File → Quit, the tray's Quit) -------------------------------------


def test_file_quit_asks_while_a_video_is_sent(qtbot, windows, slow_clip, store):
    """Settings says "Ask me": an explicit Quit asks too, and Cancel keeps the upload going."""
    window = windows()
    job_id = start_slow_job(qtbot, window, slow_clip)

    seen = answer_close_question(qtbot, lambda question: qtbot.mouseClick(question.cancel_button, LEFT))
    window.quit_action.trigger()
    assert len(seen) == 1 and seen[0]["text"].startswith("1 video")
    assert window.isVisible() and window.runner is not None and not window._quitting
    sent = bytes_sent(store, job_id)
    qtbot.waitUntil(lambda: bytes_sent(store, job_id) > sent, timeout=10_000)

    seen = answer_close_question(qtbot, lambda question: qtbot.mouseClick(question.stop_button, LEFT))
    window.quit_action.trigger()
    assert len(seen) == 1 and not window.isVisible() and runner_threads() == []
    assert_stopped_to_resume(store, job_id)


def test_the_trays_quit_asks_too_unless_settings_say_stop(qtbot, windows, slow_clip, store):
    window = windows()
    job_id = start_slow_job(qtbot, window, slow_clip)
    seen = answer_close_question(qtbot, lambda question: qtbot.keyClick(question, Qt.Key.Key_Escape))
    window.extras.tray.quit_action.trigger()
    assert len(seen) == 1 and window.isVisible() and store.get(job_id).state is State.RUNNING

    window.settings.close_while_working = CloseWhileWorking.STOP  # as Settings → "Stop" saves it
    asked = refuse_if_asked()
    window.extras.tray.quit_action.trigger()
    assert asked == [] and not window.isVisible()
    assert_stopped_to_resume(store, job_id)


# ----- Queue → Stop After Current Videos ----------------------------------------------------------


def test_stop_after_current_finishes_the_started_video_and_holds_new_ones(qtbot, windows, slow_clip,
                                                                          sandbox, tmp_path):
    window = windows()
    first = start_slow_job(qtbot, window, slow_clip)
    action = window.stop_after_current_action
    assert action.isCheckable() and not action.isChecked()
    action.trigger()
    assert action.isChecked()
    status = window.statusBar().currentMessage()
    assert "no new" in status.lower(), status

    later = [make_clip(tmp_path / "later" / f"later{i}.mp4", seconds=1, fps=10) for i in range(2)]
    window.intake.add_paths(later)
    qtbot.waitUntil(lambda: len(window.store.list_jobs()) == 3, timeout=10_000)
    assert window.store.get(first).state is State.RUNNING  # still sending when the new ones came
    later_ids = window.intake.added
    sandbox.faults.limit_rate(0)
    default_limiter().set_rate(0)

    qtbot.waitUntil(lambda: window.store.get(first).state is State.DONE, timeout=20_000)
    assert window.runner.wait_idle(10)  # idle although two videos wait: none of them may start
    held = [window.store.get(job_id) for job_id in later_ids]
    assert [job.state for job in held] == [State.QUEUED] * 2
    assert all(job.started_at is None and job.video_id is None for job in held)
    assert len(sandbox.state.videos()) == 1
    qtbot.waitUntil(lambda: stage_texts(window)["slow.mov"] == "Done", timeout=5_000)

    action.trigger()  # untick: the held videos go
    assert not action.isChecked()
    qtbot.waitUntil(lambda: all(window.store.get(job_id).state is State.DONE for job_id in later_ids),
                    timeout=30_000)
    assert len(sandbox.state.videos()) == 3


def test_stop_after_current_ticked_before_connecting_holds_the_queue(qtbot, windows, store, tmp_path):
    """Ticked while the window is not connected yet (no runner): the runner started later obeys it."""
    attempts = []

    def signed_out_first():
        attempts.append(1)
        return Credentials() if len(attempts) == 1 else demo_credentials()

    waiting = store.add(Job(Source.local(str(make_clip(tmp_path / "waiting.mp4", seconds=1, fps=10)))))
    window = windows(signed_out_first, connected=False)
    qtbot.waitUntil(lambda: window.error_banner.isVisible(), timeout=10_000)
    assert window.runner is None
    window.stop_after_current_action.trigger()

    window.refresh_action.trigger()  # signed in meanwhile: Refresh connects and starts the runner
    qtbot.waitUntil(lambda: window.runner is not None, timeout=10_000)
    assert window.runner.wait_idle(10)
    job = store.get(waiting)
    assert job.state is State.QUEUED and job.started_at is None

    window.stop_after_current_action.trigger()
    qtbot.waitUntil(lambda: store.get(waiting).state is State.DONE, timeout=20_000)
