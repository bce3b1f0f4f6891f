"""The platform's rules for paths, in one place: when two paths name the same file, and how
to write a path the platform accepts.

- Case: Windows and macOS disks ignore case by default (``~/Pixop/In`` is ``~/pixop/in``), but
  ``os.path.normcase`` folds case only on Windows. Comparisons here fold it on both.
- Unicode: macOS file systems hand out decomposed names (NFD: "e" + combining accent) where Qt
  and most programs write composed ones (NFC: "é"); compared here in NFC.
- Length: Windows paths past 260 characters need the ``\\\\?\\`` prefix to be opened.
- Reserved names: Windows refuses CON, PRN, AUX, NUL, COM1–9, LPT1–9 (with any extension).
"""

from __future__ import annotations

import ntpath
import os
import sys
import unicodedata
from collections.abc import Callable

WINDOWS_MAX_PATH = 260
RESERVED_NAMES = frozenset({
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
    *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10)),
    "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³",
})


def ignores_case(platform: str = sys.platform) -> bool:
    return platform == "win32" or platform == "darwin"


def path_key(path: str | os.PathLike[str], platform: str = sys.platform) -> str:
    """A key under which two spellings of the same path compare equal on ``platform``."""
    text = unicodedata.normalize("NFC", os.fspath(path))
    if platform == "win32":
        text = text.replace("/", "\\")
    return text.casefold() if ignores_case(platform) else text


def same_path(a: str | os.PathLike[str], b: str | os.PathLike[str], platform: str = sys.platform) -> bool:
    return path_key(a, platform) == path_key(b, platform)


def name_key(name: str) -> str:
    """A key under which two spellings of one name compare equal everywhere: spaces collapsed,
    composed (NFC) and case folded — what a person typing "café" or Finder's "café" means."""
    return unicodedata.normalize("NFC", " ".join(name.split())).casefold()


def is_reserved_name(name: str) -> bool:
    """Whether Windows refuses ``name`` as a file name (``con.mp4`` included)."""
    stem = name.split(".", 1)[0].rstrip(" ")
    return stem.upper() in RESERVED_NAMES


def long_path(path: str | os.PathLike[str], platform: str = sys.platform) -> str:
    """``path`` in a form the platform can open: on Windows an absolute path past 260
    characters gets the ``\\\\?\\`` prefix (``\\\\?\\UNC\\`` for a share); elsewhere unchanged."""
    text = os.fspath(path)
    if platform != "win32" or len(text) < WINDOWS_MAX_PATH or text.startswith("\\\\?\\"):
        return text
    text = text.replace("/", "\\")
    if text.startswith("\\\\"):
        return "\\\\?\\UNC\\" + text[2:]
    return "\\\\?\\" + text


DRIVE_REMOVABLE = 2
DRIVE_CDROM = 5


def events_hold_folder_open(path: str | os.PathLike[str], platform: str = sys.platform,
                            drive_type: Callable[[str], int] | None = None) -> bool:
    """Whether watching ``path`` for file events would keep its drive from being ejected.

    On Windows the observer (ReadDirectoryChangesW) holds a handle on the folder for as long as
    it watches, and "Safely remove" then refuses a camera card or a USB stick. Such folders are
    rescanned instead. macOS (FSEvents) and Linux (inotify) keep nothing open.
    """
    if platform != "win32":
        return False
    drive = ntpath.splitdrive(os.fspath(path))[0]
    if not drive or drive.startswith("\\\\"):
        return False  # a share: nothing to eject
    return (drive_type or _windows_drive_type)(drive + "\\") in (DRIVE_REMOVABLE, DRIVE_CDROM)


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]
