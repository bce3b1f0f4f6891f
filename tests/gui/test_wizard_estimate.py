"""The wizard's summary says what a video already on Pixop would cost with the chosen settings:
"Change processing" on a job waiting for approval, through the real window against the sandbox.
Asking orders nothing."""

from __future__ import annotations

import pytest

from pixop_desktop.jobs.model import Job, Source, Stage, State
from tests.fixtures.sandbox import upload_video, v1_headers
from tests.gui.queue_window import open_main_window
from tests.gui.test_wizard_driver import go_to

pytestmark = pytest.mark.timeout(90)
DOUBLE = {"scaler": "scale", "resolution": {"tag": "2x"}}


def test_the_summary_shows_the_cost_of_a_video_on_pixop(qtbot, sandbox, small_clip):
    video_id = upload_video(sandbox, small_clip, v1_headers(sandbox))
    window = open_main_window(qtbot, sandbox)
    try:
        [job_id] = window.store.add_many([Job(Source.local(str(small_clip)), processing=DOUBLE,
                                              needs_approval=True, server=sandbox.url)])
        window.store.set_server_ids(job_id, video_id=video_id)
        window.store.transition(job_id, State.RUNNING)
        window.store.transition(job_id, State.NEEDS_APPROVAL, stage=Stage.APPROVAL)
        window.queue_model.refresh_jobs([job_id])
        editor = window.queue.editor
        editor.edit(job_id)
        qtbot.waitUntil(lambda: editor.wizard is not None, timeout=30_000)
        wizard = editor.wizard
        assert small_clip.name in wizard.goal_page.for_label.text()
        go_to(qtbot, wizard, "summary")
        label = wizard.summary.estimate_label
        try:
            qtbot.waitUntil(lambda: label.text().startswith("About $"), timeout=30_000)
        except Exception:
            raise AssertionError(label.text())
        assert "min" in label.text()
        assert sandbox.state.video(video_id).process_orders == 0
        wizard.reject()
    finally:
        window.close()
