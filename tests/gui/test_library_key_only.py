"""The Library's "Process…" with an API key alone.

The window cannot list the Library without email and password (Pixop's current API has no list
of videos), so a key-only window says so, with the next step. The Process dialog with a key-only
client shows the estimate, says before ordering which goal the key alone cannot order (and keeps
"Process" off for it), and the job it adds is followed to DONE through the current API.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from pixop_desktop.api.client import PixopClient
from pixop_desktop.credentials import CredentialSource, Credentials
from pixop_desktop.jobs.model import State
from pixop_desktop.jobs.runner import Limits, RetryRule, Runner
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.sandbox import DEFAULT_API_KEY
from pixop_desktop.services.connection import ServerChoice
from pixop_desktop.services.library import processing_job
from pixop_desktop.settings import ServerKind
from pixop_desktop.ui.library.process_dialog import ProcessVideoDialog
from pixop_desktop.ui.window.main_window import MainWindow
from tests.fixtures.sandbox import client_kwargs, upload_video, v1_headers
from tests.gui.queue_window import FAST_POLLS

pytestmark = pytest.mark.timeout(60)
KEY_ONLY = Credentials(None, None, DEFAULT_API_KEY, CredentialSource.SESSION)


def _choose(qtbot, dialog, name: str) -> None:
    dialog.preset_box.setFocus()
    index = next(i for i, p in enumerate(dialog.presets) if p.name == name)
    while dialog.preset_box.currentIndex() != index:  # by keyboard, as a person would
        key = Qt.Key.Key_Down if dialog.preset_box.currentIndex() < index else Qt.Key.Key_Up
        qtbot.keyClick(dialog.preset_box, key)


def test_a_key_only_window_says_the_library_needs_email_and_password(qtbot, sandbox):
    window = MainWindow(ServerChoice(sandbox.url, ServerKind.SANDBOX), lambda: KEY_ONLY)
    window.ask_before_closing = False
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(window.error_banner.isVisible, timeout=10_000)
        assert window.error_banner.title_label.text() == "Email and password needed"
        message = window.error_banner.message_label.text()
        assert "API key alone, this app can't show your videos" in message and "Settings → Account" in message
        assert not window.library.process_button.isEnabled()
    finally:
        window.shutdown()


def test_process_dialog_with_only_an_api_key_orders_what_it_can_and_the_job_reaches_done(qtbot, sandbox,
                                                                                       small_clip, tmp_path):
    video_id = upload_video(sandbox, small_clip, v1_headers(sandbox), name="Archive tape")
    with PixopClient(**client_kwargs(sandbox)) as lister:  # the Library's row, as email+password list it
        [video] = [v for v in lister.videos.iter_videos() if v.id == video_id]
    client = PixopClient(sandbox.url, api_key=DEFAULT_API_KEY)
    dialog = ProcessVideoDialog(video, lambda: client)
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        _choose(qtbot, dialog, "Clean up noisy footage")
        qtbot.waitUntil(lambda: dialog.estimate.text().startswith("About $"), timeout=15_000)
        assert dialog.process_button.isEnabled() and not dialog.refusal.isVisible()

        _choose(qtbot, dialog, "Film look 24 fps")  # Film Grain: the current API cannot order it
        assert dialog.refusal.isVisible() and not dialog.process_button.isEnabled()
        assert "Settings → Account" in dialog.refusal.text() and "Film Grain" not in dialog.refusal.text()
        dialog.refusal.linkActivated.emit("#why")  # "Why?": the technical reason, one click away
        assert "Film Grain" in dialog.refusal.text()
        assert sandbox.state.video(video_id).process_orders == 0  # estimates and refusals order nothing

        _choose(qtbot, dialog, "Clean up noisy footage")
        assert dialog.process_button.isEnabled() and not dialog.refusal.isVisible()
        qtbot.mouseClick(dialog.process_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == QDialog.DialogCode.Accepted
        preset = dialog.chosen_preset()
    finally:
        dialog.close()

    job = processing_job(video, preset.request.to_json(), preset=preset.name, output_folder=tmp_path / "out",
                         server=sandbox.url)
    with JobStore(tmp_path / "jobs.sqlite") as store:
        [job_id] = store.add_many([job])
        runner = Runner(store, client, tick=0.05, poll=FAST_POLLS, retry=RetryRule(max_attempts=2, first_delay=0.2),
                        limits=Limits(uploads=1, downloads=1, polls=2, control=1)).start()
        try:
            assert runner.wait_for([job_id], timeout=40)
        finally:
            runner.stop(wait=True)
            client.close()
        done = store.get(job_id)
    assert done.state is State.DONE, done.error
    assert (tmp_path / "out").joinpath(done.output_path.rsplit("/", 1)[-1]).exists()
    assert sandbox.state.video(video_id).process_orders == 1  # once, through the current API
    assert [v.id for v in sandbox.state.videos() if v.kind == "original"] == [video_id]  # no re-upload
