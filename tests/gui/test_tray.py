"""The tray: progress in the icon, one notification per batch, the question when closing while working.

The notification words are the tray's own tr() with "%n" plurals, shown here through the
English catalogue as the app loads it ("1 video", "3 videos", never "video(s)")."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QLocale, Qt

from pixop_desktop.jobs.model import Job, Progress, Source, State
from pixop_desktop.settings import CloseWhileWorking, Settings
from pixop_desktop.ui.translations import install_translators, remove_translators
from pixop_desktop.ui.window.tray import CloseChoice, TrayController, decide_close, progress_icon
from tests.gui.test_english_plurals import english_qm_dir  # noqa: F401  (fixture)

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def english(qapp, english_qm_dir):  # noqa: F811
    installed = install_translators(qapp, QLocale("en_US"), folder=english_qm_dir)
    yield
    remove_translators(qapp, installed)


def jobs(count):
    return [Job(Source.local(f"/videos/clip{i}.mp4"), id=i) for i in range(1, count + 1)]


def test_one_notification_for_a_batch_of_three(qtbot, english):
    tray = TrayController(Settings())
    shown = []
    tray.notified.connect(shown.append)
    batch = jobs(3)
    for job in batch:
        tray.job_changed(job)
    tray.progress(1, Progress(percent=60.0))
    assert tray.last_percent == 20 and "20 %" in tray.icon.toolTip()
    for job in batch:
        tray.job_changed(replace(job, state=State.RUNNING))
        tray.job_changed(replace(job, state=State.DONE))
    assert [note.title for note in shown] == ["All 3 videos are ready"]
    assert tray.last_percent is None and tray.icon.toolTip() == "Pixop Desktop"


def test_notifications_follow_the_settings(qtbot):
    tray = TrayController(Settings(notify_when_done=False, notify_on_failure=True))
    shown = []
    tray.notified.connect(shown.append)
    ok, bad = jobs(2)
    tray.job_changed(ok)
    tray.job_changed(replace(ok, state=State.DONE))
    assert shown == []  # done, and the person only wants to hear about failures
    tray.job_changed(bad)
    tray.job_changed(replace(bad, state=State.FAILED))
    assert len(shown) == 1 and shown[0].is_problem and "clip2.mp4" in shown[0].message


def test_a_video_waiting_for_approval_is_not_called_ready(qtbot, english):
    """Approval on, one video added: one "waits for your approval", then "ready" when it is."""
    tray = TrayController(Settings())
    shown = []
    tray.notified.connect(shown.append)
    [clip] = jobs(1)
    for state in (State.QUEUED, State.RUNNING, State.NEEDS_APPROVAL, State.NEEDS_APPROVAL):
        tray.job_changed(replace(clip, state=state))
    assert [(n.title, n.is_problem) for n in shown] == [("1 video waits for your approval", False)]
    assert "approve" in shown[0].message
    assert tray.last_percent is None  # nothing moves: no progress ring
    for state in (State.QUEUED, State.RUNNING, State.DONE):
        tray.job_changed(replace(clip, state=state))
    assert [n.title for n in shown] == ["1 video waits for your approval", "1 video is ready"]


def test_words_for_each_kind_of_ending(qtbot, english):
    tray = TrayController(Settings())
    shown = []
    tray.notified.connect(shown.append)
    a, b, c = jobs(3)
    for job in (a, b, c):
        tray.job_changed(job)
    tray.job_changed(replace(a, state=State.NEEDS_APPROVAL))
    tray.job_changed(replace(b, state=State.NEEDS_APPROVAL))
    tray.job_changed(replace(c, state=State.DONE))
    tray.job_changed(replace(a, state=State.CANCELLED))
    tray.job_changed(replace(b, state=State.CANCELLED))
    assert [(n.title, n.message) for n in shown] == [
        ("2 videos wait for your approval", "Open Pixop Desktop to check the cost and approve or reject."),
        ("1 of 3 videos are ready", "2 videos were cancelled.")]
    shown.clear()
    tray.job_changed(a)
    tray.job_changed(replace(a, state=State.FAILED))
    assert [(n.title, n.is_problem) for n in shown] == [("1 video failed", True)]
    assert "clip1.mp4" in shown[0].message


def test_removing_a_waiting_video_ends_the_batch(qtbot, english):
    tray = TrayController(Settings())
    shown = []
    tray.notified.connect(shown.append)
    done, paused = jobs(2)
    tray.job_changed(done)
    tray.job_changed(paused)
    tray.job_changed(replace(paused, state=State.PAUSED))
    tray.job_changed(replace(done, state=State.DONE))
    assert shown == []
    tray.jobs_removed([paused.id])
    assert [n.title for n in shown] == ["1 video is ready"]


def test_progress_icon_draws_a_ring():
    idle, half = progress_icon(None).pixmap(64).toImage(), progress_icon(50).pixmap(64).toImage()
    assert idle.size() == half.size() and idle != half


def test_closing_while_working_asks_and_remembers(qtbot):
    settings = Settings()
    assert decide_close(settings, active=0, tray_available=True) is CloseChoice.STOP

    def keep_and_remember(question):
        qtbot.addWidget(question)
        question.open()
        assert question.text().startswith("2 video")
        question.remember_check.setChecked(True)
        qtbot.mouseClick(question.keep_button, LEFT)

    assert decide_close(settings, 2, True, ask=keep_and_remember) is CloseChoice.KEEP_IN_TRAY
    assert settings.close_while_working is CloseWhileWorking.KEEP_IN_TRAY
    assert decide_close(settings, 2, True, ask=lambda q: None) is CloseChoice.KEEP_IN_TRAY  # not asked again


def test_without_a_tray_keeping_in_the_tray_is_not_offered(qtbot):
    def cancel(question):
        qtbot.addWidget(question)
        question.open()
        assert not question.keep_button.isEnabled()
        assert question.cancel_button.text() == "&Don't close"  # not "Cancel": the videos are not cancelled
        qtbot.mouseClick(question.cancel_button, LEFT)

    settings = Settings(close_while_working=CloseWhileWorking.KEEP_IN_TRAY)
    assert decide_close(settings, 1, tray_available=False, ask=cancel) is CloseChoice.CANCEL
