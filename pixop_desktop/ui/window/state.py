"""How the window looked when it closed (queue filter, columns, tab, selection), restored on start.

A small JSON file next to the settings, kept apart from ``settings.json``
because it is not a setting a person chooses; a broken file is ignored.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile

from pixop_desktop import paths

log = logging.getLogger(__name__)

FILE_NAME = "window-state.json"


def load_window_state() -> dict:
    try:
        data = json.loads((paths.config_dir() / FILE_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("window state unreadable (%s); starting with defaults", exc)
        return {}
    return data if isinstance(data, dict) else {}


def save_window_state(state: dict) -> None:
    folder = paths.config_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".window-state-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(state, handle)
        os.replace(tmp, folder / FILE_NAME)
    except OSError as exc:  # losing the window layout must never stop the app from closing
        log.warning("cannot save the window state: %s", exc)
