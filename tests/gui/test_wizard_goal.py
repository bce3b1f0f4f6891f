"""The wizard that starts from the goal, walked through the real widgets: the goal for the named
file(s), only what it needs (Advanced untouched), the result in words with a step counter and no
JSON, the suggestion to deinterlace a really interlaced clip, and the warning before ordering nothing."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QWizard

from pixop_desktop.presets import get_preset
from pixop_desktop.presets.source import source_info_from_file
from pixop_desktop.processing import Container, SourceInfo
from tests.gui.test_wizard_driver import (  # noqa: F401 (make_wizard is a fixture)
    choose, choose_goal, click, finish, go_to, make_wizard, next_page,
)

MP4_SD = SourceInfo(720, 576, 25, duration_ms=10_000, display_aspect=4 / 3, pix_fmt="yuv420p",
                    codec="h264", container="mp4")


def shown_texts(page) -> list[str]:
    return [label.text() for label in page.findChildren(QLabel) if label.isVisible()]


def assert_no_json(page) -> None:
    for text in shown_texts(page):
        assert "{" not in text and '":' not in text, text


def finish_enabled(wizard) -> bool:
    return wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_goal_to_summary_in_words_with_a_step_counter(qtbot, make_wizard):
    wizard = make_wizard(source=MP4_SD, files=["/archive/interview.mp4"])
    assert wizard.currentPage() is wizard.goal_page
    assert wizard.goal_page.for_label.text() == "For: interview.mp4"
    assert wizard.goal_page.step_label.text() == "Step 1 of 3"
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # a goal first
    choose_goal(qtbot, wizard, "Upscale SD to HD (Super Resolution)")
    next_page(qtbot, wizard)
    details = wizard.details_page
    assert details.step_label.text() == "Step 2 of 3"
    assert details.goal_label.text().startswith("Upscale SD to HD (Super Resolution): Enlarges")
    assert not details.interlace_box.isVisible() and not details.nothing_label.isVisible()
    assert not details.advanced_check.isChecked()
    next_page(qtbot, wizard)  # straight to the summary: the technical pages are not in the way
    summary = wizard.summary
    assert wizard.currentPage() is summary and summary.step_label.text() == "Step 3 of 3"
    assert summary.result_text().splitlines() == [
        "Picture size: 1440 × 1080 pixels (the original is 720 × 576)",
        "Frame rate: 25 frames per second, as the original; progressive",
        "File: MPEG-4 (.mp4) file, H.264 / AVC video",
        "Length: 0:10",
        "Estimated file size: About 4.9 MB (a rule of thumb; the real size depends on the picture)",
        "Processing: Pixop Super Resolution",
    ]
    assert summary.estimate_label.accessibleName() == "Estimate"
    assert summary.estimate_label.text() == "The cost is shown before Pixop starts, once the video is on Pixop."
    assert_no_json(summary)
    assert not summary.details_label.isVisible()
    click(qtbot, summary.details_button)  # technical details, one click away, as a readable list
    assert summary.details_label.isVisible()
    assert "Scaler: Pixop Super Resolution" in summary.details_label.text()
    assert_no_json(summary)
    assert finish(qtbot, wizard) == get_preset("Upscale SD to HD (Super Resolution)").request.to_json()


def test_several_files_are_counted_and_the_estimate_slot_takes_a_figure(make_wizard):
    wizard = make_wizard(files=["a.mov", "b.mov", "c.mp4"])
    # "For: 3 videos" once the English plural forms are in pixop_desktop_en (the lead's refresh)
    assert wizard.goal_page.for_label.text().startswith("For: 3 video")
    assert wizard.goal_page.for_label.toolTip() == "a.mov\nb.mov\nc.mp4"
    wizard.summary.show_estimate("About $4.20, ~12 min")
    assert wizard.summary.estimate_label.text() == "About $4.20, ~12 min"
    wizard.summary.show_estimate("")
    assert "once the video is on Pixop" in wizard.summary.estimate_label.text()


@pytest.fixture
def interlaced_clip(clip_factory):
    return clip_factory("tape.mov", seconds=0.4, width=160, height=120, fps=10, interlaced="bff")


def test_an_interlaced_source_gets_the_deinterlace_suggestion(qtbot, make_wizard, interlaced_clip):
    source = source_info_from_file(interlaced_clip)  # the client's own probe reads the field order
    assert source.interlaced and source.field_order == "bff"
    wizard = make_wizard(source=source, files=[str(interlaced_clip)])
    choose_goal(qtbot, wizard, "Clean up noisy footage")  # keeps the frames: the output stays interlaced
    next_page(qtbot, wizard)
    details = wizard.details_page
    assert details.interlace_box.isVisible() and details.deinterlace_check.isVisible()
    assert "interlaced (bottom field first)" in details.interlace_note.text()
    assert "We suggest removing the interlacing" in details.interlace_note.text()
    assert not details.deinterlace_check.isChecked()
    click(qtbot, details.deinterlace_check)
    assert wizard.draft.body == {"denoiser": "denoise", "stabilizer": "dejit", "deinterlacer": "bwdif",
                                 "scanning": {"tag": "progressive"}}
    next_page(qtbot, wizard)
    result = wizard.summary.result_text()
    assert "; progressive" in result and "Processing: Bob Weaver, Pixop Denoiser" in result
    go_back = wizard.button(QWizard.WizardButton.BackButton)
    click(qtbot, go_back)
    click(qtbot, details.deinterlace_check)  # changed my mind: exactly the preset again
    assert wizard.draft.request() == get_preset("Clean up noisy footage").request
    assert finish(qtbot, wizard) == get_preset("Clean up noisy footage").request.to_json()
    assert wizard.chosen_preset_name() == "Clean up noisy footage"


def test_a_goal_that_deinterlaces_says_so_and_progressive_sources_hear_nothing(qtbot, make_wizard,
                                                                               interlaced_clip):
    wizard = make_wizard(source=source_info_from_file(interlaced_clip))
    choose_goal(qtbot, wizard, "Restore interlaced SD tape")
    next_page(qtbot, wizard)
    details = wizard.details_page
    assert details.interlace_box.isVisible() and not details.deinterlace_check.isVisible()
    assert "Your choice removes the interlacing" in details.interlace_note.text()
    progressive = make_wizard(source=MP4_SD)
    choose_goal(qtbot, progressive, "Clean up noisy footage")
    next_page(qtbot, progressive)
    assert not progressive.details_page.interlace_box.isVisible()


def test_ordering_nothing_warns_before_finishing(qtbot, make_wizard):
    wizard = make_wizard(source=MP4_SD)
    choose_goal(qtbot, wizard, None)  # every setting myself, and then none set
    next_page(qtbot, wizard)
    details = wizard.details_page
    assert details.advanced_check.isChecked()
    assert details.nothing_label.isVisible() and "this changes nothing" in details.nothing_label.text()
    choose(qtbot, wizard, "mediaContainerCodec.container", Container.MP4)  # what it already is
    go_to(qtbot, wizard, "summary")
    summary = wizard.summary
    assert summary.nothing_label.isVisible() and "same video" in summary.nothing_label.text()
    assert not finish_enabled(wizard)  # warned: finishing needs a second thought
    click(qtbot, summary.anyway_check)
    assert finish_enabled(wizard)
    click(qtbot, summary.anyway_check)
    for _ in range(6):  # back to the output format page, and ask for something
        click(qtbot, wizard.button(QWizard.WizardButton.BackButton))
        if wizard.currentPage().objectName() == "page_output":
            break
    choose(qtbot, wizard, "mediaContainerCodec.container", Container.MOV)
    assert not details.nothing_label.isVisibleTo(details)
    go_to(qtbot, wizard, "summary")
    assert not summary.nothing_label.isVisible() and finish_enabled(wizard)
    assert "File: QuickTime (.mov) file" in summary.result_text()
