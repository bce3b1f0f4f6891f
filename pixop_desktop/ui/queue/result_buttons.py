"""Play and Show in folder for a finished video, under the details panel's title."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from pixop_desktop.jobs.model import Job
from pixop_desktop.ui.queue import results


class ResultButtons(QWidget):
    """Shown only while the job shown has its result on disk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.play_button = QPushButton(self.tr("&Play"))
        self.play_button.setAccessibleName(self.tr("Play the finished video"))
        self.play_button.setToolTip(self.tr("Open the finished video in your video player"))
        self.play_button.clicked.connect(self.play)
        self.folder_button = QPushButton(self.tr("&Show in folder"))
        self.folder_button.setAccessibleName(self.tr("Show the finished video in its folder"))
        self.folder_button.clicked.connect(self.show_in_folder)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.play_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        self.hide()

    def show_for(self, job: Job | None) -> None:
        self.path = None if job is None else results.finished_file(job)
        self.folder_button.setToolTip(str(self.path or ""))
        self.setVisible(self.path is not None)

    @Slot()
    def play(self) -> None:
        if self.path is not None:
            results.play(self.path)

    @Slot()
    def show_in_folder(self) -> None:
        if self.path is not None:
            results.show_in_folder(self.path)
