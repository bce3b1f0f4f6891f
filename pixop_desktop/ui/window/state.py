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
from pixop_desktop.ui.queue.text import QueueFilter

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


def restore_window(window) -> None:
    """Put back the filter, column widths and choices, tab and selection of ``window`` (a MainWindow)."""
    state = load_window_state()
    try:
        window.queue.set_filter(QueueFilter(state.get("queue_filter", QueueFilter.ALL.value)))
    except ValueError:
        pass
    widths = state.get("queue_columns")
    if isinstance(widths, list):
        for column, width in enumerate(widths[:window.queue_model.columnCount() - 1]):
            if isinstance(width, int) and 20 <= width <= 2000:
                window.queue.table.setColumnWidth(column, width)
    window.queue.columns.restore_choices(state.get("queue_shown_columns"))  # absent in older files
    if isinstance(state.get("tab"), int):
        window.tabs.setCurrentIndex(state["tab"])
    selected = state.get("selected_jobs")
    if isinstance(selected, list):
        window.queue.select_jobs([i for i in selected if isinstance(i, int)])


def remember_window(window) -> None:
    """Remember how ``window`` looks now, for the next start."""
    save_window_state({
        "queue_filter": window.queue_model.filter.value,
        "queue_columns": [window.queue.table.columnWidth(c) for c in range(window.queue_model.columnCount())],
        "queue_shown_columns": dict(window.queue.columns.chosen),  # the person's own show/hide choices
        "tab": window.tabs.currentIndex(),
        "selected_jobs": window.queue.selected_ids()[:100],
    })
