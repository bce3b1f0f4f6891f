"""The drop zone: a large target for files and folders, with "Add files…" and "Add folder…".

It only says *which paths* the person gave (``paths_given``); checking them
and making jobs is the intake's work. Dropping copies: the drop is accepted
as a copy action, and the files are only ever referenced by path.

``RefusedPanel`` lists what was left out and why, without blocking anything.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (QFileDialog, QFrame, QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout,
                               QWidget)

from pixop_desktop.intake import Refusal
from pixop_desktop.settings import Settings, load_settings, save_settings


def start_folder(remembered: str, videos: str, home: str) -> str:
    """Where the file dialogs open: the folder used last time if it still exists,
    else the person's Videos folder, else their home (never the process's working folder)."""
    for folder in (remembered, videos):
        if folder and os.path.isdir(folder):
            return folder
    return home


def videos_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.MoviesLocation)


def local_paths(mime) -> list[str]:
    """The local files and folders in a drag (web links and other data are ignored)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class DropZone(QFrame):
    """Drop videos or folders here. ``paths_given(list[str])`` when a person drops or chooses some."""

    paths_given = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.setAcceptDrops(True)
        self.setAccessibleName(self.tr("Drop zone"))
        self.setAccessibleDescription(self.tr("Drop video files or folders here to send them to Pixop"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumHeight(120)
        self._set_hover(False)
        self.title = QLabel(self.tr("Drop videos or folders here"))
        self.title.setObjectName("dropZoneTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.hint = QLabel(self.tr("Your files are not moved or changed: Pixop gets a copy."))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.add_files_button = QPushButton(self.tr("A&dd files…"))
        self.add_files_button.setAccessibleName(self.tr("Add files"))
        self.add_files_button.clicked.connect(self.choose_files)
        self.add_folder_button = QPushButton(self.tr("Add f&older…"))
        self.add_folder_button.setAccessibleName(self.tr("Add folder"))
        self.add_folder_button.clicked.connect(self.choose_folder)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_files_button)
        buttons.addWidget(self.add_folder_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def _set_hover(self, hover: bool) -> None:
        colour = "palette(highlight)" if hover else "palette(mid)"
        self.setStyleSheet(f"QFrame#dropZone {{ border: 2px dashed {colour}; border-radius: 10px; }}")

    # ----- drag and drop ----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self._set_hover(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_paths(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()

    def dragLeaveEvent(self, event) -> None:
        self._set_hover(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_hover(False)
        paths = local_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)  # never a move: the source files stay
        event.accept()
        self.paths_given.emit(paths)

    # ----- choosing --------------------------------------------------------------------------

    @Slot()
    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add videos"), self.start_folder(),
            self.tr("Videos (*.mp4 *.mov *.mxf *.mkv *.avi *.m4v *.mpg *.mpeg *.ts *.webm *.wmv *.dv);;All files (*)"))
        if files:
            self.remember_folder(str(Path(files[0]).parent))
            self.paths_given.emit(files)

    @Slot()
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of videos"), self.start_folder())
        if folder:
            self.remember_folder(str(Path(folder).parent))
            self.paths_given.emit([folder])

    # ----- the folder the dialogs open in -----------------------------------------------------------

    def start_folder(self) -> str:
        return start_folder(self._settings().last_add_folder, videos_folder(), str(Path.home()))

    def remember_folder(self, folder: str) -> None:
        """Save the folder for next time: in the window's settings object when there is one
        (it is what the window saves later, so it must not hold an older value), and on disk."""
        window_settings = self._window_settings()
        if window_settings is not None:
            window_settings.last_add_folder = folder
        on_disk = load_settings()
        on_disk.last_add_folder = folder
        save_settings(on_disk)

    def _settings(self) -> Settings:
        return self._window_settings() or load_settings()

    def _window_settings(self) -> Settings | None:
        settings = getattr(self.window(), "settings", None)
        return settings if isinstance(settings, Settings) else None


class RefusedPanel(QFrame):
    """What was left out of the last drop and why; stays until dismissed, blocks nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refusedPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#refusedPanel { background: #fff4e5; border: 1px solid #f0b45b; }"
                           "QFrame#refusedPanel QLabel { color: #5a3b00; }")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Files left out"))
        self.dismiss_button = QPushButton(self.tr("&Dismiss"))
        self.dismiss_button.setAccessibleName(self.tr("Dismiss the list of files left out"))
        self.dismiss_button.clicked.connect(self.clear)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list)
        self.refusals: list[Refusal] = []
        self.hide()

    def show_refusals(self, refusals: list[Refusal]) -> None:
        """Show what the latest drop left out, replacing the previous drop's list (a
        file dropped twice is listed once). A drop that left nothing out changes nothing."""
        if not refusals:
            return
        unique = {str(refusal.path): refusal for refusal in refusals}
        self.refusals = list(unique.values())
        # Neutral heading: each line gives its own reason (an empty file is not "not a video").
        self.heading.setText(self.tr("%n file(s) were left out:", "", len(self.refusals)))
        self.list.clear()
        for refusal in self.refusals:
            self.list.addItem(f"{refusal.path.name} — {refusal.message}")
            item = self.list.item(self.list.count() - 1)
            item.setToolTip(str(refusal.path))
        rows = min(4, self.list.count())  # a short list stays short; more rows scroll
        self.list.setFixedHeight(rows * max(self.list.sizeHintForRow(0), 18) + 2 * self.list.frameWidth() + 4)
        self.show()

    @Slot()
    def clear(self) -> None:
        self.refusals = []
        self.list.clear()
        self.hide()

    def names(self) -> list[str]:
        return [refusal.path.name for refusal in self.refusals]
