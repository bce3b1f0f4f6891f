"""The processing wizard: every field of the request, page by page, checked as people type.

All pages share one ``Draft``; after every edit the whole draft is judged by
the model once and every page is refreshed from that verdict (which options
apply, what to change, what the output will be). The request is committed
once, when the person finishes: ``wizard.request()``.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Slot
from PySide6.QtWidgets import QWidget, QWizard

from pixop_desktop.processing import (
    OutputPlan, ProcessingRequest, ProcessingRequestError, SourceInfo, plan_output,
)
from pixop_desktop.presets import Preset, PresetError, get_preset, list_presets

from pixop_desktop.ui.translations import PRESETS, core_text

from .draft import Draft
from .pages import PAGE_LAYOUT, ClipPage, FieldsPage, page_fields
from .save_dialog import SavePresetDialog
from .summary import SummaryPage


PREFERRED_SIZE = QSize(820, 760)  # the resolution and format pages fit without scrolling
SCREEN_SHARE = 0.9                # never more of the screen's free area than this


def default_wizard_size(available: QRect) -> QSize:
    """820×760 where the screen allows, never more than 90 % of its free area (taskbars excluded)."""
    return QSize(min(PREFERRED_SIZE.width(), int(available.width() * SCREEN_SHARE)),
                 min(PREFERRED_SIZE.height(), int(available.height() * SCREEN_SHARE)))


class ProcessingWizard(QWizard):
    def __init__(self, parent: QWidget | None = None, source: SourceInfo | None = None,
                 preset: Preset | str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("processingWizard")
        self.setWindowTitle(self.tr("Processing settings"))
        self.setAccessibleName(self.tr("Processing settings"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.source = source
        self.draft = Draft(source=source)
        self._committed: ProcessingRequest | None = None
        self._presets = list_presets()
        duration = source.duration_ms if source else None
        fields = page_fields()
        self.field_pages: list[FieldsPage] = []
        for page_id, title, subtitle, _paths in PAGE_LAYOUT:
            kind = ClipPage if page_id == "clip" else FieldsPage
            page = kind(page_id, title, subtitle, fields[page_id], duration)
            for editor in page.editors.values():
                editor.edited.connect(self._on_edited)
            self.field_pages.append(page)
            self.addPage(page)
        self.summary = SummaryPage()
        self.summary.save_requested.connect(self.save_as_preset)
        self.addPage(self.summary)
        self._fill_preset_combo()
        self.resize(default_wizard_size(self.screen().availableGeometry()))
        if preset is not None:
            self.apply_preset(preset)
        self.refresh()

    def page_id_of(self, page) -> int:
        return next(i for i in self.pageIds() if self.page(i) is page)

    # --- presets ---------------------------------------------------------------------------

    @property
    def clip_page(self) -> ClipPage:
        return self.field_pages[0]

    def _fill_preset_combo(self) -> None:
        combo = self.clip_page.preset_combo
        # Presets are kept in self._presets (index - 1), not as item data: PySide6 mishandles
        # the reference count of Python objects (None especially) stored as item data.
        combo.addItem(self.tr("None — start from scratch"))
        for preset in self._presets:
            shown = (core_text(PRESETS, preset.name) if preset.built_in
                     else self.tr("{name} (yours)").format(name=preset.name))
            combo.addItem(shown)
        combo.currentIndexChanged.connect(self._on_preset_chosen)

    @Slot(int)
    def _on_preset_chosen(self, index: int) -> None:
        preset = self._presets[index - 1] if index > 0 else None
        self._load(preset.request.to_json() if preset else {})
        self.clip_page.preset_help.setText(_description(preset) if preset else "")

    def apply_preset(self, preset: Preset | str) -> None:
        """Fill every page from a preset (a Preset, a name or a preset file)."""
        if not isinstance(preset, Preset):
            preset = get_preset(preset)
        combo = self.clip_page.preset_combo
        index = next((i + 1 for i, known in enumerate(self._presets) if known.name == preset.name), -1)
        if index < 0:  # e.g. a preset file that is not in the list
            self._presets.append(preset)
            combo.addItem(preset.name)
            index = combo.count() - 1
        if combo.currentIndex() == index:
            self._on_preset_chosen(index)
        else:
            combo.setCurrentIndex(index)  # loads it (currentIndexChanged)

    def load_request(self, body: dict, preset_name: str | None = None) -> None:
        """Fill every page from a request's JSON (e.g. a queued job's); names its preset when it is known."""
        index = next((i + 1 for i, known in enumerate(self._presets) if known.name == preset_name), 0)
        combo = self.clip_page.preset_combo
        combo.blockSignals(True)  # choosing the name must not load the preset over the job's own request
        combo.setCurrentIndex(index)
        combo.blockSignals(False)
        self._load(body)

    def chosen_preset_name(self) -> str | None:
        """The preset in the combo, if the request is still exactly that preset's."""
        index = self.clip_page.preset_combo.currentIndex()
        if index <= 0 or self._committed is None:
            return None
        preset = self._presets[index - 1]
        return preset.name if preset.request.to_json() == self._committed.to_json() else None

    def _load(self, body: dict) -> None:
        self.draft.load(body)
        for page in self.field_pages:
            for path, editor in page.editors.items():
                editor.show_value(self.draft.get(path))
        self.refresh()

    @Slot()
    def save_as_preset(self) -> Preset | None:
        try:
            request = self.draft.request()
        except ProcessingRequestError:
            return None
        dialog = SavePresetDialog(request, self)
        dialog.exec()
        if dialog.saved is None:
            return None
        if request.range is not None and dialog.saved.request.range is None:
            saved = self.tr("Saved as “{name}” (without the clip range).")
        else:
            saved = self.tr("Saved as “{name}”.")
        self.summary.saved_label.setText(saved.format(name=dialog.saved.name))
        return dialog.saved

    # --- live validation -----------------------------------------------------------------------

    @Slot(str, object)
    def _on_edited(self, path: str, value: object) -> None:
        self.draft.set(path, value)
        self.refresh()

    def output_plan(self) -> OutputPlan | None:
        """What the output will be, when the source is known and the settings are valid."""
        if self.source is None:
            return None
        try:
            return plan_output(self.draft.request(), self.source)
        except ProcessingRequestError:
            return None

    def _output_text(self, problems) -> str:
        if self.source is None:
            return self.tr("Output: settings left unset follow the source video.")
        if problems:
            return self.tr("Output: change the settings marked ⚠ to see what the output will be.")
        plan = self.output_plan()
        return self.tr("Output: {plan}").format(plan=plan.describe()) if plan else ""

    def refresh(self) -> None:
        problems = self.draft.problems()
        lenient = self.draft.lenient_request()
        text = self._output_text(problems)
        for page in self.field_pages:
            page.refresh(lenient, problems, text)
        body = self.draft.body if problems else self.draft.request().to_json()
        self.summary.refresh(body, problems, text)

    def problems(self):
        return self.draft.problems()

    # --- commit ----------------------------------------------------------------------------------

    def accept(self) -> None:
        try:
            self._committed = self.draft.request()
        except ProcessingRequestError:
            self.refresh()
            return
        super().accept()

    def request(self) -> ProcessingRequest | None:
        """The request the person finished with; None until then (or after Cancel)."""
        return self._committed


def _description(preset: Preset) -> str:
    """A built-in preset's description in the person's language; a person's own as they wrote it."""
    return core_text(PRESETS, preset.description) if preset.built_in else preset.description


def choose_processing(parent: QWidget | None = None, source: SourceInfo | None = None,
                      preset: Preset | str | None = None) -> ProcessingRequest | None:
    """Run the wizard modally; the chosen request, or None if the person cancelled."""
    wizard = ProcessingWizard(parent, source=source, preset=preset)
    try:
        return wizard.request() if wizard.exec() == QWizard.DialogCode.Accepted else None
    finally:
        wizard.deleteLater()


__all__ = ["ProcessingWizard", "choose_processing", "PresetError"]
