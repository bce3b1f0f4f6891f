"""Projects on the left, the selected project's videos on the right.

The list is kept fresh without F5: it reloads when it is first shown, when it is
shown again after ``STALE_AFTER_S``, and after :meth:`mark_stale` (a job finished:
the server has a new processed video) — at once if visible, else on the next show.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QListWidget, QListWidgetItem, QSplitter,
                               QTreeWidget, QTreeWidgetItem, QWidget)

ALL_VIDEOS = "__all__"
STALE_AFTER_S = 30.0


def _when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""


class LibraryView(QSplitter):
    """``project_selected(project_id)`` with ``ALL_VIDEOS`` for the "All videos" row."""

    project_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.projects = QListWidget()
        self.projects.setAccessibleName(self.tr("Projects"))
        self.projects.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.projects.currentItemChanged.connect(self._on_current_project)

        self.videos = QTreeWidget()
        self.videos.setAccessibleName(self.tr("Videos"))
        self.videos.setRootIsDecorated(False)
        self.videos.setUniformRowHeights(True)
        self.videos.setSortingEnabled(True)
        self.videos.setHeaderLabels([self.tr("Name"), self.tr("Kind"), self.tr("Created"), self.tr("ID")])
        self.videos.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.videos.header().setStretchLastSection(False)

        self.addWidget(self.projects)
        self.addWidget(self.videos)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 3)
        self.setSizes([240, 720])
        self._loaded_at: float | None = None  # monotonic time the videos were last asked for
        self._stale = False
        self._shown_once = False  # the first visit always reloads: jobs may have added videos since connecting

    def set_projects(self, projects) -> None:
        """Fill the list, keeping the selected project when it is still there."""
        previous = self.current_project_id()
        self.projects.blockSignals(True)
        self.projects.clear()
        all_item = QListWidgetItem(self.tr("All videos"))
        all_item.setData(Qt.ItemDataRole.UserRole, ALL_VIDEOS)
        self.projects.addItem(all_item)
        for project in sorted(projects, key=lambda p: (p.name or "").lower()):
            item = QListWidgetItem(project.name or project.id)
            item.setData(Qt.ItemDataRole.UserRole, project.id)
            item.setToolTip(project.id)
            self.projects.addItem(item)
        self.projects.blockSignals(False)
        ids = [self.projects.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.projects.count())]
        self.projects.setCurrentRow(ids.index(previous) if previous in ids else 0)

    def clear(self) -> None:
        self.projects.clear()
        self.videos.clear()

    def current_project_id(self) -> str | None:
        item = self.projects.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def set_videos(self, videos) -> None:
        self.videos.setSortingEnabled(False)
        self.videos.clear()
        for video in videos:
            kind = self.tr("Processed") if video.parent_id else self.tr("Original")
            item = QTreeWidgetItem([video.name or video.filename or video.id, kind,
                                    _when(video.date_created), video.id])
            self.videos.addTopLevelItem(item)
        self.videos.setSortingEnabled(True)
        self.videos.sortByColumn(2, Qt.SortOrder.DescendingOrder)

    def video_names(self) -> list[str]:
        return [self.videos.topLevelItem(i).text(0) for i in range(self.videos.topLevelItemCount())]

    # ----- freshness ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        first_visit, self._shown_once = not self._shown_once, True
        if first_visit or self._needs_reload():
            self.reload()

    @Slot()
    def mark_stale(self) -> None:
        """The server's videos changed (e.g. a job finished): reload now if shown, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.reload()

    @Slot()
    def reload(self) -> None:
        """Ask again for the current project's videos (``project_selected``); no project yet = nothing to ask."""
        project_id = self.current_project_id()
        if project_id is None:
            return
        self._stale = False
        self._loaded_at = time.monotonic()
        self.project_selected.emit(project_id)

    def _needs_reload(self) -> bool:
        return (self._stale or self._loaded_at is None
                or time.monotonic() - self._loaded_at > STALE_AFTER_S)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_current_project(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            self._stale = False
            self._loaded_at = time.monotonic()
            self.project_selected.emit(current.data(Qt.ItemDataRole.UserRole))
