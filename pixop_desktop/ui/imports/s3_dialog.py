"""Import from an S3 input location (seed 001): pick a location, paste keys, names from the keys.

The team's input locations are listed off the GUI thread (``list_locations`` is any blocking
callable, e.g. ``lambda: list(client.imports.iter_input_locations())``). One import per pasted
line; each key's rule is checked inline by line number. ``imports`` holds the ``S3Import``\\ s
when accepted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QThreadPool, Slot
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from pixop_desktop.imports.params import S3Import, s3_imports_from_text

from .common import FullIngestionBox, project_combo, refusal_label, show_refusal
from .tasks import ProgressTask

MAX_PREVIEW = 8


def _short(name: str, limit: int = 48) -> str:
    return name if len(name) <= limit else name[:limit - 1] + "…"


class ImportS3Dialog(QDialog):
    """Asks for one or many S3 imports; ``imports`` is set when accepted."""

    def __init__(self, list_locations: Callable[[], list], parent: QWidget | None = None, *,
                 projects: Iterable[tuple[str, str]] = (), pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import from an S3 input location"))
        self.imports: list[S3Import] = []
        self._task: ProgressTask | None = None
        self._build(projects)
        self._revalidate()
        self._task = ProgressTask(lambda progress, cancelled: list_locations())
        self._task.signals.succeeded.connect(self._locations_loaded)
        self._task.signals.failed.connect(self._locations_failed)
        self._task.signals.finished.connect(self._task_finished)
        (pool or QThreadPool.globalInstance()).start(self._task)

    def _build(self, projects) -> None:
        self.location_combo = QComboBox()
        self.location_combo.setAccessibleName(self.tr("S3 input location"))
        self.location_combo.addItem(self.tr("Loading the team's input locations…"), None)
        self.location_combo.setEnabled(False)
        self.location_combo.currentIndexChanged.connect(self._revalidate)
        self.location_error = refusal_label(self.tr("Problem with the input location"))
        self.keys_edit = QPlainTextEdit()
        self.keys_edit.setAccessibleName(self.tr("Object keys, one per line"))
        self.keys_edit.setPlaceholderText("incoming/2024/match-highlights.mxf\nincoming/2024/interview.mov")
        self.keys_edit.setTabChangesFocus(True)
        self.keys_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # one key, one line
        self.keys_edit.textChanged.connect(self._revalidate)
        self.keys_error = refusal_label(self.tr("Problem with the object keys"))
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName(self.tr("Names the videos will get"))
        self.project_combo = project_combo(projects)
        self.ingestion = FullIngestionBox()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Import"))
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Location:"), self.location_combo)
        form.addRow("", self.location_error)
        form.addRow(self.tr("Object &keys:"), self.keys_edit)
        form.addRow("", self.keys_error)
        form.addRow(self.tr("Names:"), self.preview)
        form.addRow(self.tr("&Project:"), self.project_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.ingestion)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    # ----- locations -------------------------------------------------------------------------

    @Slot(object)
    def _locations_loaded(self, locations: list) -> None:
        self.location_combo.clear()
        if not locations:
            self.location_combo.addItem(self.tr("This team has no S3 input locations"), None)
            show_refusal(self.location_error, self.tr("Ask your Pixop administrator to add an S3 input location "
                                                 "for this team."))
            return
        for location in locations:
            label = location.name or location.id
            if location.bucket:
                label = f"{label} ({location.bucket})"
            self.location_combo.addItem(label, location.id)
        self.location_combo.setEnabled(True)

    @Slot(str, str)
    def _locations_failed(self, title: str, message: str) -> None:
        self.location_combo.clear()
        self.location_combo.addItem(self.tr("Could not list the input locations"), None)
        show_refusal(self.location_error, f"{title}: {message}")

    @Slot()
    def _task_finished(self) -> None:
        self._task = None
        self._revalidate()

    # ----- keys ----------------------------------------------------------------------------

    def current(self) -> list[S3Import]:
        return s3_imports_from_text(self.location_combo.currentData() or "", self.keys_edit.toPlainText(),
                                    project_id=self.project_combo.currentData(),
                                    full_ingestion=self.ingestion.isChecked())

    @Slot()
    def _revalidate(self) -> list[str]:
        wanted = self.current()
        problems = []
        for line, item in enumerate(wanted, 1):
            for refusal in item.refusals():
                if refusal.field != "inputLocationId":
                    problems.append(self.tr("Key {n}: {problem}").format(n=line, problem=refusal.message))
        show_refusal(self.keys_error, "\n".join(problems[:5]))
        names = [_short(item.name) for item in wanted]
        more = len(names) - MAX_PREVIEW
        text = ", ".join(names[:MAX_PREVIEW]) + (self.tr(" and {n} more").format(n=more) if more > 0 else "")
        self.preview.setText(text or self.tr("Each video is named after its key's last part."))
        ready = bool(wanted) and not problems and self.location_combo.currentData() is not None
        self.ok_button.setEnabled(ready)
        return problems if ready or problems else ["incomplete"]

    @Slot()
    def _accept_if_valid(self) -> None:
        if self._revalidate():
            return
        self.imports = self.current()
        self.accept()

    def done(self, result: int) -> None:
        if self._task is not None:
            self._task.cancel()
        super().done(result)
