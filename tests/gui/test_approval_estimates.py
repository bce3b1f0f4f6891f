"""The price at the approval step, in the real window against the sandbox: each row waiting for
approval shows its estimate, the Approve action sums the selection, and without an API key the
row says why there is none. Nothing is ordered by asking."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel

from pixop_desktop.credentials import CredentialSource, Credentials
from pixop_desktop.jobs.model import Job, Source, Stage, State
from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD
from pixop_desktop.services.connection import ServerChoice
from pixop_desktop.settings import ServerKind
from pixop_desktop.ui.queue.model import STAGE
from pixop_desktop.ui.window.main_window import MainWindow
from tests.fixtures.sandbox import upload_video, v1_headers
from tests.gui.queue_window import FAST_POLLS, open_main_window

pytestmark = pytest.mark.timeout(90)
DOUBLE = {"scaler": "scale", "resolution": {"tag": "2x"}}


def _held_jobs(window, sandbox, video_id: str, count: int) -> list[int]:
    ids = window.store.add_many([Job(Source.local(f"/archive/tape{n}.mp4"), processing=DOUBLE,
                                     needs_approval=True, server=sandbox.url) for n in range(count)])
    for job_id in ids:
        window.store.set_server_ids(job_id, video_id=video_id)
        window.store.transition(job_id, State.RUNNING)
        window.store.transition(job_id, State.NEEDS_APPROVAL, stage=Stage.APPROVAL)
    window.queue_model.refresh_jobs(ids)
    return ids


def _stage(window, job_id: int) -> str:
    model = window.queue_model
    return model.index(model.row_of(job_id), STAGE).data()


def test_rows_waiting_for_approval_show_their_price_and_approve_sums_the_selection(qtbot, sandbox, small_clip):
    video_id = upload_video(sandbox, small_clip, v1_headers(sandbox))
    window = open_main_window(qtbot, sandbox)
    try:
        first, second = _held_jobs(window, sandbox, video_id, 2)
        qtbot.waitUntil(lambda: "about $" in _stage(window, first) and "about $" in _stage(window, second),
                        timeout=15_000)
        line = _stage(window, first)
        assert line.startswith("Needs your approval — about $") and "min" in line
        selection = window.queue.table.selectionModel()
        for job_id in (first, second):
            selection.select(window.queue_model.index(window.queue_model.row_of(job_id), 0),
                             QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        approve = window.queue.action["approve"]
        qtbot.waitUntil(lambda: approve.text().startswith("&Approve 2 videos — about $"), timeout=5_000)
        one = float(line.split("$")[1].split(",")[0])
        total = float(approve.text().split("$")[1])
        assert total == pytest.approx(2 * one, abs=0.011)
        assert sandbox.state.video(video_id).process_orders == 0  # asking for a price orders nothing
    finally:
        window.close()


def test_without_an_api_key_the_row_says_why_there_is_no_estimate(qtbot, sandbox, small_clip):
    video_id = upload_video(sandbox, small_clip, v1_headers(sandbox))
    no_key = Credentials(DEFAULT_EMAIL, DEFAULT_PASSWORD, None, CredentialSource.SESSION)
    window = MainWindow(ServerChoice(sandbox.url, ServerKind.SANDBOX), lambda: no_key, poll=FAST_POLLS)
    window.ask_before_closing = False
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.runner is not None, timeout=10_000)
        [job_id] = _held_jobs(window, sandbox, video_id, 1)
        qtbot.waitUntil(lambda: _stage(window, job_id) == "Needs your approval — no cost estimate without an "
                                                          "API key", timeout=10_000)
    finally:
        window.close()
