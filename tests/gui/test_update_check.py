"""The window's update check (Settings → Updates) against a real signed repository over loopback.

The app under test is a stand-in install (tests/packaging/update_repo.py: a launcher and a VERSION
file) so no PyInstaller bundle is needed; the check, the download, the verification and the
staging are the app's own (pixop_desktop/updates through ui/app/update_check.UpdateCheck).
"""

from __future__ import annotations

import shutil

import pytest

from pixop_desktop.settings import UpdateMode, load_settings
from pixop_desktop.ui.app.update_check import UpdateCheck
from pixop_desktop.ui.settings import SettingsDialog
from pixop_desktop.updates.client import Updater
from pixop_desktop.updates.install import state_dir
from pixop_desktop.updates.pending import pending_update
from tests.gui.queue_window import open_main_window
from tests.packaging.update_repo import Server, make_stand_in, release

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def published(tmp_path):
    keys, repo = tmp_path / "keys", tmp_path / "repo"
    root = shutil.copy2(release.create_keys(keys, repo, ship_root=None), tmp_path / "shipped-root.json")
    release.publish(make_stand_in(tmp_path / "build-2.0.0", "2.0.0"), "2.0.0", keys, repo)
    app = make_stand_in(tmp_path / "installed" / "app", "1.0.0")
    server = Server(repo)
    yield lambda: Updater(server.url, install_folder=app, version="1.0.0", state_dir=state_dir(),
                          trusted_root=root), repo
    server.close()


def _check(qtbot, sandbox, factory, mode: UpdateMode):
    window = open_main_window(qtbot, sandbox)
    window.settings = window.settings.model_copy(update={"updates": mode})
    check = UpdateCheck(window, window.extras.tray, updater_factory=factory, first_ms=0)
    told = []
    check.told.connect(told.append)
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    check.shutdown()
    return window, told[0]


def test_install_mode_downloads_verifies_and_stages_for_the_next_start(qtbot, sandbox, published):
    factory, _repo = published
    window, text = _check(qtbot, sandbox, factory, UpdateMode.INSTALL)
    assert text == "Pixop Desktop 2.0.0 is ready: it is installed the next time you start the app."
    assert text in window.statusBar().currentMessage()
    assert pending_update(state_dir()).version == "2.0.0"


def test_notify_mode_only_tells(qtbot, sandbox, published):
    factory, _repo = published
    _window, text = _check(qtbot, sandbox, factory, UpdateMode.NOTIFY)
    assert text.startswith("Pixop Desktop 2.0.0 is available (you have 1.0.0).")
    assert pending_update(state_dir()) is None


def test_a_damaged_update_is_refused_in_the_status_bar(qtbot, sandbox, published):
    factory, repo = published
    archive = next((repo / "targets").glob("*2.0.0.tar.gz"))
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same length, different content
    archive.write_bytes(bytes(data))
    window, text = _check(qtbot, sandbox, factory, UpdateMode.INSTALL)
    assert "does not match its signed description" in text
    assert window.statusBar().currentMessage().startswith("Update not installed — ")
    assert pending_update(state_dir()) is None


def test_off_never_asks(qtbot, sandbox, published):
    factory, _repo = published
    window = open_main_window(qtbot, sandbox)
    window.settings = window.settings.model_copy(update={"updates": UpdateMode.OFF})
    check = UpdateCheck(window, updater_factory=factory, first_ms=0)
    check.check_if_due()
    assert not check.tasks.asked("update")
    check.shutdown()


def test_settings_page_saves_the_choice_and_refuses_plain_http(qtbot, app_home):
    dialog = SettingsDialog(load_settings())
    qtbot.addWidget(dialog)
    page = dialog.updates_page
    page.mode_combo.setCurrentIndex(page.mode_combo.findData(UpdateMode.INSTALL))
    page.url_edit.setText("http://updates.example.com/pixop")
    assert not dialog.apply()
    assert "https://" in dialog.error_banner.message_label.text()
    page.url_edit.setText("https://updates.example.com/pixop")
    assert dialog.apply()
    saved = load_settings()
    assert (saved.updates, saved.update_url) == (UpdateMode.INSTALL, "https://updates.example.com/pixop")


def test_an_unreachable_server_is_a_status_line_not_an_alarm(qtbot, sandbox, published, tmp_path):
    factory, _repo = published
    updater = factory()
    updater.url = "http://127.0.0.1:9"  # the discard port: nothing listens
    notes = []
    window = open_main_window(qtbot, sandbox)
    window.extras.tray.notified.connect(notes.append)
    check = UpdateCheck(window, window.extras.tray, updater_factory=lambda: updater, first_ms=0)
    told = []
    check.told.connect(told.append)
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    check.shutdown()
    assert told[0].startswith("Could not reach the update server at http://127.0.0.1:9.")
    assert "Update not installed — Could not reach" in window.statusBar().currentMessage()
    assert notes == []
