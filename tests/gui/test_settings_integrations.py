"""Settings → Integrations in the main window: the Mimir page set up through the window's connection."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.queue_window import open_main_window

pytestmark = pytest.mark.timeout(60)


def test_settings_has_an_integrations_page_using_the_windows_connection(qtbot, sandbox):
    window = open_main_window(qtbot, sandbox)
    try:
        dialog = window.extras.open_settings()
        qtbot.addWidget(dialog)
        titles = [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())]
        assert "Integrations" in titles
        page = dialog.integrations_page
        dialog.tabs.setCurrentWidget(page)
        qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
        page.key_edit.clear()
        qtbot.keyClicks(page.key_edit, "mimir-key-1")
        page.tenant_edit.clear()
        qtbot.keyClicks(page.tenant_edit, "tenant-window")
        qtbot.mouseClick(page.setup_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
        assert not page.error_label.isVisible(), page.error_label.text()
        assert "tenant-window" in str(sandbox.state.mimir_integrations())
        assert "expire" in page.result_label.text().lower()
        assert dialog.apply()  # OK / Apply with the page in place save the other pages as before
        dialog.reject()
    finally:
        window.shutdown()
