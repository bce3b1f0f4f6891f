"""An inline banner that shows a failure as a bold title and a plain message."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class Banner(QFrame):
    """A bold title and a plain message with a Dismiss button, hidden until shown.

    Server text is shown as plain text, never rich text. Subclasses choose the colours and words.
    """

    def __init__(self, name: str, colours: tuple[str, str, str], accessible_name: str, dismiss_text: str,
                 dismiss_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        background, border, text = colours
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"#{name} {{ background: {background}; border: 1px solid {border}; border-radius: 6px; }}"
                           f"#{name} QLabel {{ color: {text}; }}")
        self.setAccessibleName(accessible_name)
        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.message_label = QLabel()
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss_button = QPushButton(dismiss_text)
        self.dismiss_button.setAccessibleName(dismiss_name)

        texts = QVBoxLayout()
        texts.addWidget(self.title_label)
        texts.addWidget(self.message_label)
        row = QHBoxLayout(self)
        row.addLayout(texts, 1)
        row.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_text(self, title: str, message: str) -> None:
        self.title_label.setText(title)
        self.message_label.setText(message)
        self.setAccessibleDescription(f"{title}: {message}")
        self.show()


class ErrorBanner(Banner):
    """A failure, in red; Dismiss clears it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        # self.tr needs the QObject made first; lupdate reads QCoreApplication.translate literally.
        translate = QCoreApplication.translate
        super().__init__("errorBanner", ("#fdecea", "#f5c2c0", "#5f1d1a"), translate("ErrorBanner", "Error"),
                         translate("ErrorBanner", "&Dismiss"), translate("ErrorBanner", "Dismiss error"), parent)
        self.dismiss_button.clicked.connect(self.clear)

    @Slot(str, str)
    def show_error(self, title: str, message: str) -> None:
        self.show_text(title, message)

    @Slot()
    def clear(self) -> None:
        self.title_label.clear()
        self.message_label.clear()
        self.hide()


# A calm notice (nothing has failed: a reminder, a repair done) as opposed to the red error banner.
NOTICE_COLOURS = ("#fff8e1", "#f0d58c", "#4a3b00")


class RepairNotice(Banner):
    """Something of the app's own was found damaged and repaired (the job queue, say): calm,
    since the work goes on, but said, since the person may want the old copy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        translate = QCoreApplication.translate
        super().__init__("repairNotice", NOTICE_COLOURS,
                         translate("RepairNotice", "Repaired"), translate("RepairNotice", "D&ismiss"),
                         translate("RepairNotice", "Dismiss the repair notice"), parent)
        self.dismiss_button.clicked.connect(self.hide)


class PausedBanner(Banner):
    """Queue → Pause Everything is on: said where the person looks, with the way back (Resume).

    Honest about what a pause cannot stop: videos Pixop already processes go on there."""

    def __init__(self, parent: QWidget | None = None) -> None:
        translate = QCoreApplication.translate
        super().__init__("pausedBanner", NOTICE_COLOURS, translate("PausedBanner", "Everything is paused"),
                         translate("PausedBanner", "Resume &everything"),
                         translate("PausedBanner", "Resume everything"), parent)
        self.resume_button = self.dismiss_button

    def show_paused(self) -> None:
        self.show_text(self.tr("Everything is paused"), self.tr(
            "No video is sent or fetched until you resume. Videos Pixop is already processing go on "
            "there; their results are fetched when you resume."))
