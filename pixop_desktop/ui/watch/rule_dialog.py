"""The dialog that adds or edits one watched-folder rule.

Every field has a label with a mnemonic (its buddy), an accessible name and a
tooltip in plain words. OK checks the rule with ``build_rule`` and shows its
sentence under the form instead of closing, so a person always learns what
to change.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget)

from collections.abc import Iterable

from pixop_desktop.jobs.model import DEFAULT_INGESTION, Ingestion
from pixop_desktop.ui.translations import PRESETS, core_text
from pixop_desktop.ui.colors import text_style
from pixop_desktop.watch.rules import (DEFAULT_IGNORE, AfterFailure, AfterSuccess, Approval, RuleError,
                                       WatchRule, build_rule, new_rule_id)

UPLOAD_ONLY = "\x00upload-only"
CUSTOM = "\x00custom"


def _patterns(text: str) -> list[str]:
    return [part for part in text.replace(",", " ").split() if part]


def _preset_names() -> list[str]:
    try:
        from pixop_desktop.presets import list_presets

        return [preset.name for preset in list_presets()]
    except Exception:  # presets folder unreadable: the dialog still works with a typed name
        return []


class RuleDialog(QDialog):
    """Add (``rule=None``) or edit a rule; after ``accept()``, ``result_rule`` holds the checked rule."""

    def __init__(self, parent: QWidget | None = None, rule: WatchRule | None = None, *,
                 projects: Iterable[tuple[str, str]] = ()) -> None:
        super().__init__(parent)
        self._original = rule
        self._projects = list(projects)  # (id, name) from the server, as the main window knows them
        self.result_rule: WatchRule | None = None
        self.setWindowTitle(self.tr("Edit watched folder") if rule else self.tr("Add watched folder"))
        self.setAccessibleName(self.windowTitle())
        form = QFormLayout()
        self._build_fields(form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(text_style("problem"))
        self.error.setAccessibleName(self.tr("Problem with this rule"))
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._load(rule)

    # ----- building -----------------------------------------------------------------

    def _line(self, name: str, tip: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setToolTip(tip)
        return edit

    def _combo(self, name: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        for text, data in items:
            combo.addItem(text, data)
        return combo

    def _with_button(self, edit: QLineEdit, slot) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit, 1)
        button = QPushButton(self.tr("Choose…"))
        button.setAccessibleName(self.tr("Choose %s") % edit.accessibleName().lower())
        button.clicked.connect(slot)
        layout.addWidget(button)
        return row

    def _add(self, form: QFormLayout, label: str, field: QWidget, buddy: QWidget | None = None) -> None:
        text = QLabel(label)
        text.setBuddy(buddy or field)
        form.addRow(text, field)

    def _build_fields(self, form: QFormLayout) -> None:
        self.folder = self._line(self.tr("Watched folder"), self.tr("New videos in this folder are sent to Pixop."))
        self._add(form, self.tr("&Folder:"), self._with_button(self.folder, self._choose_folder), self.folder)
        self.name = self._line(self.tr("Name"), self.tr("Shown in the list; the folder's name when empty."))
        self._add(form, self.tr("&Name:"), self.name)
        self.recursive = QCheckBox(self.tr("Include su&bfolders (their tree is kept in the output)"))
        self.recursive.setAccessibleName(self.tr("Include subfolders"))
        form.addRow("", self.recursive)
        self.include = self._line(self.tr("Only files matching"), self.tr("Patterns such as *.mov *.mxf; empty = all files."))
        self._add(form, self.tr("Only &matching:"), self.include)
        self.ignore = self._line(self.tr("Ignore files matching"), self.tr("Files being copied (*.part …) are ignored."))
        self._add(form, self.tr("&Ignore:"), self.ignore)
        presets = [(self.tr("Upload only (no processing)"), UPLOAD_ONLY)] + [(core_text(PRESETS, n), n) for n in _preset_names()]
        self.preset = self._combo(self.tr("Processing preset"), presets)
        self._add(form, self.tr("&Processing:"), self.preset)
        self.ingestion = self._combo(self.tr("Ingestion"), [(self.tr("Full (thumbnails, quality report)"), Ingestion.FULL),
                                                       (self.tr("Light (metadata only, quicker)"), Ingestion.LIGHT)])
        self._add(form, self.tr("In&gestion:"), self.ingestion)
        self.project = self._combo(self.tr("Project"), [(self.tr("(Default project)"), None),
                                                        *((name or pid, pid) for pid, name in self._projects)])
        self.project.setToolTip(self.tr("The Pixop project the videos go into."))
        self._add(form, self.tr("Pro&ject:"), self.project)
        self.approval = self._combo(self.tr("Approval"), [(self.tr("Process automatically"), Approval.AUTO),
                                                     (self.tr("Hold each job for my approval"), Approval.HOLD)])
        self._add(form, self.tr("&Approval:"), self.approval)
        self.output = self._line(self.tr("Output folder"), self.tr("Results are downloaded here, subfolders kept."))
        self._add(form, self.tr("&Output folder:"), self._with_button(self.output, self._choose_output), self.output)
        self.leave_on_pixop = QCheckBox(self.tr("Lea&ve the results on Pixop (download nothing)"))
        self.leave_on_pixop.setAccessibleName(self.tr("Leave the results on Pixop"))
        self.leave_on_pixop.setToolTip(self.tr("Pixop processes the videos and keeps the results; nothing comes "
                                               "back to this computer. Otherwise choose an output folder."))
        self.leave_on_pixop.toggled.connect(self._update_output)
        self.preset.currentIndexChanged.connect(self._update_output)
        form.addRow("", self.leave_on_pixop)
        self.template = self._line(self.tr("File name template"), self.tr("For example {stem}_pixop or {stem}_{width}x{height}."))
        self._add(form, self.tr("File name &template:"), self.template)
        self.after_success = self._combo(self.tr("After success"), [
            (self.tr("Leave the file where it is"), AfterSuccess.LEAVE),
            (self.tr("Move it to the Done folder"), AfterSuccess.MOVE)])
        self._add(form, self.tr("After &success:"), self.after_success)
        self.after_failure = self._combo(self.tr("After failure"), [
            (self.tr("Move it to the Failed folder, with the reason"), AfterFailure.MOVE),
            (self.tr("Leave the file where it is"), AfterFailure.LEAVE)])
        self._add(form, self.tr("After fai&lure:"), self.after_failure)
        self.settle = QDoubleSpinBox()
        self.settle.setRange(0, 3600)
        self.settle.setSuffix(self.tr(" s"))
        self.settle.setAccessibleName(self.tr("Settle time in seconds"))
        self.settle.setToolTip(self.tr("A file is sent once it has not changed for this long (copies in progress wait)."))
        self._add(form, self.tr("Settl&e time:"), self.settle)
        self.poll_only = QCheckBox(self.tr("On a network share: &check by polling only"))
        self.poll_only.setAccessibleName(self.tr("Poll only"))
        form.addRow("", self.poll_only)

    # ----- loading and checking --------------------------------------------------------

    def _load(self, rule: WatchRule | None) -> None:
        rule = rule or WatchRule.model_construct(folder="", ignore=list(DEFAULT_IGNORE), include=[], recursive=True,
                                                 preset=None, processing=None, ingestion=DEFAULT_INGESTION,
                                                 approval=Approval.AUTO, output_folder=None,
                                                 leave_results_on_pixop=False,
                                                 name_template="{stem}_pixop", after_success=AfterSuccess.LEAVE,
                                                 after_failure=AfterFailure.MOVE, settle_seconds=10.0,
                                                 poll_only=False, name="", project_id=None)
        self.folder.setText(rule.folder)
        self.name.setText(rule.name)
        self.recursive.setChecked(rule.recursive)
        self.include.setText(" ".join(rule.include))
        self.ignore.setText(" ".join(rule.ignore))
        if rule.processing is not None:
            self.preset.addItem(self.tr("Custom processing request"), CUSTOM)
            self.preset.setCurrentIndex(self.preset.count() - 1)
        elif rule.preset:
            if self.preset.findData(rule.preset) < 0:
                self.preset.addItem(rule.preset, rule.preset)  # a preset file, or one since deleted
            self.preset.setCurrentIndex(self.preset.findData(rule.preset))
        for combo, value in ((self.ingestion, rule.ingestion), (self.approval, rule.approval),
                             (self.after_success, rule.after_success), (self.after_failure, rule.after_failure)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self._select_project(rule.project_id)
        self.output.setText(rule.output_folder or "")
        self.leave_on_pixop.setChecked(bool(rule.leave_results_on_pixop) and not rule.output_folder)
        self._update_output()
        self.template.setText(rule.name_template)
        self.settle.setValue(rule.settle_seconds)
        self.poll_only.setChecked(rule.poll_only)

    def _select_project(self, project_id: str | None) -> None:
        """The rule's project; one the list does not hold (another team's, or not loaded yet: offline)
        stays, shown by its id, so saving the rule unchanged never moves its videos elsewhere."""
        if project_id and self.project.findData(project_id) < 0:
            self.project.addItem(self.tr("Project {id}").format(id=project_id), project_id)
        self.project.setCurrentIndex(max(0, self.project.findData(project_id)))

    def fields(self) -> dict:
        """What the form says, as ``WatchRule`` fields."""
        original = self._original
        choice = self.preset.currentData()
        return dict(
            id=original.id if original else new_rule_id(), name=self.name.text().strip(),
            folder=self.folder.text().strip(), recursive=self.recursive.isChecked(),
            include=_patterns(self.include.text()), ignore=_patterns(self.ignore.text()),
            preset=None if choice in (UPLOAD_ONLY, CUSTOM) else choice,
            processing=original.processing if choice == CUSTOM and original else None,
            ingestion=self.ingestion.currentData(), project_id=self.project.currentData(),
            approval=self.approval.currentData(), output_folder=self._output_folder(),
            leave_results_on_pixop=self._processes() and self.leave_on_pixop.isChecked(),
            name_template=self.template.text().strip(), after_success=self.after_success.currentData(),
            after_failure=self.after_failure.currentData(), settle_seconds=self.settle.value(),
            poll_only=self.poll_only.isChecked(), paused=original.paused if original else False,
            rescan_seconds=original.rescan_seconds if original else 30.0,
            done_folder=original.done_folder if original else None,
            failed_folder=original.failed_folder if original else None)

    def _processes(self) -> bool:
        return self.preset.currentData() != UPLOAD_ONLY

    def _output_folder(self) -> str | None:
        """The typed folder, unless the results stay on Pixop (or nothing is processed)."""
        if not self._processes() or self.leave_on_pixop.isChecked():
            return None
        return self.output.text().strip() or None

    @Slot()
    def _update_output(self) -> None:
        """The output folder counts only for processing that downloads its results."""
        processes = self._processes()
        self.leave_on_pixop.setEnabled(processes)
        self.output.setEnabled(processes and not self.leave_on_pixop.isChecked())

    @Slot()
    def accept(self) -> None:
        try:
            self.result_rule = build_rule(**self.fields())
        except RuleError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()

    @Slot()
    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder to watch"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    @Slot()
    def _choose_output(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the results"), self.output.text())
        if folder:
            self.output.setText(folder)
