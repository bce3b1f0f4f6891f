"""The first window against a real sandbox: who we are, the team switcher, projects and videos."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pixop_desktop.api.client import PixopClient
from pixop_desktop.services.connection import ServerChoice
from pixop_desktop.credentials import CredentialSource, Credentials
from pixop_desktop.sandbox import DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_PASSWORD
from pixop_desktop.settings import ServerKind
from pixop_desktop.ui.app.start import create_application
from pixop_desktop.ui.window.main_window import MainWindow

DEMO = Credentials(DEFAULT_EMAIL, DEFAULT_PASSWORD, DEFAULT_API_KEY, CredentialSource.SESSION)


def demo_credentials() -> Credentials:
    return DEMO


@pytest.fixture
def open_window(qtbot, sandbox):
    windows = []

    def make(load_credentials=demo_credentials, remember_team=None):
        window = MainWindow(ServerChoice(sandbox.url, ServerKind.SANDBOX), load_credentials,
                            remember_team=remember_team)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.shutdown()


def test_application_is_named_and_has_an_icon(qapp):
    app = create_application()
    assert app is qapp
    assert app.applicationName() == "Pixop Desktop" and app.organizationName() == "Pixop"
    assert not app.windowIcon().isNull()


def test_window_shows_server_user_team_and_projects(qtbot, open_window, sandbox):
    window = open_window()
    bar = window.account_bar
    assert sandbox.url in bar.server_label.text()
    assert "Sandbox" in bar.server_label.text()
    qtbot.waitUntil(lambda: bar.current_team_name() == "Demo Team", timeout=10_000)
    assert DEFAULT_EMAIL in bar.user_label.text()
    teams = [bar.team_combo.itemText(i) for i in range(bar.team_combo.count())]
    assert teams == ["Demo Team", "Second Team"]
    assert bar.team_combo.isEnabled()
    names = [window.library.projects.item(i).text() for i in range(window.library.projects.count())]
    assert names[0] == "All videos" and "Default project" in names
    assert not window.error_banner.isVisible()


def test_videos_of_the_selected_project_are_listed(qtbot, open_window, sandbox):
    with PixopClient(sandbox.url, email=DEFAULT_EMAIL, password=DEFAULT_PASSWORD) as client:
        project = client.videos.create_project("Archive reels")
        client.videos.create(name="Reel 7", project_id=project.id)
        client.videos.create(name="Elsewhere")
    window = open_window()
    projects = window.library.projects
    qtbot.waitUntil(lambda: projects.count() >= 3, timeout=10_000)
    qtbot.waitUntil(lambda: "Reel 7" in window.library.video_names(), timeout=10_000)  # "All videos"
    row = [projects.item(i).text() for i in range(projects.count())].index("Archive reels")
    projects.setFocus()
    projects.setCurrentRow(row)
    qtbot.waitUntil(lambda: window.library.video_names() == ["Reel 7"], timeout=10_000)


def test_switching_team_with_the_keyboard(qtbot, open_window):
    remembered = []
    window = open_window(remember_team=remembered.append)
    combo = window.account_bar.team_combo
    qtbot.waitUntil(lambda: combo.isEnabled() and combo.currentText() == "Demo Team", timeout=10_000)
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: combo.currentText() == "Second Team" and combo.isEnabled()
                    and combo.itemText(1) == "Demo Team", timeout=10_000)
    assert window.client.team_id == combo.currentData()
    assert remembered == [combo.currentData()]


def test_wrong_password_shows_title_and_message(qtbot, open_window):
    window = open_window(lambda: Credentials(DEFAULT_EMAIL, "wrong-password"))
    banner = window.error_banner
    qtbot.waitUntil(banner.isVisible, timeout=10_000)
    assert banner.title_label.text() and banner.message_label.text()
    assert "wrong-password" not in banner.message_label.text()
    assert window.account_bar.user_label.text() == "Not signed in"
    assert window.client is None


def test_missing_credentials_say_how_to_sign_in(qtbot, open_window):
    window = open_window(lambda: Credentials())
    qtbot.waitUntil(window.error_banner.isVisible, timeout=10_000)
    assert window.error_banner.title_label.text() == "Not signed in"
    assert "PIXOP_EMAIL" in window.error_banner.message_label.text()


def test_every_control_has_an_accessible_name(qtbot, open_window):
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QHeaderView

    def inside_a_combo(widget) -> bool:  # a combo's popup list is part of the combo
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QComboBox):
                return True
            parent = parent.parentWidget()
        return False

    window = open_window()
    controls = [w for kind in (QAbstractButton, QComboBox, QAbstractItemView)
                for w in window.findChildren(kind)
                if not isinstance(w, QHeaderView) and not inside_a_combo(w)
                and not w.objectName().startswith("qt_")]
    assert controls
    unnamed = [type(w).__name__ for w in controls if not w.accessibleName()]
    assert not unnamed
