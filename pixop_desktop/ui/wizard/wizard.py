"""The processing wizard: the goal first, then only what it needs, every field under Advanced.

Goal (a preset as an outcome) → details (the interlaced source's suggestion, the warning
for an order that changes nothing, the Advanced switch) → the Advanced pages, when
switched on → the summary (the result in words). All pages share one ``Draft``; after every edit the whole draft is judged by
the model once and every page is refreshed from that verdict (which options
apply, what to change, what the output will be). The request is committed
once, when the person finishes: ``wizard.request()``.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Slot
from PySide6.QtWidgets import QWidget, QWizard

from collections.abc import Sequence

from pixop_desktop.processing import (
    OutputPlan, ProcessingRequest, ProcessingRequestError, SourceInfo, changes_nothing, plan_output,
)
from pixop_desktop.presets import Preset, PresetError, get_preset, list_presets

from .deinterlace import DeinterlaceChoice
from .details import DetailsPage
from .draft import Draft
from .goal import OWN_SETTINGS, GoalPage
from .pages import PAGE_LAYOUT, ClipPage, FieldsPage, page_fields
from .result_words import result_rows
from .save_dialog import SavePresetDialog
from .steps import step_text
from .summary import SummaryPage


PREFERRED_SIZE = QSize(820, 760)  # the resolution and format pages fit without scrolling
SCREEN_SHARE = 0.9                # never more of the screen's free area than this


def default_wizard_size(available: QRect) -> QSize:
    """820×760 where the screen allows, never more than 90 % of its free area (taskbars excluded)."""
    return QSize(min(PREFERRED_SIZE.width(), int(available.width() * SCREEN_SHARE)),
                 min(PREFERRED_SIZE.height(), int(available.height() * SCREEN_SHARE)))


class ProcessingWizard(QWizard):
    def __init__(self, parent: QWidget | None = None, source: SourceInfo | None = None,
                 preset: Preset | str | None = None, files: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("processingWizard")
        self.setWindowTitle(self.tr("Processing settings"))
        self.setAccessibleName(self.tr("Processing settings"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.source = source
        self.draft = Draft(source=source)
        self._committed: ProcessingRequest | None = None
        self._presets = list_presets()
        self._deinterlace = DeinterlaceChoice()
        self.goal_page = GoalPage(self._presets, files)
        self.goal_page.chosen.connect(self._on_goal_chosen)
        self.addPage(self.goal_page)
        self.details_page = DetailsPage()
        self.details_page.deinterlace_toggled.connect(self._on_deinterlace_toggled)
        self.details_page.advanced_toggled.connect(self._on_advanced_toggled)
        self.addPage(self.details_page)
        self._add_field_pages(source.duration_ms if source else None)
        self.summary = SummaryPage()
        self.summary.save_requested.connect(self.save_as_preset)
        self.addPage(self.summary)
        self.resize(default_wizard_size(self.screen().availableGeometry()))
        if preset is not None:
            self.apply_preset(preset)
        self.refresh()

    def _add_field_pages(self, duration: int | None) -> None:
        fields = page_fields()
        self.field_pages: list[FieldsPage] = []
        for page_id, title, subtitle, _paths in PAGE_LAYOUT:
            kind = ClipPage if page_id == "clip" else FieldsPage
            page = kind(page_id, title, subtitle, fields[page_id], duration)
            for editor in page.editors.values():
                editor.edited.connect(self._on_edited)
            self.field_pages.append(page)
            self.addPage(page)

    def page_id_of(self, page) -> int:
        return next(i for i in self.pageIds() if self.page(i) is page)

    # --- the walk: goal → details → (Advanced pages) → summary, with its step counter ------------

    def advanced(self) -> bool:
        return self.details_page.advanced_check.isChecked()

    def walk(self) -> list[int]:
        """The pages Next visits, in order: the Advanced ones when switched on, or when a setting
        there must change (e.g. a preset's clip is longer than this video)."""
        pages = [self.goal_page, self.details_page]
        pages += self.field_pages if self.advanced() or self.draft.problems() else []
        return [self.page_id_of(page) for page in pages + [self.summary]]

    def nextId(self) -> int:
        walk = self.walk()
        current = self.currentId()
        if current not in walk:
            return super().nextId()
        index = walk.index(current)
        return walk[index + 1] if index + 1 < len(walk) else -1

    def _number_steps(self) -> None:
        walk = self.walk()
        for number, page_id in enumerate(walk, start=1):
            self.page(page_id).step_label.setText(step_text(number, len(walk)))

    @Slot(bool)
    def _on_advanced_toggled(self, _on: bool) -> None:
        self._number_steps()

    # --- goals (presets) -------------------------------------------------------------------------

    @Slot(int)
    def _on_goal_chosen(self, goal: int) -> None:
        if goal == OWN_SETTINGS:  # keep the settings as they are, and open every page
            self.details_page.advanced_check.setChecked(True)
        else:
            self._load(self._presets[goal].request.to_json())
        self._show_goal(goal)

    def _show_goal(self, goal: int | None) -> None:
        button = self.goal_page.group.button(goal) if goal is not None else None
        if button is None:
            self.details_page.show_goal("", "")
            return
        self.details_page.show_goal(button.text(), self.goal_page.description_of(button))

    def apply_preset(self, preset: Preset | str) -> None:
        """Choose a preset as the goal and fill every page from it (a Preset, a name or a preset file)."""
        if not isinstance(preset, Preset):
            preset = get_preset(preset)
        index = next((i for i, known in enumerate(self._presets) if known.name == preset.name), -1)
        if index < 0:  # e.g. a preset file that is not in the list
            self._presets.append(preset)
            index = len(self._presets) - 1
            self.goal_page.add_goal(preset, index)
        self.goal_page.show_goal(index)
        self._on_goal_chosen(index)

    def load_request(self, body: dict, preset_name: str | None = None) -> None:
        """Fill every page from a request's JSON (e.g. a queued job's); its preset is the goal when
        the request is still that preset's, else "every setting myself"."""
        index = next((i for i, known in enumerate(self._presets)
                      if known.name == preset_name and known.request.to_json() == body), None)
        goal = index if index is not None else (OWN_SETTINGS if body else None)
        self.goal_page.show_goal(goal)
        self._load(body)
        if goal == OWN_SETTINGS:
            self.details_page.advanced_check.setChecked(True)
        self._show_goal(goal)

    def chosen_preset_name(self) -> str | None:
        """The goal's preset, if the request is still exactly that preset's."""
        goal = self.goal_page.goal()
        if goal is None or goal == OWN_SETTINGS or self._committed is None:
            return None
        preset = self._presets[goal]
        return preset.name if preset.request.to_json() == self._committed.to_json() else None

    def _load(self, body: dict) -> None:
        self.draft.load(body)
        self._deinterlace = DeinterlaceChoice()
        self._show_values()
        self.refresh()

    def _show_values(self) -> None:
        for page in self.field_pages:
            for path, editor in page.editors.items():
                editor.show_value(self.draft.get(path))

    # --- the interlaced source's suggestion -----------------------------------------------------

    @Slot(bool)
    def _on_deinterlace_toggled(self, on: bool) -> None:
        self._deinterlace.toggle(self.draft, on)
        self._show_values()
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

    def _unknown_result(self, problems) -> str:
        if problems:
            return self.tr("Change the settings marked ⚠ to see the result.")
        if self.source is None:
            return self.tr("The result's size and format are shown once the video is known; "
                           "settings left unset keep the original's.")
        return ""

    def _nothing_text(self, problems) -> str:
        """The warning for an order that would give back the same video, or ""."""
        if problems or not changes_nothing(self.draft.request(), self.source):
            return ""
        if self.source is None:
            return self.tr("No setting is chosen, so Pixop would give back the same video. "
                           "Choose a goal, or change a setting under Advanced.")
        return self.tr("As it stands, this changes nothing: Pixop would give back the same video "
                       "(same size, frame rate and format). Choose another goal, or change a setting "
                       "under Advanced.")

    def refresh(self) -> None:
        problems = self.draft.problems()
        lenient = self.draft.lenient_request()
        text = self._output_text(problems)
        for page in self.field_pages:
            page.refresh(lenient, problems, text)
        plan = None if problems else self.output_plan()
        nothing = self._nothing_text(problems)
        self.details_page.refresh(self.source, plan, self._deinterlace.offered(plan), nothing)
        body = self.draft.body if problems else self.draft.request().to_json()
        rows = result_rows(plan, self.source) if plan is not None else []
        self.summary.refresh(body, problems, rows, self._unknown_result(problems), nothing)
        self._number_steps()

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


def choose_processing(parent: QWidget | None = None, source: SourceInfo | None = None,
                      preset: Preset | str | None = None, files: Sequence[str] = ()) -> ProcessingRequest | None:
    """Run the wizard modally; the chosen request, or None if the person cancelled.
    ``files``: the paths (or names) the choice is for, named on the first page."""
    wizard = ProcessingWizard(parent, source=source, preset=preset, files=files)
    try:
        return wizard.request() if wizard.exec() == QWizard.DialogCode.Accepted else None
    finally:
        wizard.deleteLater()


__all__ = ["ProcessingWizard", "choose_processing", "PresetError"]
