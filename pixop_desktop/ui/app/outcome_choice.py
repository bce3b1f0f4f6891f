"""The first run's second step: what should Pixop do with your videos?

A few outcomes in plain words, each with a small before/after picture, mapped to what the
intake panel's "After upload" holds (``settings.after_upload``): a built-in preset, upload
only, or the wizard each time. The recommended outcome is preselected, so Enter takes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QButtonGroup, QFrame, QGridLayout, QHBoxLayout, QLabel, QRadioButton, QVBoxLayout, QWidget

from pixop_desktop.settings import (AFTER_UPLOAD_CHOOSE, AFTER_UPLOAD_NOTHING, AFTER_UPLOAD_PRESET,
                                    RECOMMENDED_PRESET)
from pixop_desktop.ui.app.outcome_pictures import picture

CONTEXT = "OutcomeChoice"


@dataclass(frozen=True)
class Outcome:
    value: str            # settings.after_upload
    title: str            # with an Alt-letter; marked for translators in CONTEXT
    description: str
    before: str | None    # outcome_pictures.PICTURES keys; None: no picture
    after: str | None
    before_words: str = ""  # what the picture shows, for screen readers and the tooltip
    after_words: str = ""


OUTCOMES: tuple[Outcome, ...] = (
    Outcome(AFTER_UPLOAD_PRESET + RECOMMENDED_PRESET,
            QT_TRANSLATE_NOOP("OutcomeChoice", "&Make it sharper and bigger (HD) — recommended"),
            QT_TRANSLATE_NOOP("OutcomeChoice", "Pixop enlarges each video to HD (1080 lines high) and brings back "
                                              "detail, then the result is saved on this computer."),
            "soft", "sharp", QT_TRANSLATE_NOOP("OutcomeChoice", "Before: small and soft"),
            QT_TRANSLATE_NOOP("OutcomeChoice", "After: sharp and big")),
    Outcome(AFTER_UPLOAD_PRESET + "Restore interlaced SD tape",
            QT_TRANSLATE_NOOP("OutcomeChoice", "Clean up old &tape (deinterlace + denoise)"),
            QT_TRANSLATE_NOOP("OutcomeChoice", "For digitised VHS, Betacam or DV: removes the comb lines and "
                                              "the grain, steadies jitter and doubles the size; the result is "
                                              "saved here."),
            "old_tape", "sharp", QT_TRANSLATE_NOOP("OutcomeChoice", "Before: comb lines and grain"),
            QT_TRANSLATE_NOOP("OutcomeChoice", "After: clean")),
    Outcome(AFTER_UPLOAD_NOTHING,
            QT_TRANSLATE_NOOP("OutcomeChoice", "&Just store on Pixop"),
            QT_TRANSLATE_NOOP("OutcomeChoice", "Uploads only: nothing is processed or downloaded. You can process "
                                              "a video later."),
            "sharp", "stored", QT_TRANSLATE_NOOP("OutcomeChoice", "Your video"),
            QT_TRANSLATE_NOOP("OutcomeChoice", "Kept on Pixop, unchanged")),
    Outcome(AFTER_UPLOAD_CHOOSE,
            QT_TRANSLATE_NOOP("OutcomeChoice", "Let me &choose the settings each time"),
            QT_TRANSLATE_NOOP("OutcomeChoice", "Opens the processing settings for each batch of videos you add."),
            None, None),
)
RECOMMENDED = OUTCOMES[0].value


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class OutcomeChoice(QWidget):
    """The outcomes as radio buttons with pictures; :meth:`value` is what "After upload" starts from."""

    def __init__(self, results_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeChoice")
        heading = QLabel(self.tr("What should Pixop do with your videos?"))
        heading.setObjectName("outcomeHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        for outcome in OUTCOMES:
            layout.addWidget(self._row(outcome))
        self.folder_note = QLabel(self.tr("Results are saved in {folder}. You can change both at any time in "
                                          "the main window, next to “After upload”.").format(folder=results_folder))
        self.folder_note.setWordWrap(True)
        self.folder_note.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.folder_note)
        layout.addStretch(1)
        self.radios[RECOMMENDED].setChecked(True)

    def _row(self, outcome: Outcome) -> QWidget:
        row = _ClickableRow()
        radio = QRadioButton(_tr(outcome.title))
        radio.setAccessibleName(_tr(outcome.title).replace("&", ""))
        radio.setAccessibleDescription(_tr(outcome.description))
        self.group.addButton(radio)
        self.radios[outcome.value] = radio
        row.radio = radio
        description = QLabel(_tr(outcome.description))
        description.setWordWrap(True)
        description.setIndent(24)  # under the radio's text, not its circle
        text = QVBoxLayout()
        text.addWidget(radio)
        text.addWidget(description)
        text.addStretch(1)
        line = QHBoxLayout(row)
        line.setContentsMargins(4, 4, 4, 4)
        line.addLayout(text, 1)
        if outcome.before and outcome.after:
            line.addLayout(self._pictures(outcome))
        return row

    def _pictures(self, outcome: Outcome) -> QGridLayout:
        ratio = self.devicePixelRatioF()
        grid = QGridLayout()
        grid.setVerticalSpacing(0)
        for column, (kind, words) in enumerate(((outcome.before, outcome.before_words), (None, ""),
                                                (outcome.after, outcome.after_words))):
            if kind is None:
                arrow = QLabel(self.tr("→"))
                arrow.setAccessibleName(self.tr("becomes"))
                grid.addWidget(arrow, 0, column, Qt.AlignmentFlag.AlignCenter)
                continue
            image = QLabel()
            image.setPixmap(picture(kind, ratio))
            image.setAccessibleName(_tr(words))
            image.setToolTip(_tr(words))
            caption = QLabel(self.tr("Before") if column == 0 else self.tr("After"))
            font = caption.font()
            font.setPointSizeF(font.pointSizeF() * 0.85)
            caption.setFont(font)
            grid.addWidget(image, 0, column, Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(caption, 1, column, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        return grid

    def value(self) -> str:
        """``settings.after_upload`` for the checked outcome."""
        for value, radio in self.radios.items():
            if radio.isChecked():
                return value
        return RECOMMENDED


class _ClickableRow(QFrame):
    """A click anywhere on the row (its pictures, its description) chooses it."""

    radio: QRadioButton

    def __init__(self) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)

    def mousePressEvent(self, event) -> None:
        self.radio.setChecked(True)
        self.radio.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)
