"""Step 2: only what the chosen goal needs — a suggestion for an interlaced video, a warning when
the order would change nothing — and the door to every technical setting ("Advanced")."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QLabel, QVBoxLayout, QWidget, QWizardPage

from pixop_desktop.processing import Deinterlacer, OutputPlan, SourceInfo, label
from pixop_desktop.ui.colors import text_style
from pixop_desktop.ui.translations import PROCESSING, core_text

from .steps import add_step_label

SUGGESTED_DEINTERLACER = Deinterlacer.BWDIF
BOX_STYLE = "QFrame#{name} {{ border: 1px solid palette(mid); border-radius: 4px; padding: 6px }}"


def wrapped(text: str = "", accessible: str = "") -> QLabel:
    note = QLabel(text)
    note.setWordWrap(True)
    note.setTextFormat(Qt.TextFormat.PlainText)
    if accessible:
        note.setAccessibleName(accessible)
    return note


class DetailsPage(QWizardPage):
    """``deinterlace_toggled(bool)`` and ``advanced_toggled(bool)`` when the person ticks a box."""

    deinterlace_toggled = Signal(bool)
    advanced_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_details")
        self.setTitle(self.tr("Check the details"))
        self.setSubTitle(self.tr("Only what your choice needs. Everything else stays as in the original."))
        self.step_label = add_step_label(self)
        self.goal_label = wrapped(accessible=self.tr("Your choice"))
        self.goal_label.setStyleSheet("font-weight: bold")
        self.interlace_box = QFrame()
        self.interlace_box.setObjectName("interlace")
        self.interlace_box.setStyleSheet(BOX_STYLE.format(name="interlace"))
        self.interlace_note = wrapped(accessible=self.tr("Interlaced video"))
        self.deinterlace_check = QCheckBox(self.tr("&Remove the interlacing (recommended)"))
        self.deinterlace_check.setAccessibleName(self.tr("Remove the interlacing"))
        self.deinterlace_check.toggled.connect(self.deinterlace_toggled)
        inner = QVBoxLayout(self.interlace_box)
        inner.addWidget(self.interlace_note)
        inner.addWidget(self.deinterlace_check)
        self.interlace_box.hide()
        self.nothing_label = wrapped(accessible=self.tr("Warning"))
        self.nothing_label.setStyleSheet(text_style("problem", bold=True))
        self.nothing_label.hide()
        self.none_needed = wrapped(self.tr("Nothing more is needed for this choice. "
                                           "Press Next to see what you will get."))
        self.advanced_check = QCheckBox(self.tr("Change the technical settings myself (&Advanced)"))
        self.advanced_check.setAccessibleName(self.tr("Advanced settings"))
        advanced_help = wrapped(self.tr("Scaler, size, frame rate, file format and codec, chroma subsampling, "
                                        "bitrate, clip range and every other setting Pixop offers, "
                                        "on the next pages."))
        advanced_help.setStyleSheet("color: palette(placeholder-text); margin-left: 24px")
        advanced_help.setBuddy(self.advanced_check)
        self.advanced_check.setAccessibleDescription(advanced_help.text())
        self.advanced_check.toggled.connect(self.advanced_toggled)
        layout = self.layout()
        for widget in (self.goal_label, self.interlace_box, self.nothing_label, self.none_needed):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.advanced_check)
        layout.addWidget(advanced_help)

    def show_goal(self, name: str, description: str) -> None:
        self.goal_label.setText(f"{name}: {description}" if description else name)

    def refresh(self, source: SourceInfo | None, plan: OutputPlan | None, offered: bool,
                nothing: str) -> None:
        """``offered``: the deinterlacing box is the person's (they ticked it, or the output stays
        interlaced); ``nothing``: the warning for an order that changes nothing, or ""."""
        interlaced = source is not None and source.interlaced
        self.interlace_box.setVisible(interlaced and plan is not None)
        if interlaced and plan is not None:
            self._show_interlace(source, plan, offered)
        self.nothing_label.setText(nothing)
        self.nothing_label.setVisible(bool(nothing))
        self.none_needed.setVisible(not self.interlace_box.isVisibleTo(self) and not nothing)

    def _show_interlace(self, source: SourceInfo, plan: OutputPlan, offered: bool) -> None:
        order = (self.tr("bottom field first") if source.field_order == "bff"
                 else self.tr("top field first"))
        if offered:
            text = self.tr("This video is interlaced ({order}): on computers, phones and the web it shows "
                           "comb-like lines when things move. We suggest removing the interlacing.")
        else:
            deinterlacer = next((d for d in Deinterlacer if d.value in plan.filters), SUGGESTED_DEINTERLACER)
            text = self.tr("This video is interlaced ({order}). Your choice removes the interlacing "
                           "({how}), so it plays smoothly on computers, phones and the web.")
            text = text.replace("{how}", core_text(PROCESSING, label(deinterlacer)))
        self.interlace_note.setText(text.format(order=order))
        self.deinterlace_check.setVisible(offered)
        self.deinterlace_check.blockSignals(True)
        self.deinterlace_check.setChecked(plan.interlaced is None)
        self.deinterlace_check.blockSignals(False)
