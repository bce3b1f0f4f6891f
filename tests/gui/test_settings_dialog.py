"""Settings, driven as a person would: the real OS keyring, no secret in the file, live bandwidth limit."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt

from pixop_desktop.credentials import CredentialStore
from pixop_desktop.sandbox import DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_PASSWORD
from pixop_desktop.settings import AfterDownload, Settings, load_settings, save_settings, settings_path
from pixop_desktop.transfer.throttle import default_limiter
from pixop_desktop.ui.settings import credential_store_for
from tests.gui.account_fixtures import fresh_session_stores, needs_keyring, no_keyring  # noqa: F401

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def unlimited_afterwards():
    yield
    default_limiter().set_rate(0)


def retype(qtbot, edit, text):
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def sandbox_settings(sandbox) -> Settings:
    settings = Settings(server=sandbox.url, server_kind="custom", first_run_done=True)
    save_settings(settings)
    return settings


@pytest.mark.keyring
@needs_keyring
def test_secrets_round_trip_through_the_real_keyring_and_never_reach_the_file(qtbot, open_dialog, sandbox):
    store = CredentialStore(sandbox.url)
    try:
        dialog = open_dialog(sandbox_settings(sandbox))
        form = dialog.account_page.form
        assert form.keyring_label.text() == "Saved in: your system keyring (Secret Service)"
        assert not form.session_only_check.isVisible()
        qtbot.keyClicks(form.email_edit, DEFAULT_EMAIL)
        qtbot.keyClicks(form.password_edit, DEFAULT_PASSWORD)
        qtbot.keyClicks(form.api_key_edit, DEFAULT_API_KEY)
        qtbot.mouseClick(dialog.apply_button, LEFT)
        assert not dialog.error_banner.isVisible(), dialog.error_banner.message_label.text()

        loaded = CredentialStore(sandbox.url).load()  # a new store reads the OS keyring itself
        assert (loaded.email, loaded.password, loaded.api_key) == (DEFAULT_EMAIL, DEFAULT_PASSWORD, DEFAULT_API_KEY)
        assert loaded.source.value == "keyring"
        text = settings_path().read_text()
        assert DEFAULT_PASSWORD not in text and DEFAULT_API_KEY not in text
        assert json.loads(text)["email"] == DEFAULT_EMAIL

        # Opened again: the secrets stay in the keyring, the fields say so, and they are used.
        again = open_dialog()
        form = again.account_page.form
        qtbot.waitUntil(lambda: form.password_edit.placeholderText() == "Saved — type to change", timeout=10_000)
        assert form.password_edit.text() == ""
        qtbot.mouseClick(form.test_button, LEFT)
        qtbot.waitUntil(lambda: "Connected as" in form.result_label.text(), timeout=15_000)
        combo = again.account_page.team_combo
        assert combo.isEnabled() and [combo.itemText(i) for i in range(combo.count())] == ["Demo Team", "Second Team"]
        combo.setCurrentIndex(1)
        qtbot.mouseClick(again.ok_button, LEFT)
        assert load_settings().team_id == combo.itemData(1)
    finally:
        store.delete()


def test_without_a_keyring_it_says_so_and_offers_this_session_only(qtbot, open_dialog, sandbox, no_keyring):
    dialog = open_dialog(sandbox_settings(sandbox))
    form = dialog.account_page.form
    assert "no keyring" in form.keyring_label.text() and form.session_only_check.isVisible()
    qtbot.keyClicks(form.email_edit, DEFAULT_EMAIL)
    qtbot.keyClicks(form.password_edit, DEFAULT_PASSWORD)
    qtbot.mouseClick(dialog.apply_button, LEFT)
    assert dialog.error_banner.title_label.text() == "No keyring"
    assert load_settings().email == ""  # nothing saved while a page refused
    qtbot.mouseClick(form.session_only_check, LEFT, pos=QPoint(8, form.session_only_check.height() // 2))
    qtbot.mouseClick(dialog.apply_button, LEFT)
    assert not dialog.error_banner.isVisible()
    assert credential_store_for(sandbox.url).load().password == DEFAULT_PASSWORD
    assert "session only" in form.keyring_label.text()
    assert DEFAULT_PASSWORD not in settings_path().read_text()


def test_bandwidth_limit_is_applied_live_on_apply(qtbot, open_dialog, unlimited_afterwards):
    dialog = open_dialog()
    dialog.show_page(dialog.transfers_page)
    spin = dialog.transfers_page.bandwidth_spin
    assert spin.text() == "No limit" and default_limiter().rate == 0
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "8")
    received = []
    dialog.applied.connect(received.append)
    qtbot.mouseClick(dialog.apply_button, LEFT)
    assert default_limiter().rate == 1_000_000  # 8 Mbit/s
    assert load_settings().bandwidth_limit_mbps == 8.0 and received[0].bandwidth_limit_mbps == 8.0


@pytest.fixture
def default_connections_afterwards():
    from pixop_desktop.transfer.segments import DEFAULT_CONNECTIONS, set_default_connections

    yield
    set_default_connections(DEFAULT_CONNECTIONS)


def test_connections_per_download_are_saved_and_applied(qtbot, open_dialog, default_connections_afterwards):
    from pixop_desktop.transfer.segments import default_connections

    dialog = open_dialog()
    dialog.show_page(dialog.transfers_page)
    spin = dialog.transfers_page.connections_spin
    assert spin.value() == 4 and spin.maximum() == 16 and spin.accessibleName()
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "8")
    qtbot.mouseClick(dialog.apply_button, LEFT)
    assert load_settings().download_connections == 8 and default_connections() == 8


def test_file_name_template_is_checked_while_typing(qtbot, open_dialog):
    dialog = open_dialog()
    page = dialog.transfers_page
    dialog.show_page(page)
    assert "interview_pixop.mp4" in page.template_hint.text()
    retype(qtbot, page.template_edit, "{stem}_{oops}")
    assert "{oops} is not a placeholder" in page.template_hint.text()
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.isVisible() and dialog.error_banner.title_label.text() == "File name template"
    assert not settings_path().exists()
    retype(qtbot, page.template_edit, "{date}_{stem}_{width}p")
    assert "_interview_1920p.mp4" in page.template_hint.text()
    page.after_combo.setCurrentIndex(page.after_combo.findData(AfterDownload.MOVE_SOURCE))
    assert page.done_edit.isEnabled()
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.error_banner.title_label.text() == "Done folder"
    qtbot.keyClicks(page.done_edit, "/tmp/done")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert not dialog.isVisible()
    saved = load_settings()
    assert saved.file_name_template == "{date}_{stem}_{width}p" and saved.after_download is AfterDownload.MOVE_SOURCE


def test_notifications_round_trip(qtbot, open_dialog):
    dialog = open_dialog()
    page = dialog.notifications_page
    dialog.show_page(page)
    assert page.when_done_check.isChecked() and not page.sound_check.isChecked()
    page.when_done_check.setFocus()
    qtbot.keyClick(page.when_done_check, Qt.Key.Key_Space)
    qtbot.mouseClick(page.sound_check, LEFT, pos=QPoint(8, page.sound_check.height() // 2))
    qtbot.mouseClick(dialog.ok_button, LEFT)
    saved = load_settings()
    assert not saved.notify_when_done and saved.notify_sound and saved.notify_on_failure


def test_another_page_can_be_added_and_every_control_is_named(qtbot, open_dialog):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QWidget

    class ExtraPage(QWidget):
        title = "&Integrations"
        loaded = None

        def load(self, settings):
            self.loaded = settings

        def apply(self, settings):
            settings.language = "da"

    dialog = open_dialog()
    extra = dialog.add_page(ExtraPage())
    assert extra.loaded is not None and dialog.tabs.tabText(dialog.tabs.indexOf(extra)) == "&Integrations"
    qtbot.mouseClick(dialog.apply_button, LEFT)
    assert load_settings().language == "da"
    controls = [w for kind in (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox)
                for w in dialog.findChildren(kind)
                if not isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox))]
    unnamed = [type(w).__name__ + ":" + (getattr(w, "text", lambda: "")() or "") for w in controls
               if not w.accessibleName() and not (isinstance(w, QAbstractButton) and w.text())]
    assert not unnamed
