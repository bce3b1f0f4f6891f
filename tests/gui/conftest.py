"""Fixtures shared by the GUI tests: the settings dialog and the details panel, each closed cleanly."""

from __future__ import annotations

import pytest

from pixop_desktop.jobs.store import JobStore
from pixop_desktop.settings import load_settings
from pixop_desktop.ui.queue.details_panel import DetailsPanel
from pixop_desktop.ui.settings import SettingsDialog


@pytest.fixture
def open_dialog(qtbot):
    """``open_dialog(settings=None, **kwargs)``: a shown SettingsDialog (the saved settings by default);
    each one's account page has finished its background work before the test ends."""
    dialogs = []

    def make(settings=None, **kwargs):
        dialog = SettingsDialog(settings or load_settings(), **kwargs)
        qtbot.addWidget(dialog)
        dialog.show()
        dialogs.append(dialog)
        return dialog

    yield make
    for dialog in dialogs:
        dialog.account_page.wait()


@pytest.fixture
def panel(qtbot, tmp_path):
    """A DetailsPanel on an empty store of its own."""
    with JobStore(tmp_path / "queue.sqlite3") as store:
        panel = DetailsPanel(store)
        qtbot.addWidget(panel)
        yield panel
        panel.shutdown()
