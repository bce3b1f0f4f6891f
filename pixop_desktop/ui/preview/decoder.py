"""The preview's decoder: PyAV on a thread of its own, frames handed to the viewer as QImages by signals.

The viewer asks for one frame index at a time (``wanted``) and asks again only when the
answer came (``frames``), so a fast drag or playback never piles up work: what is decoded
is always the newest wish. Nothing here runs in the GUI thread but the signal hand-over.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtGui import QImage

from pixop_desktop.services.preview import Preview
from pixop_desktop.services.preview_frames import FrameReader, Picture, frame_count

log = logging.getLogger(__name__)


def _image(picture: Picture | None) -> QImage:
    if picture is None:
        return QImage()
    image = QImage(picture.rgb, picture.width, picture.height, picture.stride, QImage.Format.Format_RGB888)
    return image.copy()  # owns its pixels: the bytes object goes away with this function


class _Worker(QObject):
    """Lives in the decoder thread; its slots run there."""

    opened = Signal(int, float, float)          # frame count, frames per second, display aspect
    frames = Signal(int, float, QImage, QImage)  # index, seconds into the range, before, after
    failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.before: FrameReader | None = None
        self.after: FrameReader | None = None

    @Slot(object)
    def open(self, preview: Preview) -> None:
        try:
            self.before = FrameReader(preview.original, preview.original_start_ms / 1000)
            self.after = FrameReader(preview.result)
        except Exception as exc:  # a damaged download, a vanished file: said, never a crash
            log.warning("cannot open the preview's files", exc_info=True)
            self.failed.emit(str(exc))
            return
        duration = max(0.001, (preview.end_ms - preview.start_ms) / 1000)
        self.opened.emit(frame_count(duration, self.before.fps), self.before.fps, self.before.display_aspect)

    @Slot(int)
    def decode(self, index: int) -> None:
        if self.before is None or self.after is None:
            return
        t = index / self.before.fps
        try:
            before, after = self.before.frame_at(t), self.after.frame_at(t)
        except Exception as exc:
            log.warning("cannot decode frame %s of the preview", index, exc_info=True)
            self.failed.emit(str(exc))
            return
        self.frames.emit(index, t, _image(before), _image(after))

    def close(self) -> None:
        for reader in (self.before, self.after):
            if reader is not None:
                reader.close()
        self.before = self.after = None


class PreviewDecoder(QObject):
    """The viewer's handle on the decoder thread. ``load(preview)``, then ``wanted(index)``."""

    opened = Signal(int, float, float)
    frames = Signal(int, float, QImage, QImage)
    failed = Signal(str)
    _open = Signal(object)
    _decode = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread = QThread()
        self.thread.setObjectName("preview-decoder")
        self.worker = _Worker()
        self.worker.moveToThread(self.thread)
        self._open.connect(self.worker.open)
        self._decode.connect(self.worker.decode)
        self.worker.opened.connect(self.opened)
        self.worker.frames.connect(self._arrived)
        self.worker.failed.connect(self._failed)
        self.busy = False
        self._wish: int | None = None
        self.thread.start()

    def load(self, preview: Preview) -> None:
        self._open.emit(preview)

    def want(self, index: int) -> None:
        """Decode frame ``index`` of both sides (only the newest wish while one is decoding)."""
        if self.busy:
            self._wish = index
            return
        self.busy, self._wish = True, None
        self._decode.emit(index)

    @Slot(int, float, QImage, QImage)
    def _arrived(self, index: int, t: float, before: QImage, after: QImage) -> None:
        self.busy = False
        self.frames.emit(index, t, before, after)
        wish, self._wish = self._wish, None
        if wish is not None and wish != index:
            self.want(wish)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.busy, self._wish = False, None
        self.failed.emit(message)

    def stop(self) -> None:
        """End the thread (waits for the frame being decoded), then close the files."""
        if self.thread.isRunning():
            self.thread.quit()
            self.thread.wait()
        self.worker.close()
