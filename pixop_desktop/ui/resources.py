"""Finding the files in ``resources/`` (icons, .desktop file, translations), installed or from a checkout."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

APP_ICON = "pixop-desktop.svg"


def _resource_roots() -> tuple[Path, Path]:
    """The checkout's ``resources/``, then a ``resources/`` next to the package (frozen builds)."""
    package_dir = Path(__file__).resolve().parent.parent
    return package_dir.parent / "resources", package_dir / "resources"


def resource_path(name: str) -> Path | None:
    """The file ``name`` in the first resources folder holding it."""
    for folder in _resource_roots():
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def resource_dir(name: str) -> Path | None:
    """The folder ``name`` (e.g. ``translations``) in the first resources folder holding it."""
    for folder in _resource_roots():
        candidate = folder / name
        if candidate.is_dir():
            return candidate
    return None


def app_icon() -> QIcon:
    """The app icon; the desktop theme's ``pixop-desktop`` icon if ours is not shipped."""
    path = resource_path(APP_ICON)
    return QIcon(str(path)) if path else QIcon.fromTheme("pixop-desktop")
