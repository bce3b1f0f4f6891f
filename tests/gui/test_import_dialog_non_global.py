"""The URL import dialog refuses a carrier-grade NAT address (100.64.0.0/10) on OK, inline."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pixop_desktop.ui.imports import ImportUrlDialog

PUBLIC = "https://93.184.215.14/media/clip.mxf"


def test_a_shared_address_is_refused_on_ok_after_resolving(qtbot):
    dialog = ImportUrlDialog(projects=[("p-1", "Archive")])
    qtbot.addWidget(dialog)
    dialog.url_edit.setText("https://100.64.0.1/a.mp4")
    assert dialog.ok_button.isEnabled(), "the shape is fine; the address is checked on OK"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    shown = dialog.errors["url"]
    assert not shown.isHidden() and "shared (carrier-grade NAT) address (100.64.0.1)" in shown.text()
    assert dialog.params is None and dialog.result() == 0
    dialog.url_edit.setText(PUBLIC)
    assert shown.isHidden() and dialog.ok_button.isEnabled()
