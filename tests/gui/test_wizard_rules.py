"""Each cross-field rule of the parameter table, as the wizard shows it: a disabled option with
its reason, or an inline message saying what to change — and no way to finish meanwhile."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

from pixop_desktop.processing import (
    AppleProresProfile, AspectRatioTag, ClarityBoost, Codec, Container, DnxhdHrProfile,
    FrameRateConverter, FrameRateTag, InterlacedFieldOrder, ResolutionTag, Scaler, ScanningTag,
    ScanningType, SourceInfo,
)
from pixop_desktop.presets import save_preset
from pixop_desktop.processing import ProcessingRequest
from tests.gui.test_wizard_driver import (  # noqa: F401 (make_wizard is a fixture)
    choose, editor, finish, go_to, make_wizard, set_clip, type_number,
)

SOURCE = SourceInfo(720, 576, 25, duration_ms=2_000)


def refused(wizard, *words: str) -> None:
    """The current page names the problem and Next/Finish cannot be pressed; nor can accept()."""
    page = wizard.currentPage()
    assert page.problem_label.isVisible()
    text = page.problem_label.text()
    for word in words:
        assert word in text, text
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    wizard.accept()
    assert wizard.result() != QWizard.DialogCode.Accepted and wizard.request() is None


def accepted_again(wizard) -> None:
    page = wizard.currentPage()
    assert not page.problem_label.isVisible() and page.isComplete()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def disabled_with(field, reason: str) -> None:
    assert not field.control.isEnabled()
    assert field.why_not.isVisibleTo(field) and reason in field.why_not.text()


def test_profiles_only_with_their_codec(qtbot, make_wizard):
    wizard = make_wizard()
    choose(qtbot, wizard, "mediaContainerCodec.codec", Codec.H264)
    disabled_with(editor(wizard, "appleProresProfile"), "ProRes profile applies only to the Apple ProRes codec")
    disabled_with(editor(wizard, "dnxhdHrProfile"), "DNxHD/HR profile applies only to the Avid DNxHD/HR codec")
    choose(qtbot, wizard, "mediaContainerCodec.codec", Codec.PRORES)
    choose(qtbot, wizard, "appleProresProfile", AppleProresProfile.HQ)
    disabled_with(editor(wizard, "dnxhdHrProfile"), "applies only to the Avid DNxHD/HR codec")
    choose(qtbot, wizard, "mediaContainerCodec.codec", Codec.DNXHD)  # the ProRes profile is left behind
    refused(wizard, "ProRes profile applies only to the Apple ProRes codec")
    assert editor(wizard, "appleProresProfile").title.text().startswith("⚠")
    choose(qtbot, wizard, "appleProresProfile", None)
    accepted_again(wizard)
    choose(qtbot, wizard, "dnxhdHrProfile", DnxhdHrProfile.DNXHR_SQ)
    assert finish(qtbot, wizard) == {"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhr_sq"}


def test_field_order_only_with_interlaced_scanning(qtbot, make_wizard):
    wizard = make_wizard()
    field_order = editor(wizard, "scanning.interlacedFieldOrder")
    choose(qtbot, wizard, "scanning.scanningType", ScanningType.PROGRESSIVE)
    disabled_with(field_order, "Field order applies only when the scanning type is interlaced")
    choose(qtbot, wizard, "scanning.scanningType", ScanningType.INTERLACED)
    choose(qtbot, wizard, "scanning.interlacedFieldOrder", InterlacedFieldOrder.BOTTOM_FIELD)
    choose(qtbot, wizard, "scanning.scanningType", ScanningType.PROGRESSIVE)
    refused(wizard, "Field order applies only when the scanning type is interlaced")
    choose(qtbot, wizard, "scanning.scanningType", ScanningType.INTERLACED)
    accepted_again(wizard)
    # a scanning preset excludes the explicit type
    choose(qtbot, wizard, "scanning.tag", ScanningTag.AUTO)
    refused(wizard, "Scanning type cannot be combined with a scanning preset")


def test_width_and_height_versus_the_resolution_preset(qtbot, make_wizard):
    wizard = make_wizard()
    choose(qtbot, wizard, "resolution.tag", ResolutionTag.HD_1080P)
    disabled_with(editor(wizard, "resolution.width"), "Width cannot be combined with a resolution preset")
    disabled_with(editor(wizard, "resolution.height"), "Height cannot be combined with a resolution preset")
    choose(qtbot, wizard, "resolution.tag", None)
    type_number(qtbot, wizard, "resolution.width", "1280")
    choose(qtbot, wizard, "resolution.tag", ResolutionTag.UHD_4K)
    refused(wizard, "Width cannot be combined with a resolution preset")
    choose(qtbot, wizard, "resolution.tag", None)
    accepted_again(wizard)


def test_aspect_ratio_only_with_one_of_width_and_height(qtbot, make_wizard):
    wizard = make_wizard()
    aspect = editor(wizard, "resolution.aspectRatioTag")
    disabled_with(aspect, "Aspect ratio applies only when just one of width or height is given")
    type_number(qtbot, wizard, "resolution.width", "1280")
    assert aspect.control.isEnabled()
    choose(qtbot, wizard, "resolution.aspectRatioTag", AspectRatioTag.R4_3)
    type_number(qtbot, wizard, "resolution.height", "720")  # width + height + aspect
    refused(wizard, "Aspect ratio applies only when just one of width or height is given")
    type_number(qtbot, wizard, "resolution.height", "")
    accepted_again(wizard)


def test_numeric_ranges(qtbot, make_wizard):
    wizard = make_wizard()
    for path, bad, good, words in [
        ("resolution.width", "20000", "640", "Width must be a whole number from 16 to 7680 pixels"),
        ("resolution.height", "5", "", "Height must be a whole number from 16 to 4320 pixels"),
        ("resolution.width", "12.5", "640", "Width must be a whole number"),
        ("frameRate.fps", "1000", "24", "Frames per second must be a number from 0.001 to 999"),
        ("frameRate.fps", "fast", "24", "Frames per second must be a number"),
        ("bitrate.mbps", "5000", "25", "Bitrate must be a number from 0.01 to 4000 megabits per second"),
        ("bitrate.mbps", "0", "25", "Bitrate must be a number from 0.01"),
    ]:
        type_number(qtbot, wizard, path, bad)
        refused(wizard, words)
        type_number(qtbot, wizard, path, good)
        accepted_again(wizard)
    assert finish(qtbot, wizard) == {"resolution": {"width": 640}, "frameRate": {"fps": 24.0},
                                     "bitrate": {"mbps": 25}}


def test_clip_range_within_the_duration(qtbot, make_wizard):
    wizard = make_wizard(source=SOURCE)
    end = editor(wizard, "range.endPositionMilliseconds")
    assert "of 0:00:02.000" in " ".join(w.text() for w in end.findChildren(type(end.title)))
    assert end.time.maximumTime().msecsSinceStartOfDay() == 2_000  # the video's length is the maximum
    set_clip(qtbot, wizard, "range.startPositionMilliseconds", 2_000)
    refused(wizard, "Clip start (0:02.000) is not before the end of the video (0:02.000)")
    set_clip(qtbot, wizard, "range.startPositionMilliseconds", 1_000)
    set_clip(qtbot, wizard, "range.endPositionMilliseconds", 500)
    refused(wizard, "Clip end (0:00:00.500) must come after the clip start (0:00:01.000)")
    set_clip(qtbot, wizard, "range.endPositionMilliseconds", 1_800)
    accepted_again(wizard)
    assert finish(qtbot, wizard) == {"range": {"startPositionMilliseconds": 1000, "endPositionMilliseconds": 1800}}


def test_a_preset_clip_past_the_end_of_this_video_is_explained(qtbot, make_wizard):
    save_preset("Long clip", ProcessingRequest.from_json({"range": {"endPositionMilliseconds": 9_000}}))
    wizard = make_wizard(source=SOURCE, preset="Long clip")
    assert editor(wizard, "range.endPositionMilliseconds").value() == 9_000  # shown as it is, not clamped
    go_to(qtbot, wizard, "clip")  # the walk passes the page where it must change, Advanced or not
    refused(wizard, "Clip end (0:09.000) is past the end of the video (0:02.000)")


def test_clarity_boost_only_with_super_resolution(qtbot, make_wizard):
    wizard = make_wizard()
    clarity = editor(wizard, "clarityBoost")
    disabled_with(clarity, "Clarity boost applies only to the Pixop Super Resolution scaler")
    choose(qtbot, wizard, "scaler", Scaler.PABSR1)
    choose(qtbot, wizard, "clarityBoost", ClarityBoost.HIGH)
    choose(qtbot, wizard, "scaler", Scaler.SCALE)
    refused(wizard, "Clarity boost applies only to the Pixop Super Resolution scaler")
    choose(qtbot, wizard, "scaler", Scaler.PABSR1)
    accepted_again(wizard)


def test_codec_must_fit_the_container(qtbot, make_wizard):
    wizard = make_wizard()
    choose(qtbot, wizard, "mediaContainerCodec.container", Container.MP4)
    codec = editor(wizard, "mediaContainerCodec.codec")
    item = codec.combo.model().item(codec.index_of(Codec.PRORES))
    assert not item.isEnabled() and "cannot be stored in MPEG-4" in item.toolTip()
    assert "Apple ProRes" in codec.why_not.text() and "cannot be stored in MPEG-4" in codec.why_not.text()
    choose(qtbot, wizard, "mediaContainerCodec.container", None)
    choose(qtbot, wizard, "mediaContainerCodec.codec", Codec.PRORES)
    choose(qtbot, wizard, "mediaContainerCodec.container", Container.MP4)
    refused(wizard, "Codec Apple ProRes cannot be stored in MPEG-4 (.mp4) files")
    choose(qtbot, wizard, "mediaContainerCodec.container", Container.MOV)
    accepted_again(wizard)


def test_frame_rate_converter_needs_a_frame_rate_and_preset_excludes_fps(qtbot, make_wizard):
    wizard = make_wizard()
    disabled_with(editor(wizard, "frameRateConverter"), "Frame rate converter needs a target frame rate")
    choose(qtbot, wizard, "frameRate.tag", FrameRateTag.FILM)
    disabled_with(editor(wizard, "frameRate.fps"), "Frames per second cannot be combined with a frame rate preset")
    choose(qtbot, wizard, "frameRateConverter", FrameRateConverter.FPS)
    choose(qtbot, wizard, "frameRate.tag", None)
    refused(wizard, "Frame rate converter needs a target frame rate")


def test_source_rules_output_size(qtbot, make_wizard):
    wizard = make_wizard(source=SourceInfo(3840, 2160, 25, duration_ms=2_000))
    choose(qtbot, wizard, "resolution.tag", ResolutionTag.X3)
    refused(wizard, "from this 3840×2160 video the output would be 11520×6480")
    choose(qtbot, wizard, "resolution.tag", ResolutionTag.X2)
    accepted_again(wizard)
