"""The wizard's "Save as preset…" leaves the clip range out unless asked
and explains refusals in full and translated; settings, dates and names in the details read
like the rest of the app; clip times are worded as the fields show them; the wizard fits."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QDateTime, QLocale, QRect, QSize, Qt
from PySide6.QtWidgets import QCheckBox

from pixop_desktop.api.client import PixopClient
from pixop_desktop.processing import ProcessingRequest, ProcessingRequestError
from pixop_desktop.jobs.model import Job, Source, State
from pixop_desktop.jobs.pipeline import video_name
from pixop_desktop.presets import get_preset
from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD
from pixop_desktop.ui import request_text
from pixop_desktop.ui.presets import dialog as presets_dialog
from pixop_desktop.ui.queue.details_panel import shown_video_name
from pixop_desktop.ui.queue.text import when_text
from pixop_desktop.ui.wizard.save_dialog import MIN_WIDTH, SavePresetDialog
from pixop_desktop.ui.wizard.wizard import default_wizard_size
from tests.gui.test_translations import pseudo_qm, pseudo_translated  # noqa: F401 (fixtures)
from tests.gui.test_wizard_driver import editor, make_wizard  # noqa: F401 (make_wizard is a fixture)

pytestmark = pytest.mark.timeout(120)

CLIPPED = {"denoiser": "denoise", "scaler": "pabsr1", "resolution": {"tag": "2x"}, "clarityBoost": "low",
           "range": {"startPositionMilliseconds": 1000, "endPositionMilliseconds": 3500}}


@pytest.fixture
def save_dialog(qtbot):
    def make(body: dict) -> SavePresetDialog:
        dialog = SavePresetDialog(ProcessingRequest.from_json(body))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog
    return make


def press_save(qtbot, dialog: SavePresetDialog, name: str) -> None:
    dialog.name_edit.setText(name)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)


# ----- L2a: the clip range stays out of a preset unless asked for -------------------------------

def test_save_as_preset_leaves_the_clip_range_out_by_default(qtbot, save_dialog):
    dialog = save_dialog(CLIPPED)
    box = dialog.range_box
    assert box.isVisible() and not box.isChecked()
    assert box.text().replace("&", "") == "Include the clip range (start–end)"
    said = dialog.saves_label.text()
    assert "The clip range (0:00:01.000–0:00:03.500) is left out" in said
    assert "Scaler: Pixop Super Resolution" in said and "Clip start" not in said
    press_save(qtbot, dialog, "Sharp, any length")
    assert not dialog.isVisible()
    saved = get_preset("Sharp, any length").request.to_json()
    assert "range" not in saved and saved["scaler"] == "pabsr1"


def test_the_clip_range_is_saved_when_ticked(qtbot, save_dialog):
    dialog = save_dialog(CLIPPED)
    dialog.range_box.setChecked(True)
    said = dialog.saves_label.text()
    assert "left out" not in said and "Clip start: 0:00:01.000" in said and "Clip end: 0:00:03.500" in said
    press_save(qtbot, dialog, "This very clip")
    assert get_preset("This very clip").request.to_json()["range"] == CLIPPED["range"]


def test_no_range_no_check_box(save_dialog):
    dialog = save_dialog({"denoiser": "denoise"})
    assert not dialog.range_box.isVisible() and "left out" not in dialog.saves_label.text()


# ----- L2b: a refusal is shown whole, translated, without squashing the fields -------------------

def _fully_shown(dialog: SavePresetDialog) -> None:
    label = dialog.error_label
    assert label.isVisible() and label.wordWrap()
    assert label.height() >= label.heightForWidth(label.width())  # no line cut off
    assert dialog.width() >= MIN_WIDTH
    for field in (dialog.name_edit, dialog.description_edit):
        assert field.height() >= field.minimumSizeHint().height()  # not squashed


def test_a_built_in_name_is_refused_in_full(qtbot, save_dialog):
    dialog = save_dialog({"denoiser": "denoise"})
    press_save(qtbot, dialog, "Smooth 60 fps")
    assert dialog.isVisible()
    assert dialog.error_label.text() == "“Smooth 60 fps” is the name of a built-in preset. Choose another name."
    _fully_shown(dialog)


def test_a_taken_name_and_a_missing_name_are_explained(qtbot, save_dialog):
    first = save_dialog({"denoiser": "denoise"})
    press_save(qtbot, first, "Mine")
    second = save_dialog({"denoiser": "denoise"})
    press_save(qtbot, second, "mine")
    assert "You already have a preset called “Mine”" in second.error_label.text()
    _fully_shown(second)
    press_save(qtbot, second, "   ")
    assert second.error_label.text() == "Give the preset a name of a few words."


def test_refusals_are_translated(qtbot, save_dialog, pseudo_translated):  # noqa: F811 (fixture)
    dialog = save_dialog({"denoiser": "denoise", "range": {"startPositionMilliseconds": 10}})
    press_save(qtbot, dialog, "Smooth 60 fps")
    assert dialog.error_label.text().startswith("⟦") and "Name taken" not in dialog.error_label.text()
    press_save(qtbot, dialog, "")
    assert dialog.error_label.text().startswith("⟦")
    assert dialog.findChild(QCheckBox, None).text().startswith("⟦")
    assert "⟦The clip range" in dialog.saves_label.text()


def test_the_wizard_says_the_preset_was_saved_without_the_range(qtbot, make_wizard):
    wizard = make_wizard(preset=None)
    wizard._load(CLIPPED)

    def answer():
        dialog = wizard.findChild(SavePresetDialog)
        press_save(qtbot, dialog, "From the wizard")

    from PySide6.QtCore import QTimer
    QTimer.singleShot(0, answer)
    wizard.save_as_preset()
    assert "range" not in get_preset("From the wizard").request.to_json()
    assert wizard.summary.saved_label.text() == "Saved as “From the wizard” (without the clip range)."


# ----- L2c / L2d: the details panel in plain words -----------------------------------------------

def test_processing_settings_are_in_plain_words(panel):
    job = Job(Source.local("/videos/a.mp4", 10, 1), state=State.QUEUED, processing=CLIPPED)
    panel.show_job(job)
    shown = panel.browser.toPlainText().split("Processing", 1)[1]
    for raw in ("pabsr1", "clarityBoost", "resolution.tag", "1000"):
        assert raw not in shown
    assert "Pixop Super Resolution" in shown and "0:00:01.000" in shown
    assert presets_dialog.request_lines is request_text.request_lines  # one wording for both windows


def test_history_and_added_share_the_locale_format():
    epoch = datetime(2026, 11, 23, 7, 45, 51, tzinfo=timezone.utc).timestamp()
    expected = QLocale().toString(QDateTime.fromSecsSinceEpoch(int(epoch)), QLocale.FormatType.ShortFormat)
    assert when_text(epoch) == expected == when_text(datetime.fromtimestamp(epoch, timezone.utc))
    assert when_text(epoch) != time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(epoch))


def test_only_this_jobs_tag_is_hidden():
    job = Job(Source.local("/videos/Sample 1 - test pattern.mp4", 10, 1))
    assert shown_video_name(video_name(job), job) == "Sample 1 - test pattern.mp4"
    other = Job(Source.local("/videos/b.mp4", 10, 1))
    assert shown_video_name(video_name(other), job) == video_name(other)
    assert shown_video_name("Reel [draft]", job) == "Reel [draft]"


def test_the_details_show_the_name_without_the_tag(qtbot, panel, sandbox):
    job = Job(Source.local("/videos/Sample 1 - test pattern.mp4", 10, 1), state=State.DONE)
    with PixopClient(sandbox.url, email=DEFAULT_EMAIL, password=DEFAULT_PASSWORD) as client:
        video = client.videos.create(name=video_name(job))
        job = Job(job.source, uid=job.uid, state=State.DONE, video_id=video.video_id)
        panel.set_client(client)
        panel.show_job(job)
        qtbot.waitUntil(lambda: "Video on Pixop" in panel.browser.toPlainText(), timeout=10_000)
        panel.shutdown()
    text = panel.browser.toPlainText()
    assert "Sample 1 - test pattern.mp4" in text and f"[{job.uid[:8]}]" not in text


# ----- L2e: clip times worded as the fields show them --------------------------------------------

def test_clip_order_error_uses_the_time_format():
    with pytest.raises(ProcessingRequestError) as caught:
        ProcessingRequest.from_json({"range": {"startPositionMilliseconds": 3000,
                                               "endPositionMilliseconds": 1000}})
    messages = [p.message for p in caught.value.problems]
    assert "Clip end (0:00:01.000) must come after the clip start (0:00:03.000)." in messages


def test_clip_help_speaks_of_the_time_format(make_wizard):
    wizard = make_wizard()
    for path in ("range.startPositionMilliseconds", "range.endPositionMilliseconds"):
        help_text = editor(wizard, path).help.text()
        assert "h:mm:ss.mmm" in help_text and "in milliseconds" not in help_text


# ----- L2f: the wizard's size ---------------------------------------------------------------------

def test_default_wizard_size():
    assert default_wizard_size(QRect(0, 0, 1440, 900)) == QSize(820, 760)
    assert default_wizard_size(QRect(0, 0, 1024, 700)) == QSize(820, 630)
    assert default_wizard_size(QRect(0, 0, 800, 600)) == QSize(720, 540)


def test_the_wizard_opens_at_that_size(make_wizard):
    wizard = make_wizard()
    assert wizard.size() == default_wizard_size(wizard.screen().availableGeometry())
