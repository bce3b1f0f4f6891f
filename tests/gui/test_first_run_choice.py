"""The first run's "What should Pixop do with your videos?", and "After upload" remembering it."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from pixop_desktop.settings import RECOMMENDED_PRESET, Settings, load_settings, save_settings
from pixop_desktop.ui.app.outcome_choice import OUTCOMES
from pixop_desktop.ui.app.start import open_main_window
from pixop_desktop.ui.app.welcome import WelcomeDialog
from tests.gui.test_accessibility import mnemonic_clashes, problems

TAPE = "preset:Restore interlaced SD tape"


def test_the_choice_has_pictures_the_recommended_one_first_and_a_keyboard_path(qtbot):
    dialog = WelcomeDialog(load_settings())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # arrow keys move from the focused button
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)  # Next
    outcome = dialog.outcome
    assert outcome.isVisible() and dialog.start_button.text() == "&Start"
    assert outcome.value() == "preset:" + RECOMMENDED_PRESET
    assert dialog.focusWidget() is outcome.radios[outcome.value()]  # Enter starts, arrows move
    assert [o.value for o in OUTCOMES] == [outcome.value(), TAPE, "nothing", "choose"]
    pictures = [label for label in outcome.findChildren(QLabel) if label.pixmap() and not label.pixmap().isNull()]
    assert len(pictures) == 6 and all(p.accessibleName() for p in pictures)  # before and after, three times
    # Qt's own rule for a radio group: Tab reaches the checked one, arrows the others (checked next).
    arrow_reached = {f"no keyboard focus: QRadioButton '' {r.text()!r}" for r in outcome.radios.values()}
    assert set(problems(dialog)) <= arrow_reached and mnemonic_clashes(dialog) == []

    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Down)  # arrows move between the outcomes
    assert outcome.value() == TAPE
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.sandbox_radio.isVisible()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert outcome.value() == TAPE  # going back keeps the choice
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    saved = load_settings()
    assert saved.after_upload == TAPE and saved.first_run_done


def test_after_upload_starts_from_the_saved_choice_and_remembers_a_change(qtbot, tmp_path):
    save_settings(Settings(first_run_done=True, use_builtin_sandbox=True, after_upload=TAPE))
    with contextlib.ExitStack() as stack:
        window = open_main_window(stack, load_settings())
        window.ask_before_closing = False
        qtbot.addWidget(window)
        window.show()
        panel = window.intake_panel
        try:
            assert panel.choice() == TAPE  # the presets are listed at once: no "Nothing" in between
            assert panel.results_label.isVisible()
            assert panel.results_label.toolTip() == load_settings().download_folder
            index = panel.after_upload.findData("nothing")
            panel.after_upload.setCurrentIndex(index)
            panel.after_upload.activated.emit(index)  # as a person's pick in the list
            assert load_settings().after_upload == "nothing"
            assert "nothing comes back" in panel.results_label.full_text
            changed = window.settings.model_copy(update={"download_folder": str(tmp_path / "Elsewhere")})
            window.extras._settings_applied(changed)  # as Settings → Transfers → OK
            assert panel.results_label.toolTip() == str(tmp_path / "Elsewhere")
        finally:
            window.shutdown()
    with contextlib.ExitStack() as stack:  # the next launch
        window = open_main_window(stack, load_settings())
        window.ask_before_closing = False
        qtbot.addWidget(window)
        try:
            assert window.intake_panel.choice() == "nothing"
        finally:
            window.shutdown()


def test_an_existing_user_keeps_upload_only_and_sees_no_welcome(tmp_path):
    """Settings of version 2 (before "After upload" was remembered): what they saw at each launch."""
    import json

    from pixop_desktop.settings import settings_path

    settings_path().write_text(json.dumps({"schema_version": 2, "first_run_done": True}))
    loaded = load_settings()
    assert loaded.after_upload == "nothing" and loaded.first_run_done


def test_each_outcome_is_a_built_in_preset_both_readings_of_pixop_accept():
    """The app's rules (processing/) built the preset; the sandbox's own table must take it too."""
    from pixop_desktop.presets import get_preset
    from pixop_desktop.sandbox.processing_check import problems as sandbox_problems

    presets = [o.value.removeprefix("preset:") for o in OUTCOMES if o.value.startswith("preset:")]
    assert presets[0] == RECOMMENDED_PRESET and len(presets) == 2
    for name in presets:
        preset = get_preset(name)
        assert preset.built_in
        assert sandbox_problems(preset.request.to_json()) == [], name
