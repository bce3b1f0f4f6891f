"""An inline banner that shows a failure as a bold title and a plain message."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class ErrorBanner(QFrame):
    """Hidden until :meth:`show_error`; server text is shown as plain text, never rich text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#errorBanner { background: #fdecea; border: 1px solid #f5c2c0; border-radius: 6px; }"
                           "#errorBanner QLabel { color: #5f1d1a; }")
        self.setAccessibleName(self.tr("Error"))
        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.message_label = QLabel()
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss_button = QPushButton(self.tr("&Dismiss"))
        self.dismiss_button.setAccessibleName(self.tr("Dismiss error"))
        self.dismiss_button.clicked.connect(self.clear)

        texts = QVBoxLayout()
        texts.addWidget(self.title_label)
        texts.addWidget(self.message_label)
        row = QHBoxLayout(self)
        row.addLayout(texts, 1)
        row.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    @Slot(str, str)
    def show_error(self, title: str, message: str) -> None:
        self.title_label.setText(title)
        self.message_label.setText(message)
        self.setAccessibleDescription(f"{title}: {message}")
        self.show()

    @Slot()
    def clear(self) -> None:
        self.title_label.clear()
        self.message_label.clear()
        self.hide()
