"""Projects on the left, the selected project's videos on the right, and what to do with a video:
download its original or its result, or process it (``library/actions.py`` does it).

The list is kept fresh without F5: it reloads when it is first shown, when it is
shown again after ``STALE_AFTER_S``, and after :meth:`mark_stale` (a job finished:
the server has a new processed video) — at once if visible, else on the next show.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QListWidget, QListWidgetItem,
                               QPushButton, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

ALL_VIDEOS = "__all__"
STALE_AFTER_S = 30.0


def _when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""


VIDEO_ROLE = Qt.ItemDataRole.UserRole


class LibraryView(QSplitter):
    """``project_selected(project_id)`` with ``ALL_VIDEOS`` for the "All videos" row;
    ``download_requested(video, original)`` and ``process_requested(video)`` for the selected video."""

    project_selected = Signal(str)
    download_requested = Signal(object, bool)
    process_requested = Signal(object)

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
        self.videos.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.videos.currentItemChanged.connect(self._update_buttons)

        self.addWidget(self.projects)
        self.addWidget(self._videos_with_buttons())
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 3)
        self.setSizes([240, 720])
        self._loaded_at: float | None = None  # monotonic time the videos were last asked for
        self._stale = False
        self._shown_once = False  # the first visit always reloads: jobs may have added videos since connecting

    def _videos_with_buttons(self) -> QWidget:
        self.download_original = self._button(self.tr("Download &Original"), self.tr("Download original"),
                                              lambda: self._download(True))
        self.download_result = self._button(self.tr("Download Res&ult"), self.tr("Download result"),
                                            lambda: self._download(False))
        self.process_button = self._button(self.tr("&Process…"), self.tr("Process this video"), self._process)
        buttons = QHBoxLayout()
        for button in (self.download_original, self.download_result, self.process_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.videos, 1)
        layout.addLayout(buttons)
        self._update_buttons()
        return holder

    def _button(self, text: str, accessible: str, clicked) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(accessible)
        button.clicked.connect(clicked)
        return button

    def current_video(self):
        """The selected video (as listed), or None."""
        item = self.videos.currentItem()
        return item.data(0, VIDEO_ROLE) if item else None

    @Slot()
    def _update_buttons(self, *_args) -> None:
        video = self.current_video()
        self.download_original.setEnabled(video is not None and not video.parent_id)
        self.download_result.setEnabled(video is not None and bool(video.parent_id))
        self.process_button.setEnabled(video is not None and not video.parent_id)
        for button, why in ((self.download_original, self.tr("Choose an original video first.")),
                            (self.download_result, self.tr("Choose a processed video first.")),
                            (self.process_button, self.tr("Choose an original video first."))):
            button.setToolTip("" if button.isEnabled() else why)

    def _download(self, original: bool) -> None:
        if (video := self.current_video()) is not None:
            self.download_requested.emit(video, original)

    @Slot()
    def _process(self) -> None:
        if (video := self.current_video()) is not None:
            self.process_requested.emit(video)

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
            item.setData(0, VIDEO_ROLE, video)
            self.videos.addTopLevelItem(item)
        self.videos.setSortingEnabled(True)
        self.videos.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self._update_buttons()

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
