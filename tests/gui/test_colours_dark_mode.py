"""Words that warn, fail or succeed stay readable in dark mode (WCAG AA contrast, 4.5:1)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from pixop_desktop.ui.colors import colour, text_style


def _luminance(colour_: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour_.red()) + 0.7152 * channel(colour_.green()) + 0.0722 * channel(colour_.blue())


def _contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _palette(window: str) -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(window))
    return palette


@pytest.mark.parametrize("window", ["#ffffff", "#efefef", "#f6f5f4", "#1e1e1e", "#2d2d2d", "#323232"])
@pytest.mark.parametrize("kind", ["problem", "success", "warning"])
def test_each_kind_is_readable_on_light_and_dark_windows(qapp, window, kind):
    palette = _palette(window)
    assert _contrast(QColor(colour(kind, palette)), QColor(window)) >= 4.5
    assert colour(kind, palette) in text_style(kind, palette=palette)
