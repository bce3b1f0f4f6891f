"""Done when: a new user who opens ``pixop-desktop gui --sandbox VIDEO``, presses Enter through
the first run and touches nothing else gets a processed video on disk.

Driven through the real start path (``start.start_window``: settings, the in-app sandbox, the
welcome, the main window, the file handed over like "Open with"), only the event loop is
pytest-qt's. Then a second launch on the same home: the in-app sandbox comes back on the same
address, so a job made against it goes on.
"""

from __future__ import annotations

import contextlib
import socket
import time
from fractions import Fraction
from pathlib import Path

import av
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from pixop_desktop.jobs.model import State
from pixop_desktop.settings import load_settings
from pixop_desktop.ui.app.open_requests import OpenRequests
from pixop_desktop.ui.app.start import create_application, start_window
from pixop_desktop.ui.app.welcome import WelcomeDialog
from tests.fixtures.clips import make_clip

THREE_MINUTES = 180_000


class EnterPresser:
    """Presses Enter on the welcome each time it shows a new step, and nothing else."""

    def __init__(self, qtbot) -> None:
        self.qtbot, self.steps_seen = qtbot, []
        self.deadline = time.monotonic() + 30  # a welcome that does not take Enter fails the test, not hangs it
        QTimer.singleShot(0, self.press)

    def press(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, WelcomeDialog) and time.monotonic() > self.deadline:
            dialog.reject()
        elif isinstance(dialog, WelcomeDialog) and dialog.isVisible():
            step = dialog.steps.currentIndex()
            if step not in self.steps_seen:
                self.steps_seen.append(step)
                self.qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
            QTimer.singleShot(20, self.press)
        elif not self.steps_seen:
            QTimer.singleShot(20, self.press)  # the welcome is not up yet


def launch(qtbot, stack: contextlib.ExitStack, paths):
    """``pixop-desktop gui --sandbox PATH…`` up to the event loop; the shown window."""
    requests = OpenRequests(create_application())
    stack.callback(requests.remove)
    requests.request(paths)
    window = start_window(stack, None, None, True, requests)
    assert window is not None and hasattr(window, "shutdown"), "the app did not start"
    window.ask_before_closing = False
    qtbot.addWidget(window)
    stack.callback(window.shutdown)
    return window


def results_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*") if p.is_file() and not p.name.endswith((".part", ".json")))


def test_enter_enter_and_a_processed_video_is_on_disk(qtbot, tmp_path, app_home):
    clip = make_clip(tmp_path / "holiday.mp4", seconds=1, width=160, height=120, fps=10)
    presser = EnterPresser(qtbot)
    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        window = launch(qtbot, stack, [clip])
        assert presser.steps_seen == [0, 1]  # Enter on "how to start", Enter on "what should Pixop do"
        settings = load_settings()
        results = Path(settings.download_folder)
        # Where results go is on show before anything arrives.
        assert window.intake_panel.results_label.isVisible()
        assert window.intake_panel.results_folder == str(results)
        qtbot.waitUntil(lambda: any(job.state in (State.DONE, State.FAILED) for job in window.store.list_jobs()),
                        timeout=THREE_MINUTES)
        [job] = window.store.list_jobs()
        assert job.state is State.DONE, job.message
    took = time.monotonic() - started
    [result] = results_in(results)
    assert Path(job.output_path) == result and result.stem == "holiday_pixop"
    with av.open(str(result)) as container:  # a real video, made by the recommended preset
        stream = container.streams.video[0]
        frame = next(container.decode(stream))
        assert (stream.codec_context.height, frame.height) == (1080, 1080)  # "Upscale SD to HD"
        assert Fraction(frame.width, frame.height) == Fraction(4, 3)           # the picture keeps its shape
    assert settings.after_upload == "preset:Upscale SD to HD (Super Resolution)"
    print(f"new user: processed video on disk after {took:.1f} s")


def test_a_job_waiting_in_the_in_app_sandbox_goes_on_after_a_relaunch(qtbot, tmp_path, app_home):
    """Two launches: a job left waiting for approval in the first is approved and finished in the
    second, against the same sandbox at the same address."""
    clip = make_clip(tmp_path / "tape.mp4", seconds=1, width=64, height=48, fps=5)
    presser = EnterPresser(qtbot)  # kept: the timer holds only a weak hold on it
    with contextlib.ExitStack() as stack:
        window = launch(qtbot, stack, [])
        assert presser.steps_seen == [0, 1]
        first_url = window.server.url
        window.intake_panel.approval.setChecked(True)
        window.intake.add_paths([clip])
        qtbot.waitUntil(lambda: [j.state for j in window.store.list_jobs()] == [State.NEEDS_APPROVAL],
                        timeout=60_000)
        [job] = window.store.list_jobs()
        assert job.server == first_url
    assert load_settings().sandbox_port == int(first_url.rsplit(":", 1)[1])
    with contextlib.ExitStack() as stack:  # the second launch: no welcome any more
        window = launch(qtbot, stack, [])
        assert window.server.url == first_url
        qtbot.waitUntil(lambda: window.runner is not None, timeout=15_000)
        window.runner.approve(job.id)
        qtbot.waitUntil(lambda: window.store.get(job.id).state in (State.DONE, State.FAILED), timeout=60_000)
        done = window.store.get(job.id)
        assert done.state is State.DONE, done.message
    assert Path(done.output_path).is_file()


def test_a_taken_port_gives_the_sandbox_another_and_its_jobs_follow(tmp_path, app_home):
    from pixop_desktop.jobs.model import Job, Source
    from pixop_desktop.jobs.store import JobStore
    from pixop_desktop.ui.app.in_app_sandbox import sandbox_url, start_in_app_sandbox

    with socket.socket() as taken:  # another program holds the remembered port
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        old = taken.getsockname()[1]
        settings = load_settings()
        settings.sandbox_port = old
        with JobStore() as store:
            job_id = store.add(Job(source=Source.local(str(tmp_path / "a.mp4"), 1, 1), server=sandbox_url(old)))
        with contextlib.ExitStack() as stack:
            choice, _ = start_in_app_sandbox(stack, settings)
        new = load_settings().sandbox_port
    assert new not in (0, old) and choice.url == sandbox_url(new)
    with JobStore() as store:
        assert store.get(job_id).server == sandbox_url(new)
