"""Where the app keeps its files.

Everything lives in the platform's standard folders (platformdirs), unless
``PIXOP_DESKTOP_HOME`` is set: then every file (settings, data, logs, presets,
queue) lives under that one folder — and so does the default download folder,
``$PIXOP_DESKTOP_HOME/Downloads``. Tests and the sandbox try-out set it, so they
never touch a person's real files.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Pixop Desktop"
APP_AUTHOR = "Pixop"
HOME_ENV = "PIXOP_DESKTOP_HOME"


def _home_override() -> Path | None:
    value = os.environ.get(HOME_ENV, "").strip()
    return Path(value).expanduser().resolve() if value else None


def _dir(kind: str) -> Path:
    home = _home_override()
    if home is not None:
        path = home / kind
    else:
        getter = {
            "config": platformdirs.user_config_path,
            "data": platformdirs.user_data_path,
            "logs": platformdirs.user_log_path,
            "cache": platformdirs.user_cache_path,
        }[kind]
        path = getter(APP_NAME, APP_AUTHOR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """Settings (``settings.json``)."""
    return _dir("config")


def data_dir() -> Path:
    """The job store, presets, the sandbox's default data."""
    return _dir("data")


def log_dir() -> Path:
    """Rotating log files."""
    return _dir("logs")


def cache_dir() -> Path:
    """Thumbnails and other things that may be thrown away."""
    return _dir("cache")


def default_download_dir() -> Path:
    """Where results go unless the person chose a folder: ``Downloads/Pixop``, or
    ``$PIXOP_DESKTOP_HOME/Downloads`` when that is set. Not created here: the first download does."""
    home = _home_override()
    if home is not None:
        return home / "Downloads"
    return platformdirs.user_downloads_path() / "Pixop"
