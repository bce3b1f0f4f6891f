"""Small before/after pictures for the first-run choice, drawn with Qt at run time.

One made-up scene (sky, sun, hills, a house) is drawn at the size shown; "before" versions are
damaged the way the source usually is: small and soft (drawn tiny, then enlarged smoothly), or
old tape (every other line shifted sideways — the comb of interlacing — and grain). Drawn, not
shipped as images, so they follow the screen's pixel ratio and need no files in a bundle.
"""

from __future__ import annotations

import random

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPainterPath, QPixmap

WIDTH, HEIGHT = 96, 72


def _scene(width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(width / WIDTH, height / HEIGHT)
    sky = QLinearGradient(0, 0, 0, HEIGHT)
    sky.setColorAt(0, QColor("#4a90d9"))
    sky.setColorAt(1, QColor("#bfe0ff"))
    painter.fillRect(QRectF(0, 0, WIDTH, HEIGHT), sky)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#ffd34d"))
    painter.drawEllipse(QPointF(74, 16), 9, 9)
    hills = QPainterPath(QPointF(0, 50))
    hills.cubicTo(20, 36, 40, 40, 56, 48)
    hills.cubicTo(70, 54, 84, 40, WIDTH, 44)
    hills.lineTo(WIDTH, HEIGHT)
    hills.lineTo(0, HEIGHT)
    painter.setBrush(QColor("#3f9b4a"))
    painter.drawPath(hills)
    painter.setBrush(QColor("#f4efe6"))  # the house: fine lines show what sharpness means
    painter.drawRect(QRectF(20, 40, 20, 16))
    painter.setBrush(QColor("#b5442f"))
    painter.drawPolygon([QPointF(17, 41), QPointF(30, 30), QPointF(43, 41)])
    painter.setBrush(QColor("#3b5b7a"))
    for x in (23, 33):
        painter.drawRect(QRectF(x, 44, 4, 4))
    painter.setBrush(QColor("#6b4226"))
    painter.drawRect(QRectF(28, 49, 4, 7))
    painter.end()
    return image


def _sharp(scale: float) -> QImage:
    return _scene(round(WIDTH * scale), round(HEIGHT * scale))


def _soft(scale: float) -> QImage:
    """Smaller, and drawn a quarter of the size then enlarged: what SD looks like next to HD."""
    small = _scene(WIDTH // 4, HEIGHT // 4)
    return small.scaled(round(WIDTH * 2 / 3 * scale), round(HEIGHT * 2 / 3 * scale),
                        Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)


def _old_tape(scale: float) -> QImage:
    """Every other line shifted sideways (a moving picture's two fields), and grain."""
    image = _scene(round(WIDTH * scale), round(HEIGHT * scale))
    shift = max(3, round(4 * scale))
    out = image.copy()
    painter = QPainter(out)
    step = max(1, round(scale))
    for y in range(0, image.height(), 2 * step):
        painter.drawImage(QPointF(shift, y), image, QRectF(0, y, image.width() - shift, step))
    painter.end()
    noise = random.Random(7)  # the same grain every time: a picture, not an animation
    for _ in range(out.width() * out.height() // 12):
        x, y = noise.randrange(out.width()), noise.randrange(out.height())
        out.setPixelColor(x, y, out.pixelColor(x, y).lighter(noise.choice((70, 140))))
    return out


def _stored(scale: float) -> QImage:
    """The picture unchanged, with a cloud: it is kept on Pixop."""
    image = _sharp(scale)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(scale, scale)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("white"))
    for x, y, r in ((16, 18, 7), (26, 13, 9), (36, 18, 7)):  # a cloud in the empty sky, left of the sun
        painter.drawEllipse(QPointF(x, y), r, r)
    painter.drawRect(QRectF(16, 18, 20, 7))
    painter.end()
    return image


PICTURES = {"soft": _soft, "sharp": _sharp, "old_tape": _old_tape, "stored": _stored}


def picture(kind: str, device_pixel_ratio: float = 1.0) -> QPixmap:
    """One of ``PICTURES`` as a pixmap (WIDTH × HEIGHT logical pixels, "soft" smaller), sharp on a high-DPI
    screen."""
    ratio = max(1.0, device_pixel_ratio)
    pixmap = QPixmap.fromImage(PICTURES[kind](ratio))
    pixmap.setDevicePixelRatio(ratio)
    return pixmap
