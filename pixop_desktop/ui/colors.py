"""Colours for words that warn, fail or succeed, readable in light and in dark mode.

A fixed dark red on the system's window colour is unreadable once the system is dark; each
colour here has a light-mode and a dark-mode shade, chosen by the palette in use, both with a
contrast ratio of at least 4.5:1 (WCAG AA) against the usual window colours.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QPalette

# kind: (on a light window, on a dark window)
_SHADES = {
    "problem": ("#b00020", "#ff8a80"),
    "success": ("#1b6e2a", "#81c784"),
    "warning": ("#8a5300", "#ffcc80"),
}


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def colour(kind: str, palette: QPalette | None = None) -> str:
    light, dark = _SHADES[kind]
    return dark if is_dark(palette) else light


def text_style(kind: str, *, bold: bool = False, palette: QPalette | None = None) -> str:
    """A style sheet for a label's text of this kind (``problem``, ``success``, ``warning``)."""
    return f"color: {colour(kind, palette)};" + (" font-weight: bold;" if bold else "")
