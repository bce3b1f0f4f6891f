"""The main window's first layout: a size that fits the screen, and a queue whose toolbar and
columns fit in it (no "››" overflow button, no column behind a horizontal scrollbar: the columns
themselves give way in ``ui/queue/columns.py``).

Applied once when the window first shows; afterwards the person's own sizes are kept.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QSplitter, QToolBar

PREFERRED = QSize(1360, 860)
SCREEN_SHARE = 0.9           # never more of the screen's free area than this
DETAILS_WIDTH = (280, 360)   # the details panel: narrowest, widest at first


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
