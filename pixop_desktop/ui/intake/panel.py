"""The intake panel: how added videos are sent (ingestion, what happens after upload, project)
and where the results go.

``IntakePanel`` only holds the person's choices and turns them into
``intake.JobOptions``. The checking of dropped files (``pixop_desktop.intake``,
Qt-free) runs on the window's thread pool; the window adds the jobs. "After upload" starts
from the saved choice (``start_from``); a person's change is announced (``choice_made``) so
the flow saves it, and so is a new results folder (``results_folder_chosen``).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDir, Qt, Signal, Slot
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QInputDialog, QLabel,
                               QPushButton, QSizePolicy, QWidget)

from pixop_desktop.intake import JobOptions
from pixop_desktop.jobs.model import Ingestion
from pixop_desktop.settings import AFTER_UPLOAD_CHOOSE, AFTER_UPLOAD_NOTHING, AFTER_UPLOAD_PRESET
from pixop_desktop.ui.translations import PRESETS, core_text

NOTHING = AFTER_UPLOAD_NOTHING
CHOOSE = AFTER_UPLOAD_CHOOSE   # open the processing wizard for each batch
PRESET = AFTER_UPLOAD_PRESET   # followed by the preset's name

# Marked for lupdate in IntakePanel's context, where self.tr() shows them.
FULL_HELP = QT_TRANSLATE_NOOP(
    "IntakePanel", "Full: Pixop makes thumbnails and a web preview, assesses the picture quality and checks "
    "whether the video is interlaced. Best when you want to look at the video in Pixop first.")
LIGHT_HELP = QT_TRANSLATE_NOOP(
    "IntakePanel", "Light: Pixop only reads the basic facts (size, frame rate, duration) — no thumbnails, web "
    "preview, quality assessment or deep scan. Quicker; fine when you just want it processed.")


class IntakePanel(QWidget):
    """Choices for the next videos added. ``new_project_requested(name)`` asks the window to create one."""

    new_project_requested = Signal(str)
    choice_made = Signal(str)            # the person chose another "After upload" (NOTHING, CHOOSE, PRESET+name)
    results_folder_chosen = Signal(str)  # the person picked another folder for the results

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakePanel")
        self._wanted = NOTHING  # the saved choice: kept until the presets it names are listed
        self.ingestion = QComboBox()
        self.ingestion.setAccessibleName(self.tr("Ingestion level"))
        self.ingestion.addItem(self.tr("Full"), Ingestion.FULL.value)
        self.ingestion.addItem(self.tr("Light"), Ingestion.LIGHT.value)
        self.ingestion_help = QLabel()
        self.ingestion_help.setWordWrap(True)
        self.ingestion_help.setObjectName("ingestionHelp")
        self.ingestion.currentIndexChanged.connect(self._explain_ingestion)
        self._explain_ingestion()

        self.after_upload = QComboBox()
        self.after_upload.setAccessibleName(self.tr("After upload"))
        self.approval = QCheckBox(self.tr("Ask me to &approve each video before processing"))
        self.approval.setAccessibleName(self.tr("Approve before processing"))
        self.after_upload.currentIndexChanged.connect(self._update_approval)
        self.after_upload.activated.connect(self._on_chosen)  # the person's pick only, not set_presets
        self.set_presets([])
        self._build_results_row()

        self.project = QComboBox()
        self.project.setAccessibleName(self.tr("Project"))
        self.project.addItem(self.tr("Default project"), None)
        self.new_project_button = QPushButton(self.tr("&New project…"))
        self.new_project_button.setAccessibleName(self.tr("New project"))
        self.new_project_button.clicked.connect(self._ask_project_name)
        project_row = QHBoxLayout()
        project_row.addWidget(self.project, 1)
        project_row.addWidget(self.new_project_button)

        form = QFormLayout(self)
        form.addRow(self._label(self.tr("&Ingestion:"), self.ingestion), self.ingestion)
        form.addRow("", self.ingestion_help)
        form.addRow(self._label(self.tr("After &upload:"), self.after_upload), self.after_upload)
        form.addRow("", self.approval)
        form.addRow(self._label(self.tr("Results go to:"), self.change_folder_button), self.results_row)
        form.addRow(self._label(self.tr("Pro&ject:"), self.project), project_row)

    def _build_results_row(self) -> None:
        """"Results go to: ~/Downloads/Pixop [Change…]": visible before anything is added."""
        self.results_folder = ""
        self.results_label = _ElidedLabel()
        self.results_label.setObjectName("resultsFolder")
        self.results_label.setAccessibleName(self.tr("Results folder"))
        self.change_folder_button = QPushButton(self.tr("Chan&ge…"))
        self.change_folder_button.setAccessibleName(self.tr("Change the results folder"))
        self.change_folder_button.clicked.connect(self._choose_results_folder)
        self.results_row = QWidget()
        row = QHBoxLayout(self.results_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.results_label, 1)
        row.addWidget(self.change_folder_button)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    @Slot()
    def _explain_ingestion(self) -> None:
        light = self.ingestion.currentData() == Ingestion.LIGHT.value
        self.ingestion_help.setText(self.tr(LIGHT_HELP if light else FULL_HELP))

    @Slot()
    def _update_approval(self) -> None:
        self.approval.setEnabled(self.after_upload.currentData() not in (None, NOTHING))
        self._show_results_folder()

    @Slot(int)
    def _on_chosen(self, _index: int) -> None:
        self._wanted = self.choice()
        self.choice_made.emit(self._wanted)

    # ----- the saved choices ----------------------------------------------------------------

    def start_from(self, after_upload: str, results_folder: str) -> None:
        """The saved "After upload" (selected once its preset is listed) and results folder."""
        self._wanted = after_upload or NOTHING
        self.select_choice(self._wanted)
        self.set_results_folder(results_folder)

    def set_results_folder(self, folder: str) -> None:
        self.results_folder = folder
        self._show_results_folder()

    def _show_results_folder(self) -> None:
        if not hasattr(self, "results_label"):
            return  # still building
        shown = _home_shortened(self.results_folder)
        if self.choice() == NOTHING:  # nothing comes back: say so rather than name an unused folder
            self.results_label.set_full_text(self.tr("{folder} (nothing comes back while “After upload” is "
                                                     "“Nothing”)").format(folder=shown))
        else:
            self.results_label.set_full_text(shown)
        self.results_label.setToolTip(self.results_folder)

    @Slot()
    def _choose_results_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the results"), self.results_folder)
        if folder:
            self.set_results_folder(os.path.normpath(folder))
            self.results_folder_chosen.emit(self.results_folder)

    # ----- lists from elsewhere ----------------------------------------------------------------

    def set_presets(self, names: list[str]) -> None:
        """Fill "After upload": nothing, each preset, and "Choose settings…" (keeps the current choice)."""
        current = self.after_upload.currentData()
        self.after_upload.blockSignals(True)
        self.after_upload.clear()
        self.after_upload.addItem(self.tr("Nothing — just upload"), NOTHING)
        for name in names:
            shown = core_text(PRESETS, name)  # a built-in's name is translated, a person's own kept
            self.after_upload.addItem(self.tr("Process with “{preset}”").format(preset=shown), PRESET + name)
        self.after_upload.addItem(self.tr("Choose settings…"), CHOOSE)
        index = self.after_upload.findData(self._wanted)
        if index < 0:  # the saved preset is gone (or not listed yet): keep what is shown
            index = self.after_upload.findData(current)
        self.after_upload.setCurrentIndex(max(0, index))
        self.after_upload.blockSignals(False)
        self._update_approval()

    def set_projects(self, projects) -> None:
        """Projects from the server (objects with ``id`` and ``name``); keeps the current choice."""
        current = self.project.currentData()
        self.project.clear()
        self.project.addItem(self.tr("Default project"), None)
        for project in projects:
            self.project.addItem(project.name or project.id, project.id)
        self.select_project(current)

    def select_project(self, project_id: str | None) -> None:
        self.project.setCurrentIndex(max(0, self.project.findData(project_id)))

    @Slot()
    def _ask_project_name(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New project"), self.tr("Name of the new project:"))
        if ok and name.strip():
            self.new_project_requested.emit(name.strip())

    # ----- the choice ---------------------------------------------------------------------------

    def choice(self) -> str:
        """NOTHING, CHOOSE or PRESET + name."""
        return self.after_upload.currentData() or NOTHING

    def select_choice(self, value: str) -> None:
        """Show ``value`` (tests, the window); not saved: only a person's pick is (``choice_made``)."""
        self._wanted = value
        self.after_upload.setCurrentIndex(max(0, self.after_upload.findData(value)))

    def preset_name(self) -> str | None:
        choice = self.choice()
        return choice[len(PRESET):] if choice.startswith(PRESET) else None

    def options(self, *, processing: dict | None = None, preset: str | None = None,
                output_folder: str | None = None, name_template: str | None = None) -> JobOptions:
        kwargs = {"name_template": name_template} if name_template else {}
        return JobOptions(ingestion=Ingestion(self.ingestion.currentData()), project_id=self.project.currentData(),
                          processing=processing, preset=preset, output_folder=output_folder,
                          needs_approval=self.approval.isChecked() and processing is not None, **kwargs)


class _ElidedLabel(QLabel):
    """One line that never widens the window: a long folder loses its middle ("…"), the tooltip keeps it."""

    def __init__(self) -> None:
        super().__init__()
        self.full_text = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self._elide()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideMiddle,
                                                   max(40, self.width())))


def _home_shortened(folder: str) -> str:
    """``~/Downloads/Pixop`` rather than ``/home/ana/Downloads/Pixop`` (the tooltip has it all)."""
    home = os.path.expanduser("~").rstrip("\\/")
    native = QDir.toNativeSeparators
    if home and folder and os.path.normcase(folder).startswith(os.path.normcase(home) + os.sep):
        return native("~/" + folder[len(home) + 1:])
    return native(folder)
