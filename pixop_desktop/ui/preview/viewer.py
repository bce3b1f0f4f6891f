"""The before/after viewer of a preview: compare, step, play; then process the whole video or try other settings.

Frames come from ``PreviewDecoder`` (its own thread); this dialog only shows them. The
keyboard does everything the mouse does: ←/→ step a frame, Shift+←/→ move the divider,
Space plays and pauses (while the picture has the focus), Tab reaches every button.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (QButtonGroup, QDialog, QHBoxLayout, QLabel, QPushButton, QSlider,
                               QVBoxLayout, QWidget)

from pixop_desktop.jobs.preview_files import hold, release
from pixop_desktop.services.preview import Preview
from pixop_desktop.ui.preview.canvas import KEY_STEP, SIDE_BY_SIDE, SPLIT, CompareCanvas
from pixop_desktop.ui.preview.decoder import PreviewDecoder


def clock(seconds: float) -> str:
    """h:mm:ss.s, as a position in a video is read."""
    tenths = round(seconds * 10)
    hours, rest = divmod(tenths, 36000)
    minutes, rest = divmod(rest, 600)
    return f"{hours}:{minutes:02d}:{rest // 10:02d}.{rest % 10}"


class PreviewViewer(QDialog):
    """``process_whole`` / ``other_settings`` carry the job id; the dialog closes itself after either."""

    process_whole = Signal(int)
    other_settings = Signal(int)

    def __init__(self, preview: Preview, name: str, *, can_process: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setObjectName("previewViewer")
        self.setWindowTitle(self.tr("Preview — {name}").format(name=name))
        self.setAccessibleName(self.tr("Preview of {name}").format(name=name))
        self.frame_count, self.fps, self.index, self.shown = 1, 25.0, 0, -1
        self.canvas = CompareCanvas()
        self.decoder = PreviewDecoder(self)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self._build(can_process)
        self.decoder.opened.connect(self._opened)
        self.decoder.frames.connect(self._frames)
        self.decoder.failed.connect(self._failed)
        self.decoder.load(preview)
        # Neither removing the job nor tidying up may delete the files while they are shown.
        self._held = hold([preview.original, preview.result])
        self.resize(900, 620)

    # ----- building ------------------------------------------------------------------------

    def _button(self, text: str, accessible: str, slot, tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(accessible)
        if tip:
            button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _build(self, can_process: bool) -> None:
        start, end = self.preview.start_ms / 1000, self.preview.end_ms / 1000
        self.intro = QLabel(self.tr("Seconds {start}–{end} of the video, processed with its settings. "
                                    "Left of the line: the original. Right: Pixop's result.")
                            .format(start=clock(start), end=clock(end)))
        self.intro.setWordWrap(True)
        self.split_button = self._button(self.tr("&Split"), self.tr("Split view"), self._show_split)
        self.side_button = self._button(self.tr("Side &by side"), self.tr("Side by side view"), self._show_side)
        self.modes = QButtonGroup(self)
        for button in (self.split_button, self.side_button):
            button.setCheckable(True)
            self.modes.addButton(button)
        self.split_button.setChecked(True)
        self.back_button = self._button(self.tr("◀ Frame"), self.tr("Previous frame"), self.step_back,
                                        self.tr("Previous frame (←)"))
        self.play_button = self._button(self.tr("&Play"), self.tr("Play both"), self.toggle_play,
                                        self.tr("Play the original and the result together (Space)"))
        self.next_button = self._button(self.tr("Frame ▶"), self.tr("Next frame"), self.step_forward,
                                        self.tr("Next frame (→)"))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setAccessibleName(self.tr("Position in the preview"))
        self.slider.setRange(0, 0)
        self.slider.valueChanged.connect(self.go_to)
        self.position = QLabel()
        self.position.setAccessibleName(self.tr("Frame and time"))
        controls = QHBoxLayout()
        for widget in (self.split_button, self.side_button, self.back_button, self.play_button, self.next_button):
            controls.addWidget(widget)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.position)
        self.other_button = self._button(self.tr("&Try other settings…"), self.tr("Try other settings"),
                                         self._other_settings,
                                         self.tr("Change how Pixop processes this video, then preview again"))
        self.whole_button = self._button(self.tr("Process the &whole video"), self.tr("Process the whole video"),
                                         self._process_whole, self.tr("Approve: Pixop processes (and charges "
                                                                      "for) the whole video with these settings"))
        self.whole_button.setEnabled(can_process)
        if not can_process:
            self.whole_button.setToolTip(self.tr("This video does not wait for approval."))
        self.close_button = self._button(self.tr("Close"), self.tr("Close the preview"), self.reject)
        answers = QHBoxLayout()
        answers.addStretch(1)
        for button in (self.close_button, self.other_button, self.whole_button):
            answers.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(controls)
        layout.addLayout(answers)
        self._shortcuts()
        self.canvas.setFocus()
        self._show_position()

    def _shortcuts(self) -> None:
        keys = ((Qt.Key.Key_Left, self.step_back), (Qt.Key.Key_Right, self.step_forward),
                (Qt.Modifier.SHIFT | Qt.Key.Key_Left, lambda: self.canvas.set_divider(self.canvas.divider - KEY_STEP)),
                (Qt.Modifier.SHIFT | Qt.Key.Key_Right, lambda: self.canvas.set_divider(self.canvas.divider + KEY_STEP)))
        for key, slot in keys:
            QShortcut(QKeySequence(key), self, activated=slot)
        # Space plays only from the picture: on a focused button it still presses the button.
        QShortcut(QKeySequence(Qt.Key.Key_Space), self.canvas, activated=self.toggle_play,
                  context=Qt.ShortcutContext.WidgetShortcut)

    # ----- frames ----------------------------------------------------------------------------

    @Slot(int, float, float)
    def _opened(self, count: int, fps: float, aspect: float) -> None:
        self.frame_count, self.fps = count, fps
        self.canvas.set_aspect(aspect)
        self.slider.setRange(0, count - 1)
        self.timer.setInterval(max(10, round(1000 / fps)))
        self.decoder.want(0)

    @Slot(int, float, QImage, QImage)
    def _frames(self, index: int, t: float, before: QImage, after: QImage) -> None:
        self.shown = index
        self.canvas.set_images(before, after)
        self._show_position()

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.timer.stop()
        self.intro.setText(self.tr("The preview cannot be shown: {reason}").format(reason=message))

    def _show_position(self) -> None:
        seconds = max(0, self.shown) / self.fps
        self.position.setText(self.tr("Frame {n} of {count} · {time}").format(
            n=max(0, self.shown) + 1, count=self.frame_count, time=clock(self.preview.start_ms / 1000 + seconds)))

    # ----- moving through the preview --------------------------------------------------------

    @Slot(int)
    def go_to(self, index: int) -> None:
        index = min(self.frame_count - 1, max(0, index))
        self.index = index
        if self.slider.value() != index:
            self.slider.setValue(index)  # comes back here once, with the same index
            return
        self.decoder.want(index)

    @Slot()
    def step_back(self) -> None:
        self.pause()
        self.go_to(self.index - 1)

    @Slot()
    def step_forward(self) -> None:
        self.pause()
        self.go_to(self.index + 1)

    @Slot()
    def toggle_play(self) -> None:
        if self.timer.isActive():
            self.pause()
            return
        if self.index >= self.frame_count - 1:
            self.go_to(0)
        self.timer.start()
        self.play_button.setText(self.tr("&Pause"))
        self.play_button.setAccessibleName(self.tr("Pause"))

    def pause(self) -> None:
        self.timer.stop()
        self.play_button.setText(self.tr("&Play"))
        self.play_button.setAccessibleName(self.tr("Play both"))

    @Slot()
    def _tick(self) -> None:
        """One frame on; a frame still decoding is waited for (both sides stay on one moment)."""
        if self.decoder.busy:
            return
        if self.index >= self.frame_count - 1:
            self.pause()
            return
        self.go_to(self.index + 1)

    @Slot()
    def _show_split(self) -> None:
        self.canvas.set_mode(SPLIT)

    @Slot()
    def _show_side(self) -> None:
        self.canvas.set_mode(SIDE_BY_SIDE)

    # ----- the answers ---------------------------------------------------------------------------

    @Slot()
    def _process_whole(self) -> None:
        self.process_whole.emit(self.preview.job_id)
        self.accept()

    @Slot()
    def _other_settings(self) -> None:
        self.other_settings.emit(self.preview.job_id)
        self.accept()

    def done(self, result: int) -> None:
        self._stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop()
        super().closeEvent(event)

    def _stop(self) -> None:
        self.timer.stop()
        self.decoder.stop()
        release(self._held)
        self._held = []
