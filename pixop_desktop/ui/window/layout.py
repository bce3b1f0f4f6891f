"""The main window's first layout: a size that fits the screen, and a queue whose toolbar and
columns fit in it (no "››" overflow button, no Result column behind a horizontal scrollbar).

Applied once when the window first shows; afterwards the person's own sizes are kept.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QSplitter, QTableView, QToolBar

PREFERRED = QSize(1360, 860)
SCREEN_SHARE = 0.9           # never more of the screen's free area than this
DETAILS_WIDTH = (280, 360)   # the details panel: narrowest, widest at first
RESULT_MIN_WIDTH = 160       # the last column (Result) gets at least this much
COLUMN_MIN_WIDTH = 60


def default_window_size(available: QRect) -> QSize:
    """1360×860 where the screen allows, never more than 90 % of its free area (taskbars excluded)."""
    return QSize(min(PREFERRED.width(), int(available.width() * SCREEN_SHARE)),
                 min(PREFERRED.height(), int(available.height() * SCREEN_SHARE)))


def share_queue_and_details(splitter: QSplitter, toolbar: QToolBar) -> None:
    """Give the queue (left) room for its whole toolbar where possible, the details panel the rest."""
    total = sum(splitter.sizes())
    if total <= 0:
        return
    queue = splitter.widget(0)
    margins = queue.width() - toolbar.width() if queue.width() >= toolbar.width() else 0
    needed = toolbar.sizeHint().width() + margins
    narrowest, widest = DETAILS_WIDTH
    details = max(narrowest, min(widest, total - needed))
    splitter.setSizes([max(0, total - details), details])


def fit_columns(table: QTableView) -> None:
    """Shrink the columns before the last one in proportion so the last (Result) stays visible."""
    header = table.horizontalHeader()
    count = header.count()
    if count < 2:
        return
    # Room for the vertical scrollbar too: it appears once the queue is long, and must not push
    # the columns behind a horizontal one then.
    scrollbar = 0 if table.verticalScrollBar().isVisible() else table.verticalScrollBar().sizeHint().width()
    available = table.viewport().width() - scrollbar - RESULT_MIN_WIDTH
    widths = [header.sectionSize(column) for column in range(count - 1)]
    if sum(widths) <= available or available <= 0:
        return
    scale = available / sum(widths)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, max(COLUMN_MIN_WIDTH, int(width * scale)))
