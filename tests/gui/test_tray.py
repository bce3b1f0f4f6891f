"""The tray: progress in the icon, one notification per batch, the question when closing while working."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from pixop_desktop.jobs.model import Job, Progress, Source, State
from pixop_desktop.settings import CloseWhileWorking, Settings
from pixop_desktop.ui.tray import CloseChoice, TrayController, decide_close, progress_icon

LEFT = Qt.MouseButton.LeftButton


def jobs(count):
    return [Job(Source.local(f"/videos/clip{i}.mp4"), id=i) for i in range(1, count + 1)]


def test_one_notification_for_a_batch_of_three(qtbot):
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
        qtbot.mouseClick(question.button(question.StandardButton.Cancel), LEFT)

    settings = Settings(close_while_working=CloseWhileWorking.KEEP_IN_TRAY)
    assert decide_close(settings, 1, tray_available=False, ask=cancel) is CloseChoice.CANCEL
