"""The import dialogs, driven as a person would: each refusal inline, OK only when valid."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QPushButton

from pixop_desktop.api import PixopClient
from pixop_desktop.transfer.crc import file_crc32c
from pixop_desktop.imports.params import HttpsImport, S3Import
from pixop_desktop.sandbox import DEFAULT_API_KEY, DEMO_S3_LOCATION_ID
from pixop_desktop.ui.imports import ImportS3Dialog, ImportUrlDialog

PUBLIC = "https://93.184.215.14/media/Match%20Highlights.mxf"


@pytest.fixture
def url_dialog(qtbot):
    dialog = ImportUrlDialog(projects=[("p-1", "Archive")])
    qtbot.addWidget(dialog)
    yield dialog
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)


def _type(qtbot, widget, text: str) -> None:
    widget.clear()
    if text:
        qtbot.keyClicks(widget, text)


def _errors(dialog) -> dict[str, str]:
    return {field: label.text() for field, label in dialog.errors.items() if not label.isHidden()}


@pytest.mark.parametrize("url, words", [
    ("http://example.com/a.mp4", "only from https://"),
    ("https://example.com:8443/a.mp4", "port 443; this URL uses port 8443"),
    ("https:///a.mp4", "no host name"),
    ("https://e.com/" + "x" * 4090, "1 to 4096 characters"),
])
def test_url_shape_refusals_are_inline_and_block_ok(qtbot, url_dialog, url, words):
    url_dialog.url_edit.setText(url)
    assert words in _errors(url_dialog)["url"]
    assert not url_dialog.ok_button.isEnabled()


@pytest.mark.parametrize("url, words", [
    ("https://127.0.0.1/a.mp4", "loopback address (127.0.0.1)"),
    ("https://[::1]/a.mp4", "loopback address (::1)"),
    ("https://10.0.0.1/a.mp4", "private (site-local) address (10.0.0.1)"),
    ("https://[fd00::5]/a.mp4", "private (site-local) address (fd00::5)"),
    ("https://169.254.9.9/a.mp4", "link-local address (169.254.9.9)"),
    ("https://224.1.2.3/a.mp4", "multicast address (224.1.2.3)"),
])
def test_private_addresses_are_refused_on_ok_after_resolving(qtbot, url_dialog, url, words):
    url_dialog.url_edit.setText(url)
    assert url_dialog.ok_button.isEnabled(), "the shape is fine; the address is checked on OK"
    qtbot.mouseClick(url_dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not url_dialog.busy, timeout=10000)
    assert words in _errors(url_dialog)["url"]
    assert url_dialog.params is None and url_dialog.result() == 0
    assert not url_dialog.ok_button.isEnabled(), "until the URL is changed"
    url_dialog.url_edit.setText(PUBLIC)
    assert "url" not in _errors(url_dialog) and url_dialog.ok_button.isEnabled()


@pytest.mark.parametrize("field, text, words", [
    ("name_edit", "n" * 256, "The name must be 1 to 255 characters long (it has 256)"),
    ("file_name_edit", "f" * 256, "The file name must be 1 to 255 characters long"),
    ("description_edit", "d" * 512, "The description must be at most 511 characters long"),
    ("crc_edit", "4294967296", "from 0 to 4294967295"),
    ("crc_edit", "abc", "must be a whole number"),
])
def test_field_refusals_are_inline(qtbot, url_dialog, field, text, words):
    url_dialog.url_edit.setText(PUBLIC)
    widget = getattr(url_dialog, field)
    widget.setPlainText(text) if isinstance(widget, QPlainTextEdit) else widget.setText(text)
    assert any(words in message for message in _errors(url_dialog).values())
    assert not url_dialog.ok_button.isEnabled()


def test_connections_are_limited_to_1_to_20(url_dialog):
    spin = url_dialog.connections_spin
    assert (spin.minimum(), spin.maximum(), spin.value()) == (1, 20, 10)


def test_a_valid_import_returns_its_parameters(qtbot, url_dialog):
    url_dialog.show()
    url_dialog.url_edit.setFocus()
    qtbot.keyClicks(url_dialog.url_edit, PUBLIC)
    assert url_dialog.name_edit.text() == "Match Highlights.mxf", "the name follows the URL's file name"
    _type(qtbot, url_dialog.description_edit, "Cup final")
    url_dialog.project_combo.setCurrentIndex(1)
    url_dialog.ingestion.check.setChecked(True)
    url_dialog.crc_edit.setText("12345")
    url_dialog.connections_spin.setValue(4)
    assert _errors(url_dialog) == {}
    qtbot.mouseClick(url_dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: url_dialog.params is not None, timeout=10000)
    assert url_dialog.params == HttpsImport(PUBLIC, name="Match Highlights.mxf", description="Cup final",
                                            project_id="p-1", full_ingestion=True, crc32c=12345, connections=4)
    assert url_dialog.result() == 1


def test_a_name_typed_by_the_person_is_kept(qtbot, url_dialog):
    qtbot.keyClicks(url_dialog.name_edit, "My name")
    url_dialog.url_edit.setText(PUBLIC)
    assert url_dialog.name_edit.text() == "My name"


def test_crc32c_from_a_local_copy_off_the_gui_thread(qtbot, url_dialog, small_clip):
    url_dialog.url_edit.setText(PUBLIC)
    url_dialog.compute_crc(small_clip)
    assert url_dialog.busy and not url_dialog.ok_button.isEnabled()
    qtbot.waitUntil(lambda: url_dialog.crc_edit.text() != "", timeout=10000)
    assert int(url_dialog.crc_edit.text()) == file_crc32c(small_clip)
    qtbot.waitUntil(lambda: url_dialog.ok_button.isEnabled(), timeout=5000)


def test_every_control_has_an_accessible_name(url_dialog):
    kinds = (QComboBox, QLineEdit, QCheckBox, QPlainTextEdit, QPushButton, QAbstractSpinBox)
    for widget in (w for kind in kinds for w in url_dialog.findChildren(kind)):
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)):
            continue
        if widget in url_dialog.buttons.buttons():
            continue
        assert widget.accessibleName(), widget


# ----- S3 ----------------------------------------------------------------------------------

@pytest.fixture
def api_client(shared_sandbox):
    with PixopClient(shared_sandbox.url, api_key=DEFAULT_API_KEY, sleep=lambda s: None) as client:
        yield client


def _s3_dialog(qtbot, list_locations):
    dialog = ImportS3Dialog(list_locations, projects=[("p-1", "Archive")])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog._task is None, timeout=10000)
    return dialog


def test_s3_dialog_lists_locations_and_derives_names(qtbot, api_client):
    dialog = _s3_dialog(qtbot, lambda: list(api_client.imports.iter_input_locations()))
    assert dialog.location_combo.currentData() == DEMO_S3_LOCATION_ID
    assert "sandbox-demo-bucket" in dialog.location_combo.currentText()
    assert not dialog.ok_button.isEnabled(), "no keys yet"
    dialog.keys_edit.setPlainText("incoming/a.mp4\n\n  incoming/sub/b.mov \n")
    assert dialog.preview.text() == "a.mp4, b.mov"
    dialog.ingestion.check.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.imports == [S3Import(DEMO_S3_LOCATION_ID, "incoming/a.mp4", name="a.mp4", full_ingestion=True),
                              S3Import(DEMO_S3_LOCATION_ID, "incoming/sub/b.mov", name="b.mov",
                                       full_ingestion=True)]


def test_s3_key_refusal_names_the_line_and_the_rule(qtbot, api_client):
    dialog = _s3_dialog(qtbot, lambda: list(api_client.imports.iter_input_locations()))
    dialog.keys_edit.setPlainText("ok.mp4\n" + "k" * 1025)
    assert "Key 2: The object key must be 1 to 1024 characters long (it has 1025)." in dialog.keys_error.text()
    assert not dialog.keys_error.isHidden() and not dialog.ok_button.isEnabled()


def test_s3_listing_failure_is_shown(qtbot, shared_sandbox):
    with PixopClient(shared_sandbox.url, api_key="wrong-key", sleep=lambda s: None) as client:
        dialog = _s3_dialog(qtbot, lambda: list(client.imports.iter_input_locations()))
    assert "Wrong API key" in dialog.location_error.text() and not dialog.location_error.isHidden()
    dialog.keys_edit.setPlainText("a.mp4")
    assert not dialog.ok_button.isEnabled()


def test_s3_team_without_locations(qtbot):
    dialog = _s3_dialog(qtbot, lambda: [])
    assert "no S3 input locations" in dialog.location_combo.currentText()
    assert "administrator" in dialog.location_error.text()


def test_s3_import_from_dialog_reaches_the_sandbox(qtbot, sandbox, small_clip):
    shutil.copy(small_clip, sandbox.s3_folder() / "fromdialog.mp4")
    with PixopClient(sandbox.url, api_key=DEFAULT_API_KEY, sleep=lambda s: None) as client:
        dialog = _s3_dialog(qtbot, lambda: list(client.imports.iter_input_locations()))
        dialog.keys_edit.setPlainText("fromdialog.mp4")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        [wanted] = dialog.imports
        video_id = wanted.start(client)
    assert sandbox.wait_idle(60)
    assert sandbox.state.video(video_id).name == "fromdialog.mp4"


def test_keyboard_order_follows_the_form(url_dialog):
    order, widget = [], url_dialog.url_edit
    wanted = [url_dialog.url_edit, url_dialog.name_edit, url_dialog.project_combo, url_dialog.advanced_button,
              url_dialog.file_name_edit, url_dialog.description_edit, url_dialog.crc_edit, url_dialog.crc_button,
              url_dialog.connections_spin, url_dialog.ingestion.check]
    for _ in range(200):  # the focus chain is a ring: one lap is enough
        if widget in wanted and widget not in order:
            order.append(widget)
        widget = widget.nextInFocusChain()
    assert order == wanted
