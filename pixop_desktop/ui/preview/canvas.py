"""The before/after picture: one frame of the original and of Pixop's result, compared.

Split view: both frames fill the same rectangle (the result scaled to the original's
display size, however big it is); the original shows left of a divider, the result right
of it. Drag the divider with the mouse, or move it with Shift+←/→ (Home/End: all one side).
Side by side: the two frames next to each other, each in half the space.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

SPLIT, SIDE_BY_SIDE = "split", "side_by_side"
KEY_STEP = 0.05  # Shift+arrow moves the divider by this share of the picture
_BACKGROUND = QColor(24, 24, 24)
_LABEL_BACK = QColor(0, 0, 0, 150)


def fitted(area: QRectF, aspect: float) -> QRectF:
    """The largest rectangle of ``aspect`` (width/height) centred in ``area``."""
    if area.width() <= 0 or area.height() <= 0 or aspect <= 0:
        return QRectF(area)
    width = min(area.width(), area.height() * aspect)
    height = width / aspect
    return QRectF(area.x() + (area.width() - width) / 2, area.y() + (area.height() - height) / 2, width, height)


class CompareCanvas(QWidget):
    """``divider`` is a share (0–1) of the picture's width; ``dividerMoved`` tells a change."""

    dividerMoved = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewCanvas")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 180)
        self.setAccessibleName(self.tr("Before and after picture"))
        self.setAccessibleDescription(self.tr(
            "Left of the line: the original. Right of it: Pixop's result. "
            "Drag the line, or press Shift with the left or right arrow key to move it."))
        self.before, self.after = QImage(), QImage()
        self.aspect = 16 / 9
        self.mode = SPLIT
        self.divider = 0.5
        self._dragging = False

    # ----- what it shows --------------------------------------------------------------------

    def set_images(self, before: QImage, after: QImage) -> None:
        self.before, self.after = before, after
        self.update()

    def set_aspect(self, aspect: float) -> None:
        self.aspect = aspect if aspect > 0 else 16 / 9
        self.update()

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.update()

    def set_divider(self, share: float) -> None:
        share = min(1.0, max(0.0, share))
        if share != self.divider:
            self.divider = share
            self.update()
            self.dividerMoved.emit(share)

    def picture_rect(self) -> QRectF:
        """Where the split view draws both frames."""
        return fitted(QRectF(self.rect()), self.aspect)

    def side_rects(self) -> tuple[QRectF, QRectF]:
        """Where side by side draws the original and the result."""
        half, gap = self.width() / 2, 4
        left = QRectF(0, 0, half - gap / 2, self.height())
        right = QRectF(half + gap / 2, 0, half - gap / 2, self.height())
        return fitted(left, self.aspect), fitted(right, self.aspect)

    def divider_x(self) -> float:
        rect = self.picture_rect()
        return rect.x() + rect.width() * self.divider

    # ----- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), _BACKGROUND)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if self.mode == SPLIT:
            self._paint_split(painter)
        else:
            left, right = self.side_rects()
            self._draw(painter, self.before, left, left)
            self._draw(painter, self.after, right, right)
            self._label(painter, left, self._named(self.tr("Before"), self.before), Qt.AlignmentFlag.AlignLeft)
            self._label(painter, right, self._named(self.tr("After"), self.after), Qt.AlignmentFlag.AlignRight)
        painter.end()

    def _paint_split(self, painter: QPainter) -> None:
        rect = self.picture_rect()
        x = self.divider_x()
        self._draw(painter, self.before, rect, QRectF(rect.x(), rect.y(), x - rect.x(), rect.height()))
        self._draw(painter, self.after, rect, QRectF(x, rect.y(), rect.right() - x, rect.height()))
        painter.setPen(QPen(QColor("white"), 2))
        painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
        painter.setBrush(QColor("white"))
        painter.drawEllipse(QPointF(x, rect.center().y()), 7, 7)
        self._label(painter, rect, self._named(self.tr("Before"), self.before), Qt.AlignmentFlag.AlignLeft)
        self._label(painter, rect, self._named(self.tr("After"), self.after), Qt.AlignmentFlag.AlignRight)

    def _named(self, side: str, image: QImage) -> str:
        """"After · 1440×1152": the frame's own size (both are drawn the same size to compare)."""
        if image.isNull():
            return side
        return self.tr("{side} · {width}×{height}").format(side=side, width=image.width(), height=image.height())

    @staticmethod
    def _draw(painter: QPainter, image: QImage, target: QRectF, visible: QRectF) -> None:
        """``image`` scaled to ``target``, only the part inside ``visible``."""
        if image.isNull() or visible.width() <= 0:
            return
        painter.save()
        painter.setClipRect(visible)
        painter.drawImage(target, image)
        painter.restore()

    def _label(self, painter: QPainter, rect: QRectF, text: str, side: Qt.AlignmentFlag) -> None:
        metrics = painter.fontMetrics()
        width, height = metrics.horizontalAdvance(text) + 12, metrics.height() + 6
        x = rect.x() + 6 if side == Qt.AlignmentFlag.AlignLeft else rect.right() - width - 6
        box = QRectF(x, rect.y() + 6, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_LABEL_BACK)
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(QColor("white"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    # ----- moving the divider ------------------------------------------------------------------

    def _share_at(self, x: float) -> float:
        rect = self.picture_rect()
        return (x - rect.x()) / rect.width() if rect.width() > 0 else 0.5

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.mode == SPLIT and event.button() == Qt.MouseButton.LeftButton:
            self._dragging = True
            self.setCursor(Qt.CursorShape.SplitHCursor)
            self.set_divider(self._share_at(event.position().x()))
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging:
            self.set_divider(self._share_at(event.position().x()))
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._dragging = False
        self.unsetCursor()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        shifted = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        key = event.key()
        if self.mode == SPLIT and shifted and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.set_divider(self.divider + (KEY_STEP if key == Qt.Key.Key_Right else -KEY_STEP))
        elif self.mode == SPLIT and key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self.set_divider(0.0 if key == Qt.Key.Key_Home else 1.0)
        else:
            super().keyPressEvent(event)  # plain arrows step frames: the viewer's shortcuts
