"""The app and its desktop: quitting on SIGTERM, "Open log folder", icons and platform files."""

from __future__ import annotations

import ast
import os
import plistlib
import signal
import struct
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtWidgets import QDialog

from pixop_desktop import __version__, paths
from pixop_desktop.services.connection import ServerChoice
from pixop_desktop.credentials import CredentialSource, Credentials
from pixop_desktop.sandbox import DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_PASSWORD
from pixop_desktop.settings import ServerKind
from pixop_desktop.ui.window.main_window import MainWindow
from pixop_desktop.ui.app.quit_signals import quit_on_signals
from tests.fixtures.opened_urls import catching_opened_urls

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import make_icons  # noqa: E402
import platform_files  # noqa: E402


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")
def test_sigterm_quits_the_event_loop(qapp):
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(qapp.quit)
    with quit_on_signals(qapp):
        QTimer.singleShot(0, lambda: os.kill(os.getpid(), signal.SIGTERM))
        guard.start(10_000)  # only if the signal were lost
        started = time.monotonic()
        qapp.exec()
        elapsed = time.monotonic() - started
        assert guard.isActive(), "the loop only ended by the 10 s guard"
    guard.stop()
    assert elapsed < 5
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # handlers restored


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")
def test_sigterm_closes_an_open_dialog_too(qapp):
    dialog = QDialog()
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(dialog.accept)
    with quit_on_signals(qapp):
        QTimer.singleShot(50, lambda: os.kill(os.getpid(), signal.SIGTERM))
        guard.start(10_000)  # only if the signal were lost
        result = dialog.exec()
    guard.stop()
    assert result == QDialog.DialogCode.Rejected


def test_help_menu_opens_the_log_folder(qtbot, sandbox, app_home):
    demo = Credentials(DEFAULT_EMAIL, DEFAULT_PASSWORD, DEFAULT_API_KEY, CredentialSource.SESSION)
    window = MainWindow(ServerChoice(sandbox.url, ServerKind.SANDBOX), lambda: demo)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.client is not None, timeout=10_000)  # so shutdown closes it
    try:
        with catching_opened_urls() as urls:
            help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
            assert window.open_log_action in help_menu.actions()
            window.open_log_action.trigger()
    finally:
        window.shutdown()
    assert [Path(url.toLocalFile()) for url in urls] == [paths.log_dir()]
    assert paths.log_dir() == app_home / "logs"


def test_icons_render_in_every_size_and_container(tmp_path, qapp):
    assert make_icons.main(["make_icons", str(tmp_path)]) == 0
    for size in make_icons.HICOLOR_SIZES:
        image = QImage(str(tmp_path / "hicolor" / f"{size}x{size}" / "apps" / "pixop-desktop.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel() and image.pixelColor(0, 0).alpha() == 0  # rounded corner
        assert image.pixelColor(size // 2, size // 8).alpha() == 255
    reader = QImageReader(str(tmp_path / "pixop-desktop.ico"))
    assert reader.imageCount() == len(make_icons.ICO_SIZES)
    icns = (tmp_path / "pixop-desktop.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    kinds, offset = [], 8
    while offset < len(icns):
        kind, length = icns[offset:offset + 4], struct.unpack(">I", icns[offset + 4:offset + 8])[0]
        assert icns[offset + 8:offset + 16] == b"\x89PNG\r\n\x1a\n"
        kinds.append(kind)
        offset += length
    assert offset == len(icns) and b"ic10" in kinds  # 1024 px for Retina docks
    mtime = (tmp_path / "pixop-desktop.ico").stat().st_mtime_ns
    assert make_icons.main(["make_icons", str(tmp_path)]) == 0
    assert (tmp_path / "pixop-desktop.ico").stat().st_mtime_ns == mtime  # up to date: nothing rewritten


def test_info_plist_lets_videos_be_dropped_on_the_dock_icon():
    plist = plistlib.loads(plistlib.dumps(platform_files.info_plist(__version__)))
    assert plist["CFBundleIdentifier"] == "com.pixop.desktop"
    assert plist["CFBundleShortVersionString"] == __version__
    assert plist["NSHighResolutionCapable"] is True
    types = plist["CFBundleDocumentTypes"][0]["LSItemContentTypes"]
    assert {"public.movie", "public.mpeg-4", "com.apple.quicktime-movie", "org.smpte.mxf"} <= set(types)
    declared = plist["UTImportedTypeDeclarations"][0]
    assert declared["UTTypeIdentifier"] == "org.smpte.mxf"
    assert declared["UTTypeTagSpecification"]["public.filename-extension"] == ["mxf"]


@pytest.mark.parametrize("version, expected", [("0.1.0", (0, 1, 0, 0)), ("2.10.3rc1", (2, 10, 3, 1)),
                                               ("1.2", (1, 2, 0, 0)), ("1.2.3+local.7", (1, 2, 3, 0))])
def test_version_numbers_for_windows_and_macos(version, expected):
    assert platform_files.version_tuple(version) == expected


def test_windows_version_resource_is_generated_from_the_version(tmp_path):
    text = platform_files.write_windows_version_info("1.4.2", tmp_path / "version_info.txt").read_text("utf-8")
    ast.parse(text)  # PyInstaller evaluates it as a Python expression
    assert "filevers=(1, 4, 2, 0)" in text and "StringStruct('ProductVersion', '1.4.2')" in text
    assert "@" not in text.replace("'@", "")  # every placeholder filled in


def test_desktop_file_names_the_program_icon_and_video_types():
    entries = dict(line.split("=", 1) for line in (ROOT / "resources" / "pixop-desktop.desktop")
                   .read_text(encoding="utf-8").splitlines() if "=" in line)
    assert entries["Exec"].split()[0] == "pixop-desktop" and entries["Icon"] == "pixop-desktop"
    assert "video/mp4" in entries["MimeType"] and "application/mxf" in entries["MimeType"]
