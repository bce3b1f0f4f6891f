"""Settings → Account when the keyring refuses (locked, its unlock prompt dismissed, its service
gone): the page says so plainly and offers "this session only" instead of claiming "Saved in …".
On the built-in sandbox, opening Settings does not touch the keyring at all."""

from __future__ import annotations

import keyring
import pytest
from PySide6.QtCore import QPoint, Qt

from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD
from pixop_desktop.settings import PRODUCTION_SERVER, Settings, load_settings, save_settings, settings_path
from pixop_desktop.ui.settings import credential_store_for
from tests.fixtures.failing_keyring import LockedKeyring, UnavailableKeyring
from tests.gui.account_fixtures import fresh_session_stores  # noqa: F401  (fixture)

LEFT = Qt.MouseButton.LeftButton
PROBLEM = "is locked or not available"


@pytest.fixture(params=[LockedKeyring, UnavailableKeyring])
def refusing_keyring(request):
    before = keyring.get_keyring()
    backend = request.param()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


def tick(qtbot, check) -> None:
    qtbot.mouseClick(check, LEFT, pos=QPoint(8, check.height() // 2))


def test_a_refused_keyring_is_said_plainly_and_this_session_only_is_offered(qtbot, open_dialog, refusing_keyring):
    settings = Settings(first_run_done=True)
    save_settings(settings)
    dialog = open_dialog(settings)
    form = dialog.account_page.form
    qtbot.waitUntil(lambda: PROBLEM in form.keyring_label.text(), timeout=5_000)
    assert refusing_keyring.calls >= 1
    assert "Saved in" not in form.keyring_label.text()
    assert "your system keyring" in form.keyring_label.text()
    assert form.session_only_check.isVisible() and not form.session_only_check.isChecked()

    qtbot.keyClicks(form.email_edit, DEFAULT_EMAIL)
    qtbot.keyClicks(form.password_edit, DEFAULT_PASSWORD)
    tick(qtbot, form.session_only_check)
    qtbot.mouseClick(dialog.apply_button, LEFT)
    assert not dialog.error_banner.isVisible(), dialog.error_banner.message_label.text()
    assert credential_store_for(PRODUCTION_SERVER).load().password == DEFAULT_PASSWORD
    assert "session only" in form.keyring_label.text()
    assert DEFAULT_PASSWORD not in settings_path().read_text()


def test_on_the_sandbox_opening_settings_leaves_the_keyring_alone(qtbot, open_dialog):
    backend = LockedKeyring()
    before = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        settings = Settings(first_run_done=True, use_builtin_sandbox=True)
        save_settings(settings)
        dialog = open_dialog(settings)
        page, form = dialog.account_page, dialog.account_page.form
        page.wait()
        assert backend.calls == 0
        assert PROBLEM not in form.keyring_label.text()
        dialog.show_page(dialog.transfers_page)
        qtbot.mouseClick(dialog.apply_button, LEFT)  # e.g. only the bandwidth changed
        assert backend.calls == 0 and not dialog.error_banner.isVisible()

        # Choosing an account here is what first touches the keyring; its refusal is told.
        dialog.show_page(page)
        qtbot.keyClicks(form.email_edit, DEFAULT_EMAIL)
        qtbot.keyClicks(form.password_edit, DEFAULT_PASSWORD)
        qtbot.mouseClick(dialog.apply_button, LEFT)
        assert backend.calls >= 1
        assert dialog.error_banner.title_label.text() == "Keyring is locked"
        assert PROBLEM in form.keyring_label.text() and form.session_only_check.isVisible()
        assert load_settings().use_builtin_sandbox  # nothing saved while a page refused
        tick(qtbot, form.session_only_check)
        qtbot.mouseClick(dialog.apply_button, LEFT)
        assert not dialog.error_banner.isVisible(), dialog.error_banner.message_label.text()
        assert not load_settings().use_builtin_sandbox
    finally:
        keyring.set_keyring(before)
