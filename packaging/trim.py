"""What the bundle leaves out, and why (used by pixop-desktop.spec). Target: < 250 MB on Linux.

PyInstaller's Qt hooks collect every plugin of each Qt module the app imports;
most are for other kinds of device (framebuffers, VNC, touch panels) or for Qt
modules we do not use. Leaving a plugin out is not enough on its own: the
libraries only it needed (GTK for the GTK theme plugin, Qt Network for the TLS
plugins) were already collected, so :func:`filter_toc` also drops shared
libraries that nothing kept needs (Linux; ``ldd`` gives the closure).

Kept: platforms xcb, wayland, offscreen, minimal (+ cocoa/windows on those
systems); the xdg-desktop-portal theme; input methods (compose, ibus); image
formats svg, ico, jpeg, gif (png is built in); the SVG icon engine; wayland xdg
shell and its window decorations; xcb GL integrations.
"""

from __future__ import annotations

import fnmatch
import sys
from pathlib import PurePath

EXCLUDED_MODULES = [
    # Python modules the app never uses that hooks or optional imports pull in
    "tkinter", "_tkinter", "test", "unittest.test", "lib2to3", "pydoc_data", "idlelib",
    "IPython", "matplotlib", "numpy", "PIL", "pytest", "_pytest", "pytestqt", "importlinter", "grimp",
    # uvicorn's optional servers and protocols (the sandbox runs asyncio + h11)
    "uvloop", "httptools", "websockets", "wsproto", "watchfiles", "gunicorn", "dotenv",
    # Qt modules we do not import (only QtCore, QtGui, QtWidgets and QtNetwork's local sockets are)
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.Qt3DCore", "PySide6.QtPdf",
    "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtDesigner", "PySide6.QtUiTools", "PySide6.QtHelp",
    "PySide6.QtPrintSupport", "PySide6.QtDBus", "PySide6.QtConcurrent", "PySide6.QtXml",
]

# PySide6 keeps Qt under PySide6/Qt/ on Linux and macOS, directly under PySide6/ on Windows.
_QT = "PySide6/*"
# Destination paths (glob, "/" separators) dropped from the bundle.
DROPPED = [
    # Qt's translations of modules we do not ship (Designer, Assistant, QML…); see KEPT
    _QT + "translations/*",
    # display plugins for embedded devices and remote framebuffers
    _QT + "plugins/platforms/*qeglfs*", _QT + "plugins/platforms/*qlinuxfb*",
    _QT + "plugins/platforms/*qminimalegl*", _QT + "plugins/platforms/*qvnc*",
    _QT + "plugins/platforms/*qvkkhrdisplay*",
    _QT + "plugins/egldeviceintegrations/*", _QT + "plugins/generic/*",
    _QT + "lib/*EglFS*", _QT + "lib/*EglFs*",
    # Qt Network's plugins (HTTP goes through httpx; only QLocalSocket is used, which needs none)
    _QT + "plugins/tls/*", _QT + "plugins/networkinformation/*",
    # the GTK theme plugin drags in GTK 3, GDK, cairo, pango… (~15 MB); the portal theme stays
    _QT + "plugins/platformthemes/*gtk3*",
    # image formats we never read
    _QT + "plugins/imageformats/*qtiff*", _QT + "plugins/imageformats/*qwebp*",
    _QT + "plugins/imageformats/*qtga*", _QT + "plugins/imageformats/*qwbmp*",
    _QT + "plugins/imageformats/*qicns*", _QT + "plugins/imageformats/*qpdf*",
    # Wayland: widgets draw in shared memory; keep only the xdg shell every desktop uses
    _QT + "plugins/wayland-graphics-integration-client/*",
    _QT + "plugins/wayland-graphics-integration-server/*",
    _QT + "plugins/wayland-shell-integration/*fullscreen*", _QT + "plugins/wayland-shell-integration/*ivi*",
    _QT + "plugins/wayland-shell-integration/*wl-shell*", _QT + "plugins/wayland-shell-integration/*qt-shell*",
    # Windows: Mesa's software OpenGL (~20 MB) is for Qt Quick on machines without a GPU driver
    "PySide6/opengl32sw.dll",
    # other Qt modules' plugins that may ride along
    _QT + "plugins/qmltooling/*", _QT + "plugins/sqldrivers/*", _QT + "plugins/designer/*",
    _QT + "plugins/printsupport/*", _QT + "plugins/vectorimageformats/*",
]

# Exceptions to DROPPED: Qt Widgets' own words (standard buttons, file dialogs), which
# ui/translations.py installs next to ours (5.8 MB for all of Qt's languages).
KEPT = [
    _QT + "translations/qtbase_*.qm",
]


def _dropped(dest: str) -> bool:
    dest = dest.replace("\\", "/")
    if any(fnmatch.fnmatch(dest, pattern) for pattern in KEPT):
        return False
    return any(fnmatch.fnmatch(dest, pattern) for pattern in DROPPED)


def filter_toc(toc):
    """The TOC without the dropped files and, on Linux, without libraries only they needed."""
    kept = [entry for entry in toc if not _dropped(entry[0])]
    dropped = [entry for entry in toc if _dropped(entry[0])]
    if sys.platform.startswith("linux") and dropped:
        orphans = _orphaned_libraries(kept, dropped)
        kept = [entry for entry in kept if PurePath(entry[0]).name not in orphans]
    return kept


def _orphaned_libraries(kept, dropped) -> set[str]:
    """Names of shared libraries reachable from dropped binaries but from no other kept binary.

    ``ldd`` lists the whole closure, so the candidates themselves are left out of the roots
    (GTK's libraries need each other, and that must not keep them).
    """
    from PyInstaller.depend import bindepend

    def closure(entries) -> set[str]:
        names: set[str] = set()
        for _dest, source, kind in entries:
            if kind in ("BINARY", "EXTENSION") and source:
                names.update(PurePath(name).name for name, _path in bindepend.get_imports(source))
        return names

    candidates = closure(dropped)
    roots = [entry for entry in kept if PurePath(entry[0]).name not in candidates]
    return candidates - closure(roots)
