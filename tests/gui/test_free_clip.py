"""The free 10-second clip of an S3 import: shown on its master's row and in details, downloadable."""

from __future__ import annotations

import shutil

import av
import pytest
from PySide6.QtCore import Qt

from pixop_desktop.jobs.model import Job, Source, State
from pixop_desktop.sandbox import DEMO_S3_LOCATION_ID
from pixop_desktop.settings import load_settings
from pixop_desktop.ui.queue.model import RESULT
from tests.gui.queue_window import click_row, context_menu_choose, open_main_window

pytestmark = pytest.mark.timeout(90)


def _seconds(path) -> float:
    with av.open(str(path)) as container:
        return container.duration / av.time_base


def test_free_clip_of_an_s3_import_can_be_downloaded_from_queue_and_details(qtbot, sandbox, clip_factory,
                                                                             tmp_path):
    shutil.copy(clip_factory("tape.mp4", seconds=2, fps=10), sandbox.s3_folder() / "tape.mp4")
    folder = tmp_path / "downloads"
    settings = load_settings().model_copy(update={"download_folder": str(folder)})
    window = open_main_window(qtbot, sandbox, settings=settings)
    try:
        [job_id] = window.store.add_many([Job(Source.s3(DEMO_S3_LOCATION_ID, "tape.mp4"))])
        window.queue_model.refresh_jobs([job_id])
        qtbot.waitUntil(lambda: window.queue_model.job(job_id).state is State.DONE, timeout=30_000)
        master = window.queue_model.job(job_id).video_id

        def clip_done():
            return [v for v in sandbox.state.videos() if v.parent_id == master and v.kind == "derived"
                    and v.processing_status == "DONE"]
        qtbot.waitUntil(lambda: bool(clip_done()), timeout=30_000)

        # Details list it with a Download button, and the master's row says so.
        click_row(qtbot, window, job_id)
        qtbot.waitUntil(lambda: bool(window.details.clip_buttons), timeout=10_000)
        model = window.queue_model
        assert model.index(model.row_of(job_id), RESULT).data() == "Uploaded to Pixop · Free clip ready"

        context_menu_choose(qtbot, window, job_id, "Download Free Clip")
        qtbot.waitUntil(lambda: "Free clip saved" in model.index(model.row_of(job_id), RESULT).data(),
                        timeout=30_000)
        [first] = [p for p in folder.iterdir() if not p.name.endswith((".part", ".json"))]
        assert _seconds(first) == pytest.approx(2.0, abs=0.25)  # the whole 2 s (a clip shorter than 10 s)

        [button] = window.details.clip_buttons
        assert button.accessibleName().startswith("Download the derived clip")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len([p for p in folder.iterdir() if p.suffix == first.suffix]) == 2,
                        timeout=30_000)
        qtbot.waitUntil(lambda: not window.extras.free_clips.busy, timeout=10_000)
    finally:
        window.shutdown()


def test_local_files_have_no_free_clip(qtbot, sandbox, tmp_path):
    window = open_main_window(qtbot, sandbox)
    try:
        window.runner.pause_queue()
        [job_id] = window.store.add_many([Job(Source.local(str(tmp_path / "a.mp4")))])
        window.queue_model.refresh_jobs([job_id])
        click_row(qtbot, window, job_id)
        window.queue._update_actions()
        assert not window.queue.action["download_free_clip"].isEnabled()
    finally:
        window.shutdown()
