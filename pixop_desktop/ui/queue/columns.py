"""The queue's columns: their first widths, which give way first when the table is narrow, and the
person's choice of which to show (the header's context menu and View ▸ Columns).

On a narrow window (1024×700 and below) the columns that matter least shrink first (Made by,
Speed, Time left, Size), then hide, so Stage keeps room for "Needs your approval — about $4.20,
~12 min": the price a person reads before approving. The details panel and the batch line carry
what a hidden column said. A column the person showed or hid themselves keeps their choice; the
choice is saved with the window state (``ui/window/state.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QAction, QFontMetrics
from PySide6.QtWidgets import QMenu, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView

from pixop_desktop.jobs.model import State
from pixop_desktop.services.estimates import Estimate
from pixop_desktop.ui.approval_estimates import approval_line
from pixop_desktop.ui.queue.model import (ETA, HEADERS, NAME, ORIGIN, PROGRESS, RESULT, SIZE, SPEED, STAGE,
                                          STATE_ROLE)

LOW, MID, STAGE_TIER = range(3)  # who gives way first when the table is narrow
FLOOR = 40                        # when nothing else helps, every column shrinks to this


@dataclass(frozen=True)
class Column:
    index: int
    key: str             # in the saved window state (not the index: columns may be added)
    width: int           # at first, on a wide screen (Stage: its approval line)
    least: int           # narrowest before the next tier gives way (Stage: its approval line)
    tier: int
    hide_rank: int | None = None  # the order columns hide in when the others would get too narrow
    comfort: int = 0     # narrowest that still reads well: others hide rather than squeeze it below


COLUMNS = (
    Column(NAME, "name", 240, 110, MID, comfort=140),
    Column(STAGE, "stage", 0, 0, STAGE_TIER),
    Column(PROGRESS, "progress", 110, 60, MID, comfort=70),
    Column(SPEED, "speed", 90, 78, LOW, hide_rank=1),  # "147 Mbit/s" whole
    Column(ETA, "time_left", 75, 60, LOW, hide_rank=2),
    Column(SIZE, "size", 80, 72, LOW, hide_rank=3),  # "307.0 KB" whole
    Column(RESULT, "result", 200, 100, MID, comfort=120),
    Column(ORIGIN, "made_by", 120, 80, LOW, hide_rank=0),
)
BY_KEY = {column.key: column for column in COLUMNS}


def approval_width(metrics: QFontMetrics) -> int:
    """Room for a typical approval line with its price, in the table's font and language."""
    sample = approval_line(Estimate(4.2, seconds=12 * 60))
    return metrics.horizontalAdvance(sample) + 14  # the cell's margins and a little air


@dataclass
class Fit:
    """One column while planning: the width it has (or wants), the least it accepts, if it shows."""
    column: Column
    width: int
    least: int
    shown: bool = True
    may_hide: bool = True


def plan(fits: list[Fit], available: int, may_hide: bool = True) -> None:
    """Make the shown columns fit ``available`` pixels: hide the least useful (only those the person
    did not choose) while the others would not keep a comfortable width, then shrink tier by tier,
    each column in proportion to its spare width. The last shown column stretches: it is planned at
    its least."""
    shown = [fit for fit in fits if fit.shown]
    if may_hide:
        for fit in sorted((f for f in shown if f.may_hide and f.column.hide_rank is not None),
                          key=lambda f: f.column.hide_rank):
            if sum(max(f.least, f.column.comfort) for f in fits if f.shown) <= available:
                break
            fit.shown = False
        shown = [fit for fit in fits if fit.shown]
    if not shown:
        return
    shown[-1].width = shown[-1].least
    excess = sum(fit.width for fit in shown) - available
    for tier in (LOW, MID, STAGE_TIER, None):
        if excess <= 0:
            return
        group = [fit for fit in shown if tier is None or fit.column.tier == tier]
        if tier is None:  # nothing else helped: everything gives way to the floor
            for fit in group:
                fit.least = min(fit.least, FLOOR)
        spare = sum(max(0, fit.width - fit.least) for fit in group)
        if spare <= 0:
            continue
        take = min(excess, spare)
        for fit in group:
            cut = min(max(0, fit.width - fit.least), math.ceil(take * max(0, fit.width - fit.least) / spare))
            fit.width -= cut
            excess -= cut


