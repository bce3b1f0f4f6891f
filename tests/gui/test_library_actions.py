"""The Library delivers: download an original, process a video already on Pixop (the estimate shown
before ordering, nothing uploaded again, the queue does the rest) and download its result."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pixop_desktop.jobs.model import State
from pixop_desktop.settings import load_settings
from pixop_desktop.ui.library.process_dialog import ProcessVideoDialog
from tests.fixtures.sandbox import upload_video, v1_headers
from tests.gui.queue_window import open_main_window

pytestmark = pytest.mark.timeout(90)


def _select(qtbot, library, name: str) -> None:
    qtbot.waitUntil(lambda: name in library.video_names(), timeout=10_000)
    item = next(library.videos.topLevelItem(i) for i in range(library.videos.topLevelItemCount())
                if library.videos.topLevelItem(i).text(0) == name)
    library.videos.setCurrentItem(item)


def test_library_downloads_and_processes_what_is_on_pixop(qtbot, sandbox, small_clip, tmp_path):
    video_id = upload_video(sandbox, small_clip, v1_headers(sandbox), name="Archive tape")
    folder = tmp_path / "downloads"
    settings = load_settings().model_copy(update={"download_folder": str(folder)})
    window = open_main_window(qtbot, sandbox, settings=settings)
    library = window.library
    try:
        window.tabs.setCurrentWidget(library)
        _select(qtbot, library, "Archive tape")
        assert not library.download_result.isEnabled()
        qtbot.mouseClick(library.download_original, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: any(folder.glob("*.mp4")), timeout=15_000)
        [original] = folder.glob("*.mp4")
        assert original.read_bytes() == small_clip.read_bytes()
        original.unlink()

        qtbot.mouseClick(library.process_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ProcessVideoDialog), timeout=5_000)
        dialog = QApplication.activeModalWidget()
        dialog.preset_box.setCurrentIndex(next(i for i, p in enumerate(dialog.presets)
                                               if p.name == "Clean up noisy footage"))
        qtbot.waitUntil(lambda: dialog.estimate.text().startswith("About $"), timeout=15_000)
        assert sandbox.state.video(video_id).process_orders == 0  # the estimate ordered nothing
        qtbot.mouseClick(dialog.process_button, Qt.MouseButton.LeftButton)

        qtbot.waitUntil(lambda: len(window.queue_model.all_jobs()) == 1, timeout=5_000)
        [job] = window.queue_model.all_jobs()
        assert job.video_id == video_id and job.preset == "Clean up noisy footage"
        qtbot.waitUntil(lambda: window.queue_model.job(job.id).state is State.DONE, timeout=45_000)
        done = window.queue_model.job(job.id)
        assert done.output_path and (folder / done.output_path.rsplit("/", 1)[-1]).exists()
        assert sandbox.state.video(video_id).process_orders == 1
        assert [v.id for v in sandbox.state.videos() if v.kind == "original"] == [video_id]  # no re-upload

        library.mark_stale()
        processed = sandbox.state.record(done.processed_video_id)["name"]
        _select(qtbot, library, processed)
        assert library.download_result.isEnabled() and not library.process_button.isEnabled()
        before = set(folder.iterdir())
        qtbot.mouseClick(library.download_result, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(set(folder.iterdir()) - before) == 1
                        and not any(p.name.endswith(".part") for p in folder.iterdir()), timeout=15_000)
    finally:
        window.close()
