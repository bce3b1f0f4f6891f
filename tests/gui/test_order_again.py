"""A row whose processing Pixop ended offers "Order Again": clicked, Pixop processes the video anew."""

from __future__ import annotations

from pathlib import Path

from pixop_desktop.jobs.model import Job, Source, State
from tests.gui.queue_window import click_row, open_main_window


def test_a_row_pixop_could_not_process_offers_order_again_and_finishes(qtbot, sandbox, clip_factory, tmp_path):
    sandbox.faults.end_next("processing", "CANCELLED", "Cancelled by an operator.")
    clip = clip_factory("cut.mp4", seconds=1, fps=10)
    window = open_main_window(qtbot, sandbox)
    try:
        [job_id] = window.store.add_many([Job(Source.local(str(clip)), processing={"resolution": {"tag": "2x"}},
                                              output_folder=str(tmp_path / "out"))])
        window.queue_model.refresh_jobs([job_id])
        qtbot.waitUntil(lambda: window.queue_model.job(job_id).state is State.FAILED, timeout=30_000)
        click_row(qtbot, window, job_id)
        retry = window.queue.action["retry"]
        assert retry.isEnabled() and retry.text().replace("&", "") == "Order Again"
        assert "Pixop could not process" in retry.toolTip() and "orders its processing again" in retry.toolTip()
        retry.trigger()
        qtbot.waitUntil(lambda: window.queue_model.job(job_id).state is State.DONE, timeout=30_000)
        assert Path(window.store.get(job_id).output_path).is_file()
        qtbot.waitUntil(lambda: retry.text().replace("&", "") == "Retry", timeout=5_000)  # the words follow the row
    finally:
        window.shutdown()
