"""The processing wizard, walked as a person would: goals (presets), an expert request under Advanced, the summary."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractSpinBox, QApplication, QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QPushButton, QRadioButton,
    QWidget, QWizard,
)

from pixop_desktop.processing import (
    FIELDS, AspectRatioTag, ClarityBoost, Codec, Container, Deinterlacer, Denoiser, DnxhdHrProfile,
    FrameRateConverter, FrameRateTag, PostProcessor, ProcessingRequest, ResolutionTag, Scaler,
    ScanningTag, SourceInfo, Stabilizer, label, plan_output,
)
from pixop_desktop.presets import BUILT_IN_PRESETS, get_preset, list_presets, save_preset
from pixop_desktop.ui.request_text import request_lines
from pixop_desktop.ui.wizard.editors import ChoiceEditor
from pixop_desktop.ui.wizard.save_dialog import SavePresetDialog
from tests.gui.test_wizard_driver import (  # noqa: F401 (make_wizard is a fixture)
    choose, choose_goal, click, editor, finish, go_to, make_wizard, next_page, set_clip, type_number,
)

PAL_SD = SourceInfo(720, 576, 25, duration_ms=10_000, display_aspect=4 / 3)
PAGE_ORDER = ["page_goal", "page_details", "page_restoration", "page_resolution", "page_frame_rate",
              "page_output", "page_finishing", "page_clip", "page_summary"]
SIMPLE_WALK = ["page_goal", "page_details", "page_summary"]


def test_pages_come_in_the_order_of_the_issue(qtbot, make_wizard):
    wizard = make_wizard()
    assert [wizard.page(i).objectName() for i in wizard.pageIds()] == PAGE_ORDER
    assert [wizard.page(i).objectName() for i in wizard.walk()] == SIMPLE_WALK  # Advanced is off
    go_to(qtbot, wizard, "details")  # "every setting myself" opens the Advanced pages
    assert [wizard.page(i).objectName() for i in wizard.walk()] == PAGE_ORDER


def test_every_field_has_one_editor_and_combos_list_exactly_the_enum(make_wizard):
    wizard = make_wizard()
    leaves = [spec for spec in FIELDS if spec.kind != "group"]
    placed = [path for page in wizard.field_pages for path in page.editors]
    assert sorted(placed) == sorted(spec.path for spec in leaves)
    for spec in leaves:
        field = editor(wizard, spec.path)
        assert field.title.text() == spec.label
        if spec.path.startswith("range."):  # the JSON's milliseconds are typed as a time: its own help
            assert "h:mm:ss.mmm" in field.help.text() and "milliseconds from" not in field.help.text()
        else:
            assert spec.help in field.help.text()  # help is written out, not only a tooltip
        assert field.help.isVisibleTo(field)
        if spec.kind == "choice":
            assert isinstance(field, ChoiceEditor)
            shown = [field.combo.itemText(i) for i in range(field.combo.count())]
            assert shown == [spec.unset_text] + [label(m) for m in spec.choices]
            assert field.members() == list(spec.choices)
            assert field.combo.currentIndex() == 0  # unset by default


def test_every_control_has_an_accessible_name(make_wizard):
    wizard = make_wizard(source=PAL_SD)
    kinds = (QComboBox, QLineEdit, QCheckBox, QPlainTextEdit, QPushButton, QAbstractSpinBox, QRadioButton)
    own_buttons = {wizard.button(b) for b in QWizard.WizardButton if wizard.button(b)}
    for widget in wizard.findChildren(QWidget):
        if not isinstance(widget, kinds) or widget in own_buttons:
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)):
            continue  # the inner line edit of a spin box or combo
        assert widget.accessibleName(), f"{type(widget).__name__} {widget.objectName()} has no accessible name"


@pytest.mark.parametrize("name", [name for name, _d, _r in BUILT_IN_PRESETS])
def test_walking_a_built_in_preset_gives_its_exact_json(qtbot, make_wizard, name):
    wizard = make_wizard(source=PAL_SD)
    choose_goal(qtbot, wizard, name)
    button = wizard.goal_page.group.checkedButton()
    assert wizard.goal_page.description_of(button) == get_preset(name).description
    go_to(qtbot, wizard, "summary")
    expected = get_preset(name).request.to_json()
    shown = wizard.summary.details_label.text()  # the technical details: a readable list
    assert shown == "\n".join(f"{field}: {value}" for field, value in request_lines(get_preset(name).request))
    plan = plan_output(get_preset(name).request, PAL_SD)
    result = wizard.summary.result_text()
    assert f"Picture size: {plan.width} × {plan.height} pixels" in result
    assert f"File: {label(Container(plan.container))} file, {label(Codec(plan.codec))} video" in result
    assert finish(qtbot, wizard) == expected
    assert wizard.chosen_preset_name() == name


def test_preset_by_constructor_then_changed_by_hand(qtbot, make_wizard):
    wizard = make_wizard(source=PAL_SD, preset="Smooth 60 fps")
    choose(qtbot, wizard, "frameRate.tag", FrameRateTag.VIDEO_PAL_FAST)
    assert finish(qtbot, wizard) == {"frameRateConverter": "mcinterpolate", "frameRate": {"tag": "video_pal_fast"},
                                     "scanning": {"tag": "progressive"}}


def test_from_scratch_expert_request(qtbot, make_wizard):
    wizard = make_wizard(source=PAL_SD)
    choose(qtbot, wizard, "deinterlacer", Deinterlacer.WESTON3F)
    choose(qtbot, wizard, "stabilizer", Stabilizer.DEJIT)
    choose(qtbot, wizard, "scaler", Scaler.PABSR1)
    type_number(qtbot, wizard, "resolution.width", "1280")
    choose(qtbot, wizard, "resolution.aspectRatioTag", AspectRatioTag.R16_9)
    choose(qtbot, wizard, "clarityBoost", ClarityBoost.MEDIUM)
    type_number(qtbot, wizard, "frameRate.fps", "50")
    choose(qtbot, wizard, "frameRateConverter", FrameRateConverter.FBLEND)
    choose(qtbot, wizard, "mediaContainerCodec.container", Container.MXF)
    choose(qtbot, wizard, "mediaContainerCodec.codec", Codec.DNXHD)
    choose(qtbot, wizard, "dnxhdHrProfile", DnxhdHrProfile.DNXHR_HQX)
    type_number(qtbot, wizard, "bitrate.mbps", "120.5")
    choose(qtbot, wizard, "scanning.tag", ScanningTag.PROGRESSIVE)
    choose(qtbot, wizard, "postProcessor", PostProcessor.FILMGRAIN)
    set_clip(qtbot, wizard, "range.startPositionMilliseconds", 1_500)  # the clip range is the last page
    set_clip(qtbot, wizard, "range.endPositionMilliseconds", 8_250)
    assert "720×576 → 1280×720, 25 → 50 fps" in wizard.currentPage().output_label.text()
    go_to(qtbot, wizard, "summary")
    result = wizard.summary.result_text()
    assert "1280 × 720 pixels (the original is 720 × 576)" in result
    assert "50 frames per second (the original has 25); progressive" in result
    assert "Length: 0:07 (part of the video: 0:02 to 0:09)" in result
    assert "Estimated file size: About 101.7 MB (at 120.5 Mbit/s)" in result
    assert finish(qtbot, wizard) == {
        "mediaContainerCodec": {"container": "mxf", "codec": "dnxhd"},
        "dnxhdHrProfile": "dnxhr_hqx",
        "scanning": {"tag": "progressive"},
        "bitrate": {"mbps": 120.5},
        "deinterlacer": "weston3f",
        "stabilizer": "dejit",
        "scaler": "pabsr1",
        "resolution": {"width": 1280, "aspectRatioTag": "16:9"},
        "clarityBoost": "medium",
        "frameRateConverter": "fblend",
        "frameRate": {"fps": 50.0},
        "postProcessor": "filmgrain",
        "range": {"startPositionMilliseconds": 1500, "endPositionMilliseconds": 8250},
    }


def test_nothing_chosen_gives_an_empty_request_only_when_sent_anyway(qtbot, make_wizard):
    wizard = make_wizard()
    go_to(qtbot, wizard, "summary")
    assert "follow the source" not in wizard.summary.unknown_label.text()
    assert "keep the original's" in wizard.summary.unknown_label.text()
    assert "No setting is chosen" in wizard.summary.nothing_label.text()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    click(qtbot, wizard.summary.anyway_check)
    assert finish(qtbot, wizard) == {}


def test_each_relevant_page_announces_the_output(qtbot, make_wizard):
    wizard = make_wizard(source=PAL_SD)
    choose(qtbot, wizard, "resolution.tag", ResolutionTag.X2)
    assert wizard.currentPage().output_label.text().startswith("Output: 2x of 720×576 → 1440×1152, 25 fps")
    choose(qtbot, wizard, "frameRate.tag", FrameRateTag.VIDEO_PAL_FAST)
    assert "2x of 720×576 → 1440×1152, 25 → 50 fps" in wizard.currentPage().output_label.text()
    go_to(qtbot, wizard, "summary")
    result = wizard.summary.result_text()
    assert "1440 × 1152 pixels (the original is 720 × 576)" in result and "50 frames per second" in result


def test_keyboard_only(qtbot, make_wizard):
    wizard = make_wizard(source=PAL_SD)
    first = wizard.goal_page.buttons[0]
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Space)  # the first built-in preset
    assert first.isChecked() and first.text() == BUILT_IN_PRESETS[0][0]
    for _ in range(len(SIMPLE_WALK) - 1):
        qtbot.keyClick(wizard, Qt.Key.Key_Return)  # Enter presses the default button: Next
    assert wizard.currentPage() is wizard.summary
    qtbot.keyClick(wizard, Qt.Key.Key_Return)  # ... and Finish on the last page
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.request().to_json() == BUILT_IN_PRESETS[0][2]


def test_save_as_preset_from_the_summary(qtbot, make_wizard):
    wizard = make_wizard(source=PAL_SD)
    choose(qtbot, wizard, "denoiser", Denoiser.DENOISE)
    go_to(qtbot, wizard, "summary")

    def fill_dialog(name: str, replace: bool = False):
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SavePresetDialog) and w.isVisible())
        dialog.name_edit.clear()
        qtbot.keyClicks(dialog.name_edit, name)
        qtbot.keyClicks(dialog.description_edit, "Just the denoiser")
        dialog.replace_box.setChecked(replace)
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
        if dialog.isVisible():  # refused: read why, then cancel
            fill_dialog.refusal = dialog.error_label.text()
            dialog.reject()

    QTimer.singleShot(0, lambda: fill_dialog("My denoise"))
    qtbot.mouseClick(wizard.summary.save_button, Qt.MouseButton.LeftButton)
    saved = get_preset("My denoise")
    assert saved.request.to_json() == {"denoiser": "denoise"} and saved.description == "Just the denoiser"
    assert "Saved as “My denoise”" in wizard.summary.saved_label.text()

    QTimer.singleShot(0, lambda: fill_dialog("Smooth 60 fps"))
    qtbot.mouseClick(wizard.summary.save_button, Qt.MouseButton.LeftButton)
    assert "built-in" in fill_dialog.refusal


def test_own_presets_are_offered(qtbot, make_wizard):
    save_preset("Archive look", ProcessingRequest.from_json({"stabilizer": "dejit"}), "Steady")
    wizard = make_wizard()
    texts = [button.text() for button in wizard.goal_page.buttons]
    assert "Archive look (yours)" in texts and texts[-1] == "Choose every setting myself"
    assert len(texts) == 1 + len(list_presets())
    choose_goal(qtbot, wizard, "Archive look (yours)")
    assert editor(wizard, "stabilizer").member() == Stabilizer.DEJIT
    assert wizard.goal_page.description_of(wizard.goal_page.group.checkedButton()) == "Steady"
