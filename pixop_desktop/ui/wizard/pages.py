"""The wizard's Advanced pages: which fields each shows.

A page lists JSON paths only; its editors come from ``FIELDS``. A field of the
model that no page names lands on the "Finishing" page, so a field added to the
model is never out of reach.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget, QWizardPage

from pixop_desktop.processing import FIELDS, FIELDS_BY_PATH, Problem
from pixop_desktop.ui.translations import PROCESSING, core_text
from pixop_desktop.ui.colors import text_style

from .editors import FieldEditor, editor_for
from .steps import add_step_label


# (page id, title, subtitle, fields). Titles are translated when the page is made, by
# FieldsPage's self.tr: its context is "FieldsPage" for ClipPage too (PySide6 looks up the
# class the call is written in, as lupdate does).
PAGE_LAYOUT: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("restoration", QT_TRANSLATE_NOOP("FieldsPage", "Restoration"),
     QT_TRANSLATE_NOOP("FieldsPage", "Repair the picture: interlacing, noise and shake."),
     ("deinterlacer", "denoiser", "stabilizer")),
    ("resolution", QT_TRANSLATE_NOOP("FieldsPage", "Resolution and scaler"),
     QT_TRANSLATE_NOOP("FieldsPage", "The size of the result and how it is enlarged."),
     ("scaler", "resolution.tag", "resolution.width", "resolution.height",
      "resolution.aspectRatioTag", "clarityBoost")),
    ("frame_rate", QT_TRANSLATE_NOOP("FieldsPage", "Frame rate"),
     QT_TRANSLATE_NOOP("FieldsPage", "How many pictures per second the result has."),
     ("frameRate.tag", "frameRate.fps", "frameRateConverter")),
    ("output", QT_TRANSLATE_NOOP("FieldsPage", "Output format"),
     QT_TRANSLATE_NOOP("FieldsPage", "The kind of file you get back."),
     ("mediaContainerCodec.container", "mediaContainerCodec.codec", "appleProresProfile",
      "dnxhdHrProfile", "chromaSubsampling.yuv", "chromaSubsampling.bits", "bitrate.mbps",
      "scanning.tag", "scanning.scanningType", "scanning.interlacedFieldOrder")),
    ("finishing", QT_TRANSLATE_NOOP("FieldsPage", "Finishing"),
     QT_TRANSLATE_NOOP("FieldsPage", "A last touch applied after everything else."), ("postProcessor",)),
    ("clip", QT_TRANSLATE_NOOP("FieldsPage", "Clip range"),
     QT_TRANSLATE_NOOP("FieldsPage", "Process the whole video, or only part of it."),
     ("range.startPositionMilliseconds", "range.endPositionMilliseconds")),
)
LEFTOVERS_PAGE = "finishing"

OUTPUT_STYLE = "background: palette(base); border: 1px solid palette(mid); padding: 6px"
_ANNOUNCING = {"resolution", "frame_rate", "output", "finishing"}


def page_fields() -> dict[str, tuple[str, ...]]:
    """Each page's fields, with any field of the model no page names added to the last."""
    layout = {page_id: paths for page_id, _t1, _t2, paths in PAGE_LAYOUT}
    named = {path for paths in layout.values() for path in paths}
    leftovers = tuple(s.path for s in FIELDS if s.kind != "group" and s.path not in named)
    layout[LEFTOVERS_PAGE] = layout[LEFTOVERS_PAGE] + leftovers
    return layout


def problem_lines(problems: list[Problem]) -> str:
    """One bullet per problem; fixed sentences of the rules are translated, built ones stay English."""
    return "\n".join(f"• {core_text(PROCESSING, p.message)}" for p in problems)


class FieldsPage(QWizardPage):
    """Editors for some fields, an inline "what to change" message and the announced output."""

    def __init__(self, page_id: str, title: str, subtitle: str, paths: tuple[str, ...],
                 duration_ms: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page_id = page_id
        self.paths = paths
        self.setTitle(self.tr(title))
        self.setSubTitle(self.tr(subtitle))
        self.setObjectName(f"page_{page_id}")
        self.step_label = add_step_label(self)
        self._problems: list[Problem] = []
        self.editors: dict[str, FieldEditor] = {
            path: editor_for(FIELDS_BY_PATH[path], duration_ms) for path in paths}
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        for editor in self.editors.values():
            self.body_layout.addWidget(editor)
        self.body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("problems")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setStyleSheet(text_style("problem", bold=True))
        self.problem_label.setAccessibleName(self.tr("What to change on this page"))
        self.problem_label.hide()
        self.output_label = QLabel()
        self.output_label.setWordWrap(True)
        self.output_label.setTextFormat(Qt.TextFormat.PlainText)
        self.output_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.output_label.setAccessibleName(self.tr("What the output will be"))
        self.output_label.setStyleSheet(OUTPUT_STYLE)
        self.output_label.setVisible(page_id in _ANNOUNCING)
        layout = self.layout()
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.output_label)

    def refresh(self, request, problems: list[Problem], output_text: str) -> None:
        mine = [p for p in problems if p.field in self.paths]
        faulty = {p.field for p in mine}
        for path, editor in self.editors.items():
            editor.refresh(request, path in faulty)
        self._problems = mine
        self.problem_label.setText(self.tr("To continue, change this:") + "\n" + problem_lines(mine) if mine else "")
        self.problem_label.setVisible(bool(mine))
        self.output_label.setText(output_text)
        self.completeChanged.emit()

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def isComplete(self) -> bool:
        return not self._problems and super().isComplete()


class ClipPage(FieldsPage):
    """The clip range: an Advanced page, since most people process the whole video."""
