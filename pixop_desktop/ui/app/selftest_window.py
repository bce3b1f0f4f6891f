"""The self-test's Qt check: the Qt libraries, the platform plugin and the image plugins load.

A frozen bundle that lost a plugin fails here with the plugin's name, instead of
crashing (or showing a blank icon) in front of a person.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QLibraryInfo, qVersion
from PySide6.QtGui import QImageReader
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from pixop_desktop.selftest.report import CheckFailed
from pixop_desktop.ui.app.start import create_application
from pixop_desktop.ui.resources import app_icon

#: Image formats the app needs: PNG (built into QtGui), SVG (the icon, a plugin), ICO (Windows icons).
REQUIRED_FORMATS = ("png", "svg", "ico")


def check_qt() -> str:
    """Start the QApplication, draw a small window off screen and load the app icon."""
    if QCoreApplication.instance() is None:
        _require_platform_plugin()
    app = create_application()
    formats = {bytes(name).decode() for name in QImageReader.supportedImageFormats()}
    missing = [name for name in REQUIRED_FORMATS if name not in formats]
    if missing:
        raise CheckFailed(f"image format plugins missing: {', '.join(missing)} (have {sorted(formats)})")
    icon = app_icon().pixmap(64, 64)
    if icon.isNull():
        raise CheckFailed("the app icon (resources/pixop-desktop.svg) did not load")
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.addWidget(QLabel("Pixop Desktop self-test"))
    window.resize(320, 120)
    image = window.grab().toImage()
    window.deleteLater()
    if image.isNull() or image.width() < 100:
        raise CheckFailed("a window could not be drawn")
    _check_local_socket()
    return (f"Qt {qVersion()} (PySide6 {pyside_version}) on the '{app.platformName()}' platform: "
            f"a window drew at {image.width()}x{image.height()}, the app icon and "
            f"{'/'.join(REQUIRED_FORMATS)} images load, a local socket listens (one window per user)")


def _check_local_socket() -> None:
    """Qt Network's local socket hands files from a second launch to the running app (single_instance.py)."""
    try:
        from PySide6.QtNetwork import QLocalServer
    except ImportError as exc:
        raise CheckFailed(f"Qt Network is missing from this installation ({exc})") from None
    server = QLocalServer()
    try:
        if not server.listen(f"pixop-desktop-selftest-{os.getpid()}"):
            raise CheckFailed(f"a local socket could not listen: {server.errorString()}")
    finally:
        server.close()


def _require_platform_plugin() -> None:
    """Qt aborts the whole process when its platform plugin is missing; find out first, and say so."""
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip()
    if not platform:
        return  # Qt picks the system's default; nothing specific to look for
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))]
    folders += [Path(p) for p in os.environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    names = [f.name for folder in folders if (folder / "platforms").is_dir() for f in (folder / "platforms").iterdir()]
    plugin = platform.split("-")[0]  # wayland-egl is served by the wayland plugin
    if not any(f"q{plugin}." in name for name in names):
        raise CheckFailed(f"no Qt platform plugin '{platform}' (found: {', '.join(sorted(names)) or 'none'})")
