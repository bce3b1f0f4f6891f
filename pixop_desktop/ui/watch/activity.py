"""The Watched folders page's "Recent activity": what a folder's rule did with each file, and why.

Failures, duplicates and skipped files of a watched folder never reach the
queue (no job was made), so without this list only the Failed/*.txt files
would say what happened. It shows the ledger's latest entries for the selected
rule: when, which file, what happened, and the reason.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from pixop_desktop.watch.ledger import LedgerEntry

LIMIT = 50
# What happened, per ledger state (Entry values); marked for lupdate, translated when shown.
HAPPENED = {
    "submitted": QT_TRANSLATE_NOOP("WatchActivity", "Sent"),
    "done": QT_TRANSLATE_NOOP("WatchActivity", "Done"),
    "failed": QT_TRANSLATE_NOOP("WatchActivity", "Failed"),
    "duplicate": QT_TRANSLATE_NOOP("WatchActivity", "Duplicate: not sent again"),
    "skipped": QT_TRANSLATE_NOOP("WatchActivity", "Skipped"),
    "cancelled": QT_TRANSLATE_NOOP("WatchActivity", "Cancelled"),
    "superseded": QT_TRANSLATE_NOOP("WatchActivity", "Changed after it was sent"),
    "existing": QT_TRANSLATE_NOOP("WatchActivity", "Already there: left alone"),
    "found": QT_TRANSLATE_NOOP("WatchActivity", "Already on Pixop: not sent again"),
}


def happened(entry: LedgerEntry) -> str:
    source = HAPPENED.get(entry.state.value)
    return QCoreApplication.translate("WatchActivity", source) if source else entry.state.value


def when(epoch: float) -> str:
    moment = _dt.datetime.fromtimestamp(epoch)
    today = moment.date() == _dt.date.today()
    return moment.strftime("%H:%M:%S" if today else "%Y-%m-%d %H:%M")


class ActivityList(QTreeWidget):
    """The latest ledger entries of one rule; ``show_entries`` redraws only when something changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels([self.tr("Time"), self.tr("File"), self.tr("What happened"), self.tr("Reason")])
        self.setAccessibleName(self.tr("Recent activity of the selected watched folder"))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self._shown: tuple = ()

    def show_entries(self, entries: list[LedgerEntry]) -> None:
        key = tuple((e.id, e.state, e.updated_at) for e in entries)
        if key == self._shown:
            return  # unchanged: keep the scroll position and the selection
        self._shown = key
        self.clear()
        for entry in entries:
            reason = entry.reason or ""
            item = QTreeWidgetItem([when(entry.updated_at), entry.rel_path, happened(entry), reason])
            item.setToolTip(1, entry.path)
            item.setToolTip(3, reason)
            self.addTopLevelItem(item)

    def rows(self) -> list[list[str]]:
        """What the list shows, row by row (for tests and the accessibility check)."""
        return [[self.topLevelItem(r).text(c) for c in range(self.columnCount())] for r in range(self.topLevelItemCount())]
