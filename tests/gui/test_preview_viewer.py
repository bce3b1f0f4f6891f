"""Preview 10 seconds through the real window against the sandbox: order, viewer, divider, steps, approval."""

from __future__ import annotations

import os
import time

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from pixop_desktop.jobs.model import Job, Source, State
from pixop_desktop.jobs import preview_files
from pixop_desktop.jobs.preview_files import in_use, job_folder
from pixop_desktop.ui.preview.canvas import SIDE_BY_SIDE, SPLIT
from tests.gui.queue_window import click_row, context_menu_choose, open_main_window

pytestmark = pytest.mark.timeout(120)

DOUBLE = {"resolution": {"tag": "2x"}}


def _children(sandbox, video_id):
    return [v for v in sandbox.state.videos() if v.parent_id == video_id]


def _stripe(image: QImage, x: int, width: int = 8) -> list[int]:
    return [image.pixel(x + dx, y) for dx in range(width) for y in range(0, image.height(), 2)]


def _grab(canvas, divider: float) -> QImage:
    canvas.set_divider(divider)
    return canvas.grab().toImage()


def _open_viewer(qtbot, window, trigger):
    previews = window.extras.previews
    with qtbot.waitSignal(previews.opened, timeout=60_000) as opened:
        trigger()
    viewer = opened.args[0]
    qtbot.waitUntil(lambda: viewer.shown == 0, timeout=10_000)
    return viewer


def _check_split_view(qtbot, viewer) -> None:
    """Both sides shown; left of the divider the original, right of it the result; the divider moves."""
    canvas = viewer.canvas
    before, after = viewer.canvas.before, viewer.canvas.after
    assert (before.width(), before.height()) == (160, 120)
    assert (after.width(), after.height()) == (320, 240)  # the result may be bigger: shown the same size
    all_before, all_after = _grab(canvas, 1.0), _grab(canvas, 0.0)
    rect = canvas.picture_rect()
    # A stripe in the picture's middle third where the result's pixels differ from the original's.
    xs = range(int(rect.x() + rect.width() / 3), int(rect.x() + rect.width() * 2 / 3), 8)
    x = next(x for x in xs if _stripe(all_before, x) != _stripe(all_after, x))
    assert len(set(_stripe(all_before, x))) > 3 and len(set(_stripe(all_after, x))) > 3  # pictures, not blank
    share_left_of_x = (x + 20 - rect.x()) / rect.width()  # the divider just right of the stripe …
    assert _stripe(_grab(canvas, share_left_of_x), x) == _stripe(all_before, x)  # … shows the original there
    # Drag the divider with the mouse to the picture's left edge: the stripe now shows the result.
    y = int(rect.center().y())
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(int(canvas.divider_x()), y))
    qtbot.mouseMove(canvas, QPoint(int(rect.x()) + 4, y))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(int(rect.x()) + 4, y))
    assert canvas.divider < 0.05
    assert _stripe(canvas.grab().toImage(), x) == _stripe(all_after, x)
    # And back with the keyboard (Shift+→ moves it a twentieth).
    canvas.divider = 0.5
    qtbot.keyClick(viewer, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert canvas.divider == pytest.approx(0.55)


def _check_steps_and_modes(qtbot, viewer) -> None:
    first_before, first_after = viewer.canvas.before, viewer.canvas.after
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: viewer.shown == 1, timeout=10_000)
    assert viewer.position.text().startswith("Frame 2 of 20")
    assert viewer.canvas.before != first_before and viewer.canvas.after != first_after  # both sides moved on
    qtbot.mouseClick(viewer.back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: viewer.shown == 0, timeout=10_000)
    assert viewer.canvas.before == first_before and viewer.canvas.after == first_after
    qtbot.mouseClick(viewer.play_button, Qt.MouseButton.LeftButton)  # both sides play in step, to the end
    qtbot.waitUntil(lambda: viewer.shown == 19 and not viewer.timer.isActive(), timeout=20_000)
    qtbot.mouseClick(viewer.side_button, Qt.MouseButton.LeftButton)
    assert viewer.canvas.mode == SIDE_BY_SIDE
    qtbot.mouseClick(viewer.split_button, Qt.MouseButton.LeftButton)
    assert viewer.canvas.mode == SPLIT


def test_preview_before_approval_then_the_whole_video_is_ordered_once(qtbot, sandbox, clip_factory, tmp_path,
                                                                      monkeypatch):
    clip = clip_factory("interview.mp4", seconds=2, fps=10)
    monkeypatch.setattr(preview_files, "_pruned", False)  # this test's session
    stale = job_folder("a-job-removed-long-ago")
    stale.mkdir(parents=True)
    os.utime(stale, (time.time() - 40 * 24 * 3600,) * 2)
    window = open_main_window(qtbot, sandbox)
    try:
        qtbot.waitUntil(lambda: not stale.exists(), timeout=5_000)  # old previews go at start-up
        [job_id] = window.store.add_many([Job(Source.local(str(clip)), processing=DOUBLE, needs_approval=True,
                                              output_folder=str(tmp_path / "out"))])
        window.queue_model.refresh_jobs([job_id])
        qtbot.waitUntil(lambda: window.queue_model.job(job_id).state is State.NEEDS_APPROVAL, timeout=30_000)
        video_id = window.queue_model.job(job_id).video_id
        click_row(qtbot, window, job_id)

        viewer = _open_viewer(qtbot, window, lambda: context_menu_choose(qtbot, window, job_id,
                                                                         "Preview 10 Seconds…"))
        assert viewer.whole_button.isEnabled()
        _check_split_view(qtbot, viewer)
        _check_steps_and_modes(qtbot, viewer)
        viewer.grab().save(str(tmp_path / "viewer.png"))

        qtbot.mouseClick(viewer.other_button, Qt.MouseButton.LeftButton)  # Try other settings: the wizard
        qtbot.waitUntil(lambda: window.queue.editor.wizard is not None, timeout=10_000)
        window.queue.editor.wizard.reject()
        [preview] = _children(sandbox, video_id)

        # Again from the details panel: the same preview, not ordered (nor paid for) twice.
        button = window.extras.previews.button
        qtbot.waitUntil(button.isEnabled, timeout=20_000)
        viewer = _open_viewer(qtbot, window, lambda: qtbot.mouseClick(button, Qt.MouseButton.LeftButton))
        assert _children(sandbox, video_id) == [preview]
        cached = job_folder(window.queue_model.job(job_id).uid)
        assert in_use(cached)  # while shown, neither removing the job nor tidying up deletes it
        qtbot.mouseClick(viewer.whole_button, Qt.MouseButton.LeftButton)
        assert not in_use(cached)
        qtbot.waitUntil(lambda: window.queue_model.job(job_id).state is State.DONE, timeout=60_000)
        job = window.queue_model.job(job_id)
        assert job.processed_video_id != preview.id
        assert len(_children(sandbox, video_id)) == 2  # the preview, and the job's one order
        assert window.queue.actions.remove([job_id]) == [job_id]
        assert not cached.exists()  # the preview went with its job; the result stays
        assert job.output_path and os.path.isfile(job.output_path)
    finally:
        window.shutdown()