class ResultDelegate(QStyledItemDelegate):
    """A finished row's result is a file name: cut in the middle, so its end stays readable."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.data(STATE_ROLE) == State.DONE.value:
            option.textElideMode = Qt.TextElideMode.ElideMiddle


class QueueColumns(QObject):
    """The queue table's columns: first widths, the fit to the room there is, show/hide actions."""

    changed = Signal()

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.header = table.horizontalHeader()
        self.chosen: dict[str, bool] = {}  # the person's own show/hide choices, by key
        table.setItemDelegateForColumn(RESULT, ResultDelegate(table))
        self.stage_width = approval_width(table.fontMetrics())
        for column in COLUMNS:
            table.setColumnWidth(column.index, self._first_width(column))
        self.actions: dict[str, QAction] = {}
        for column in COLUMNS:
            action = QAction(self._title(column), self)
            action.setObjectName(f"column_{column.key}")
            action.setCheckable(True)
            action.setChecked(True)
            action.setEnabled(column.index != NAME)  # a row needs its name
            action.toggled.connect(lambda shown, key=column.key: self.choose(key, shown))
            self.actions[column.key] = action
        self.header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.header.customContextMenuRequested.connect(self._show_header_menu)

    def _title(self, column: Column) -> str:
        return QCoreApplication.translate("QueueModel", HEADERS[column.index])

    def _first_width(self, column: Column) -> int:
        return self.stage_width if column.index == STAGE else column.width

    def _least(self, column: Column) -> int:
        return self.stage_width if column.index == STAGE else column.least

    def build_menu(self, parent=None) -> QMenu:
        """Show or hide each column (the header's context menu, and View ▸ Columns)."""
        menu = QMenu(QCoreApplication.translate("QueueColumns", "&Columns"), parent)
        menu.setAccessibleName(QCoreApplication.translate("QueueColumns", "Columns"))
        menu.addActions(list(self.actions.values()))
        return menu

    @Slot(QPoint)
    def _show_header_menu(self, pos: QPoint) -> None:
        menu = self.build_menu(self.table)
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.header.mapToGlobal(pos))

    # ----- showing and hiding -------------------------------------------------------------------

    def is_shown(self, key: str) -> bool:
        return not self.header.isSectionHidden(BY_KEY[key].index)

    def choose(self, key: str, shown: bool) -> None:
        """The person shows or hides a column: kept on later fits, saved with the window state."""
        self.chosen[key] = shown
        if shown != self.is_shown(key):
            self._set_shown(BY_KEY[key], shown)
            if shown:  # make room for it by shrinking the others, but hide nothing the person sees
                self.fit(self._available(), may_hide=False)
            self.changed.emit()

    def restore_choices(self, saved) -> None:
        """Put back the choices saved in the window state (unknown keys and values are ignored)."""
        if not isinstance(saved, dict):
            return
        for key, shown in saved.items():
            if key in BY_KEY and key != "name" and isinstance(shown, bool):
                self.chosen[key] = shown
                self._set_shown(BY_KEY[key], shown)

    def _set_shown(self, column: Column, shown: bool) -> None:
        self.header.setSectionHidden(column.index, not shown)
        if shown and self.header.sectionSize(column.index) < FLOOR:
            self.table.setColumnWidth(column.index, self._first_width(column))
        action = self.actions[column.key]
        action.blockSignals(True)  # the action only mirrors the header here
        action.setChecked(shown)
        action.blockSignals(False)

    # ----- fitting --------------------------------------------------------------------------------

    def _available(self) -> int:
        # Room for the vertical scrollbar too: it appears once the queue is long, and must not push
        # the columns behind a horizontal one then.
        bar = self.table.verticalScrollBar()
        scrollbar = 0 if bar.isVisible() else self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return self.table.viewport().width() - scrollbar

    def _wanted(self, column: Column, first_layout: bool) -> int:
        width = self.header.sectionSize(column.index)
        if first_layout and column.index == STAGE:  # also over a width saved before the price showed
            return max(width, self.stage_width)
        return width

    def fit(self, available: int | None = None, may_hide: bool = True) -> None:
        """Fit the columns into the table's width (see ``plan``); the first layout calls this."""
        available = self._available() if available is None else available
        if available <= 0:
            return
        fits = [Fit(column, self._wanted(column, may_hide), self._least(column),
                    shown=not self.header.isSectionHidden(column.index), may_hide=column.key not in self.chosen)
                for column in sorted(COLUMNS, key=lambda c: self.header.visualIndex(c.index))]
        plan(fits, available, may_hide)
        for fit in fits:
            if fit.shown != self.is_shown(fit.column.key):
                self._set_shown(fit.column, fit.shown)
            if fit.shown:
                self.table.setColumnWidth(fit.column.index, fit.width)
