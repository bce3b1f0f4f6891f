"""The first run, driven as a person would: sandbox with sample videos, or a server with an account."""

from __future__ import annotations

import contextlib
import json

import pytest
from PySide6.QtCore import QPoint, Qt

from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD
from pixop_desktop.settings import load_settings, settings_path
from pixop_desktop.transfer.probe import LocalMedia, preflight
from pixop_desktop.ui.app.start import needs_welcome, open_main_window
from pixop_desktop.ui.settings.account_form import credential_store_for
from pixop_desktop.ui.app.welcome import WelcomeDialog
from tests.gui.account_fixtures import fresh_session_stores, no_keyring  # noqa: F401  (fixtures)

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def welcome(qtbot):
    def make(prefer_sandbox=True):
        dialog = WelcomeDialog(load_settings(), prefer_sandbox=prefer_sandbox)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog
    return make


def choose_custom_server(qtbot, dialog, url, email, password):
    qtbot.mouseClick(dialog.account_radio, LEFT)
    form = dialog.account_form
    form.server_combo.setFocus()
    form.server_combo.setCurrentIndex(form.server_combo.findText("Custom server"))
    form.url_edit.clear()
    qtbot.keyClicks(form.url_edit, url)
    qtbot.keyClicks(form.email_edit, email)
    qtbot.keyClicks(form.password_edit, password)
    return form


def test_a_fresh_install_starts_with_the_welcome_and_the_sandbox_chosen(welcome):
    assert needs_welcome(load_settings(), None)
    assert not needs_welcome(load_settings(), "https://api.pixop.com")
    dialog = welcome()
    assert dialog.sandbox_radio.isChecked() and dialog.pages.currentIndex() == 0
    assert DEFAULT_EMAIL in dialog.pages.currentWidget().findChildren(type(dialog.error_banner.title_label))[0].text()


def test_sandbox_path_makes_samples_and_opens_a_connected_main_window(qtbot, welcome):
    dialog = welcome()
    qtbot.mouseClick(dialog.samples.make_button, LEFT)
    qtbot.waitUntil(lambda: len(dialog.samples.made) == 3, timeout=30_000)
    for path in dialog.samples.made:
        assert isinstance(preflight(path), LocalMedia)  # real videos the person can drop
    assert dialog.samples.open_button.isEnabled()
    qtbot.mouseClick(dialog.start_button, LEFT)  # Next: what should Pixop do?
    assert dialog.outcome.isVisible() and dialog.back_button.isVisible()
    qtbot.mouseClick(dialog.start_button, LEFT)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = load_settings()
    assert saved.first_run_done and saved.use_builtin_sandbox and not needs_welcome(saved, None)

    with contextlib.ExitStack() as stack:
        window = open_main_window(stack, saved)
        qtbot.addWidget(window)
        window.show()
        try:
            qtbot.waitUntil(lambda: DEFAULT_EMAIL in window.account_bar.user_label.text(), timeout=15_000)
            assert "Sandbox" in window.account_bar.server_label.text()
        finally:
            window.shutdown()


def test_custom_server_test_connection_then_start_saves_for_the_session(qtbot, welcome, sandbox, no_keyring):
    dialog = welcome(prefer_sandbox=False)
    assert dialog.account_radio.isChecked()
    form = choose_custom_server(qtbot, dialog, sandbox.url, DEFAULT_EMAIL, DEFAULT_PASSWORD)
    qtbot.mouseClick(form.test_button, LEFT)
    qtbot.waitUntil(lambda: "Connected as" in form.result_label.text(), timeout=15_000)
    assert "Demo Team" in form.result_label.text()

    qtbot.mouseClick(dialog.start_button, LEFT)  # no keyring here: say so plainly, stay open
    assert dialog.isVisible() and dialog.error_banner.isVisible()
    assert dialog.error_banner.title_label.text() == "No keyring"
    assert form.session_only_check.isVisible()
    qtbot.mouseClick(form.session_only_check, LEFT, pos=QPoint(8, form.session_only_check.height() // 2))
    assert form.session_only_check.isChecked()
    qtbot.mouseClick(dialog.start_button, LEFT)
    assert not dialog.error_banner.isVisible(), dialog.error_banner.message_label.text()
    assert dialog.outcome.isVisible()
    qtbot.mouseClick(dialog.start_button, LEFT)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = load_settings()
    assert saved.server == sandbox.url and saved.email == DEFAULT_EMAIL and not saved.use_builtin_sandbox
    assert saved.team_id  # the team the test found
    assert credential_store_for(sandbox.url).load().password == DEFAULT_PASSWORD
    text = settings_path().read_text()
    assert DEFAULT_PASSWORD not in text and "password" not in json.loads(text)


def test_wrong_password_gets_a_plain_message(qtbot, welcome, sandbox):
    dialog = welcome(prefer_sandbox=False)
    form = choose_custom_server(qtbot, dialog, sandbox.url, DEFAULT_EMAIL, "not-the-password")
    qtbot.mouseClick(form.test_button, LEFT)
    qtbot.waitUntil(lambda: form.test_button.isEnabled() and "Connecting" not in form.result_label.text(),
                    timeout=15_000)
    message = form.result_label.text()
    assert message and "Traceback" not in message and "not-the-password" not in message
    assert "password" in message.lower()
    # The person is in the welcome and has never seen Settings: the fix is right here.
    assert "Settings" not in message and "Type them again above" in message


def test_plain_http_to_another_computer_is_refused(qtbot, welcome):
    dialog = welcome(prefer_sandbox=False)
    form = choose_custom_server(qtbot, dialog, "http://pixop.example.org", "ana@example.com", "pw-12345")
    qtbot.mouseClick(form.test_button, LEFT)
    assert "Insecure server address" in form.result_label.text()
    qtbot.mouseClick(dialog.start_button, LEFT)
    assert dialog.isVisible() and dialog.error_banner.title_label.text() == "Insecure server address"
    assert not settings_path().exists()


def test_enter_means_start_even_with_a_sample_button_focused(qtbot, welcome):
    dialog = welcome()
    dialog.samples.make_button.setFocus()
    qtbot.keyClick(dialog.samples.make_button, Qt.Key.Key_Return)
    assert dialog.outcome.isVisible() and dialog.samples.made == []
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.samples.made == []
    assert load_settings().after_upload == "preset:Upscale SD to HD (Super Resolution)"  # the recommended one


def test_a_locked_keyring_in_the_welcome_points_at_the_welcome(qtbot, welcome, sandbox):
    import keyring

    from tests.fixtures.failing_keyring import LockedKeyring

    before = keyring.get_keyring()
    keyring.set_keyring(LockedKeyring())
    try:
        dialog = welcome(prefer_sandbox=False)
        form = choose_custom_server(qtbot, dialog, sandbox.url, DEFAULT_EMAIL, DEFAULT_PASSWORD)
        qtbot.mouseClick(dialog.start_button, LEFT)  # Next: the keyring refuses to keep the password
        text = form.keyring_label.text()
        assert "is locked or not available" in text and "press Next again" in text and "Settings" not in text
    finally:
        keyring.set_keyring(before)
