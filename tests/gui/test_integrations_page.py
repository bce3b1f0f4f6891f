"""Settings → Integrations: Mimir set up / renew / remove against the sandbox, each refusal shown."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from pixop_desktop.api import PixopClient
from pixop_desktop.imports.mimir_store import MimirRecord, MimirSecretStore, save_record
from pixop_desktop.sandbox import DEFAULT_API_KEY
from pixop_desktop.ui.settings.integrations_page import IntegrationsPage
from tests.fixtures.memory_keyring import MemoryKeyring


@pytest.fixture
def client(sandbox):
    with PixopClient(sandbox.url, api_key=DEFAULT_API_KEY, sleep=lambda s: None) as c:
        yield c


@pytest.fixture
def memory():
    return MemoryKeyring()


@pytest.fixture
def make_page(qtbot, sandbox, client, memory):
    pages = []

    def make(team_id=None):
        store = MimirSecretStore(sandbox.url, backend=memory, environ={})
        page = IntegrationsPage(sandbox.url, lambda: client, store=store, team_id=team_id)
        qtbot.addWidget(page)
        qtbot.waitUntil(lambda: not page.busy, timeout=10000)
        pages.append(page)
        return page

    yield make
    for page in pages:
        qtbot.waitUntil(lambda: not page.busy, timeout=10000)


def _fill(qtbot, page, key="mimir-key-1", tenant="tenant-g"):
    page.key_edit.clear()
    qtbot.keyClicks(page.key_edit, key)
    page.tenant_edit.clear()
    qtbot.keyClicks(page.tenant_edit, tenant)


def _click(qtbot, page, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=10000)


def test_key_is_a_password_field_and_buttons_wait_for_both_fields(qtbot, make_page):
    page = make_page()
    assert page.key_edit.echoMode() is QLineEdit.EchoMode.Password
    assert not page.setup_button.isEnabled() and not page.remove_button.isEnabled()
    _fill(qtbot, page)
    assert page.setup_button.isEnabled() and page.remove_button.isEnabled()
    assert page.days_spin.value() == 90 and (page.days_spin.minimum(), page.days_spin.maximum()) == (1, 3650)


def test_setup_shows_expiry_and_manual_steps_and_keeps_secrets_in_the_keyring(qtbot, make_page, sandbox, memory):
    page = make_page()
    _fill(qtbot, page)
    page.configurations_edit.setText("pc-hd-upscale, pc-denoise")
    _click(qtbot, page, page.setup_button)
    text = page.result_label.text()
    assert "connected to the Mimir tenant tenant-g" in text and "expires on" in text
    assert "Still to do by hand in Mimir:" in text and "Custom actions" in text
    assert page.error_label.isHidden() and page.reminder_label.isHidden()
    assert sandbox.ctx.store.mimir["tenant-g"]["processingConfigurationIds"] == ["pc-hd-upscale", "pc-denoise"]
    service = "Pixop Desktop Mimir: " + sandbox.url
    assert memory.entries[(service, "mimir-api-key")] == "mimir-key-1"
    assert "saved in" in page.storage_label.text()
    again = make_page()  # a new page (next app start) finds them
    assert (again.key_edit.text(), again.tenant_edit.text()) == ("mimir-key-1", "tenant-g")


def test_update_with_short_days_to_live_reminds(qtbot, make_page, sandbox):
    page = make_page()
    _fill(qtbot, page)
    _click(qtbot, page, page.setup_button)
    page.days_spin.setValue(5)
    _click(qtbot, page, page.setup_button)
    assert "still connected" in page.result_label.text()
    assert "Renew it now" in page.reminder_label.text() and not page.reminder_label.isHidden()
    assert sandbox.ctx.store.mimir["tenant-g"]["daysToLive"] == 5


def test_unknown_configuration_ids_are_named(qtbot, make_page, sandbox):
    page = make_page()
    _fill(qtbot, page)
    page.configurations_edit.setText("pc-hd-upscale, pc-bogus")
    _click(qtbot, page, page.setup_button)
    assert page.error_label.text() == ("Unknown processing configurations: Pixop has no processing configuration "
                                       "with the id pc-bogus. Check the ids; nothing was changed.")
    assert "tenant-g" not in sandbox.ctx.store.mimir


def test_tenant_of_another_team_is_explained(qtbot, make_page, sandbox):
    other = make_page(team_id=sandbox.state.team_id("Second Team"))
    _fill(qtbot, other)
    _click(qtbot, other, other.setup_button)
    page = make_page()
    _fill(qtbot, page)
    _click(qtbot, page, page.setup_button)
    assert "already connected to another Pixop team" in page.error_label.text()
    assert page.error_label.text().startswith("Tenant connected elsewhere:")


def test_mimir_failure_changes_nothing_and_says_so(qtbot, make_page, sandbox):
    page = make_page()
    _fill(qtbot, page)
    _click(qtbot, page, page.setup_button)
    before = dict(sandbox.ctx.store.mimir["tenant-g"])
    _fill(qtbot, page, key="invalid-key")
    page.days_spin.setValue(300)
    _click(qtbot, page, page.setup_button)
    assert "Mimir could not be set up, so nothing was changed" in page.error_label.text()
    assert sandbox.ctx.store.mimir["tenant-g"] == before


def test_remove_and_nothing_left_to_remove(qtbot, make_page, sandbox, memory):
    page = make_page()
    _fill(qtbot, page)
    _click(qtbot, page, page.setup_button)
    _click(qtbot, page, page.remove_button)
    assert "was removed" in page.result_label.text() and "tenant-g" not in sandbox.ctx.store.mimir
    assert memory.entries == {}, "the saved key and tenant are forgotten"
    _fill(qtbot, page)
    _click(qtbot, page, page.remove_button)
    assert page.error_label.text().startswith("No Mimir integration:")


def test_reminder_on_open_when_the_recorded_expiry_is_near(qtbot, sandbox, make_page):
    soon = datetime.now(timezone.utc) + timedelta(days=3, hours=2)
    save_record(MimirRecord(sandbox.url, soon.isoformat(), 90))
    page = make_page()
    assert "expires in 3 days" in page.reminder_label.text() and not page.reminder_label.isHidden()
    assert "expires on" in page.result_label.text()


def test_every_control_has_an_accessible_name(make_page):
    from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QPushButton

    page = make_page()
    for kind in (QLineEdit, QCheckBox, QPushButton, QAbstractSpinBox):
        for widget in page.findChildren(kind):
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QAbstractSpinBox):
                continue
            assert widget.accessibleName(), widget
