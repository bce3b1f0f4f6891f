""""Save as preset…": a name, a description, what is saved, and a plain message when it cannot be.

A preset is meant for other videos, so the clip range of the video at hand
(its start and end times) is left out unless the person ticks "Include the
clip range": a range from a 4-second video would clip, or fail on, the next one.
The reasons a save is refused are worded here, per kind of error, in the
person's language (the store's English texts are for the CLI and the log).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from pixop_desktop.processing import ProcessingRequest
from pixop_desktop.presets import Preset, PresetError, save_preset
from pixop_desktop.presets.model import MAX_NAME
from pixop_desktop.presets.store import PresetNameTaken
from pixop_desktop.ui.request_text import clock_text, request_lines
from pixop_desktop.ui.translations import PRESETS, core_text
from pixop_desktop.ui.colors import text_style

MIN_WIDTH = 480  # room for a two-line reason without squashing the fields


def without_range(request: ProcessingRequest) -> ProcessingRequest:
    """The request with its clip range left out."""
    body = request.to_json()
    body.pop("range", None)
    return ProcessingRequest.from_json(body)


def _note(style: str = "") -> QLabel:
    note = QLabel()
    note.setWordWrap(True)
    note.setTextFormat(Qt.TextFormat.PlainText)
    note.setStyleSheet(style)
    return note


class SavePresetDialog(QDialog):
    """Saves ``request`` (without its clip range unless asked) on Save; stays open, explaining, if it cannot."""

    def __init__(self, request: ProcessingRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request = request
        self.saved: Preset | None = None
        self.setWindowTitle(self.tr("Save as preset"))
        self.setMinimumWidth(MIN_WIDTH)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Preset name"))
        self.description_edit = QLineEdit()
        self.description_edit.setAccessibleName(self.tr("Preset description"))
        self.replace_box = QCheckBox(self.tr("&Replace my preset of the same name"))
        self.replace_box.setAccessibleName(self.tr("Replace a preset of the same name"))
        self.range_box = QCheckBox(self.tr("&Include the clip range (start–end)"))
        self.range_box.setAccessibleName(self.tr("Include the clip range in the preset"))
        self.range_box.setVisible(request.range is not None)
        self.range_box.toggled.connect(self._show_what_is_saved)
        self.saves_label = _note()
        self.saves_label.setAccessibleName(self.tr("What the preset saves"))
        self.error_label = _note(text_style("problem"))
        self.error_label.setAccessibleName(self.tr("Why the preset was not saved"))
        self.error_label.hide()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Description:"), self.description_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.replace_box)
        layout.addWidget(self.range_box)
        layout.addWidget(self.saves_label)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._show_what_is_saved()

    def request_to_save(self) -> ProcessingRequest:
        """What Save stores: the request, with its clip range only when that is ticked."""
        if self.request.range is None or self.range_box.isChecked():
            return self.request
        return without_range(self.request)

    @Slot()
    def _show_what_is_saved(self) -> None:
        lines = [self.tr("{field}: {value}").format(field=f, value=v)
                 for f, v in request_lines(self.request_to_save())]
        text = self.tr("The preset saves:") + "\n" + ("\n".join(f"• {line}" for line in lines) if lines
                                                      else self.tr("• nothing (every setting is left to Pixop)"))
        clip = self.request.range
        if clip is not None and not self.range_box.isChecked():
            span = self._span(clip)
            text += "\n" + self.tr("The clip range ({span}) is left out, so the preset suits videos of any "
                                   "length.").format(span=span)
        self.saves_label.setText(text)
        self._fit()

    def _span(self, clip) -> str:
        start = clip.start_position_milliseconds
        end = clip.end_position_milliseconds
        return "{}–{}".format(clock_text(start or 0), clock_text(end) if end is not None else self.tr("end"))

    def _fit(self) -> None:
        """Let the dialog grow (never shrink below the person's size) so no text is cut off.
        Before it is first shown Qt sizes it to its contents by itself."""
        if not self.isVisible():
            return
        layout = self.layout()
        layout.activate()
        width = max(self.width(), self.sizeHint().width())
        needed = layout.heightForWidth(width) if layout.hasHeightForWidth() else self.sizeHint().height()
        self.resize(width, max(self.height(), needed, self.minimumSizeHint().height()))

    def refusal_text(self, error: PresetError) -> str:
        """Why the save was refused, in the person's language, keyed on the kind of error."""
        if isinstance(error, PresetNameTaken) and error.code == PresetNameTaken.BUILT_IN:
            return self.tr("“{name}” is the name of a built-in preset. Choose another name.").format(
                name=core_text(PRESETS, error.existing))
        if isinstance(error, PresetNameTaken):
            return self.tr("You already have a preset called “{name}”. Choose another name, or tick "
                           "“Replace my preset of the same name”.").format(name=error.existing)
        return self.tr("The preset could not be saved: {reason}").format(reason=f"{error.title}: {error.message}")

    def _name_problem(self) -> str | None:
        """The name checks of the preset store, worded here so they can be translated."""
        name = " ".join(self.name_edit.text().split())
        if not name:
            return self.tr("Give the preset a name of a few words.")
        if len(name) > MAX_NAME:
            return self.tr("Keep the preset's name to {n} characters or fewer.").format(n=MAX_NAME)
        if not all(ch.isprintable() for ch in name):
            return self.tr("The preset's name contains characters that cannot be shown.")
        return None

    def _refuse(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self._fit()

    @Slot()
    def save(self) -> None:
        problem = self._name_problem()
        if problem:
            self._refuse(problem)
            return
        try:
            self.saved = save_preset(self.name_edit.text(), self.request_to_save(), self.description_edit.text(),
                                     overwrite=self.replace_box.isChecked())
        except PresetError as exc:
            self._refuse(self.refusal_text(exc))
            return
        except OSError as exc:  # e.g. a full disk or a read-only data folder
            self._refuse(self.tr("The preset could not be written: {reason}").format(
                reason=exc.strerror or str(exc)))
            return
        self.accept()
