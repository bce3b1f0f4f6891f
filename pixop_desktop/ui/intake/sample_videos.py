"""A few sample videos made with PyAV, so the sandbox can be tried without finding footage.

:func:`make_sample_videos` is plain Python (FFmpeg's test sources through PyAV, no Qt
in it) and runs on a pool thread; :class:`SampleVideosPanel` is the button, the
folder it writes to and "Open folder". Existing files are never overwritten.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import platformdirs
from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pixop_desktop import paths
from pixop_desktop.ui.tasks import BackgroundTasks


SAMPLES_FOLDER = "Pixop samples"


@dataclass(frozen=True)
class Sample:
    file_name: str
    source: str    # an FFmpeg test-source filter
    options: str


SAMPLES = (
    Sample("Sample 1 - test pattern.mp4", "testsrc2", ""),
    Sample("Sample 2 - colour gradients.mp4", "gradients", "speed=0.03"),
    Sample("Sample 3 - fractal zoom.mp4", "mandelbrot", ""),
)


def default_samples_folder() -> Path:
    """~/Videos/Pixop samples — or, under PIXOP_DESKTOP_HOME (tests, portable use), inside it."""
    if os.environ.get(paths.HOME_ENV, "").strip():
        return paths.data_dir() / SAMPLES_FOLDER
    return platformdirs.user_videos_path() / SAMPLES_FOLDER


def make_sample_videos(folder: Path, *, seconds: float = 4.0, width: int = 640, height: int = 360,
                       fps: int = 25) -> list[Path]:
    """Write the samples into ``folder`` (made if missing); returns their paths. Takes about a second."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for sample in SAMPLES:
        target = folder / sample.file_name
        if not target.exists():
            _encode(sample, target, seconds, width, height, fps)
        written.append(target)
    return written


def _encode(sample: Sample, target: Path, seconds: float, width: int, height: int, fps: int) -> None:
    options = f"size={width}x{height}:rate={fps}"
    graph = av.filter.Graph()
    source = graph.add(sample.source, f"{options}:{sample.options}" if sample.options else options)
    source.link_to(graph.add("buffersink"))
    graph.configure()
    partial = target.with_name(target.name + ".part")
    with av.open(str(partial), "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.codec_context.options = {"preset": "veryfast", "crf": "26"}
        for index in range(round(seconds * fps)):
            try:
                frame = graph.pull()
            except (av.error.EOFError, av.error.BlockingIOError):
                break
            frame = frame.reformat(format="yuv420p")
            frame.pts, frame.time_base = index, Fraction(1, fps)
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    os.replace(partial, target)


class SampleVideosPanel(QWidget):
    """"Make sample videos" → files in a folder the person can open; work off the GUI thread."""

    def __init__(self, folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder or default_samples_folder()
        self.made: list[Path] = []
        self.tasks = BackgroundTasks(self, max_threads=1)
        self.make_button = QPushButton(self.tr("&Make sample videos"))
        self.make_button.setAccessibleName(self.tr("Make sample videos"))
        self.make_button.setToolTip(self.tr("Makes three short videos you can drop into Pixop Desktop"))
        self.open_button = QPushButton(self.tr("Open samples &folder"))
        self.open_button.setAccessibleName(self.tr("Open samples folder"))
        self.open_button.setEnabled(self.folder.is_dir())
        self.status_label = QLabel(self.tr("They will be saved in {folder}").format(folder=self.folder))
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("Sample videos status"))
        for button in (self.make_button, self.open_button):
            button.setAutoDefault(False)  # Enter in the welcome means Start, even when one of these has focus
        self.make_button.clicked.connect(self.make_samples)
        self.open_button.clicked.connect(self.open_folder)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.make_button)
        row.addWidget(self.open_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status_label)

    @Slot()
    def make_samples(self) -> None:
        if self.tasks.busy():
            return
        self.make_button.setEnabled(False)
        self.status_label.setText(self.tr("Making sample videos…"))
        self.tasks.run("samples", make_sample_videos, self.folder, on_done=self._on_made, on_error=self._on_failed,
                       on_finished=self._on_finished)

    def _on_made(self, files: list[Path]) -> None:
        self.made = list(files)
        self.status_label.setText(self.tr("%n sample video(s) in {folder}", "", len(files)).format(folder=self.folder))
        self.open_button.setEnabled(True)

    def _on_failed(self, title: str, message: str) -> None:
        self.status_label.setText(self.tr("Could not make the samples: {message}").format(message=message))

    def _on_finished(self) -> None:
        self.make_button.setEnabled(True)

    @Slot()
    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))

    def wait(self) -> None:
        """Let a running job finish (closing the welcome, tests)."""
        self.tasks.wait()
