"""Import from an HTTPS URL (seed 003): the fields, each rule checked inline, CRC32C from a local copy.

OK stays disabled while a rule is broken; each refusal is shown under its field, naming the rule.
On OK the host is resolved off the GUI thread (a private address is refused there too) and the
dialog closes with :attr:`ImportUrlDialog.params`, an ``HttpsImport`` for the caller to start.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, QThreadPool, Slot
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QProgressBar, QPushButton, QSpinBox, QToolButton,
                               QVBoxLayout, QWidget)

from pixop_desktop.transfer.crc import CrcCancelled, file_crc32c
from pixop_desktop.imports.params import HttpsImport
from pixop_desktop.imports.url_rules import (DEFAULT_CONNECTIONS, MAX_CONNECTIONS, MIN_CONNECTIONS, Refusal,
                                             check_url, name_from_url)

from .common import FullIngestionBox, project_combo, refusal_label, show_refusal
from .tasks import ProgressTask

FIELDS = ("url", "name", "fileName", "description", "crc32c")
ADVANCED_FIELDS = ("fileName", "description", "crc32c")


class ImportUrlDialog(QDialog):
    """Asks for an HTTPS import; ``params`` is set when accepted."""

    def __init__(self, parent: QWidget | None = None, *, projects: Iterable[tuple[str, str]] = (),
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import from a URL"))
        self.params: HttpsImport | None = None
        self._pool = pool or QThreadPool.globalInstance()
        self._task: ProgressTask | None = None
        self._derived_name = ""                  # the name last filled in from the URL
        self._host_refusal: tuple[str, Refusal] | None = None  # (url, why) from the last OK
        self._build(projects)
        self._revalidate()

    # ----- layout ------------------------------------------------------------------------------

    def _line(self, accessible: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self._revalidate)
        return edit

    def _build(self, projects) -> None:
        self.url_edit = self._line(self.tr("Video URL"), "https://example.com/videos/master.mov")
        self.name_edit = self._line(self.tr("Video name"), self.tr("From the URL's file name"))
        self.file_name_edit = self._line(self.tr("File name"), self.tr("Optional, e.g. master.mov"))
        self.description_edit = QPlainTextEdit()
        self.description_edit.setAccessibleName(self.tr("Description"))
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(56)
        self.description_edit.textChanged.connect(self._revalidate)
        self.project_combo = project_combo(projects)
        self.ingestion = FullIngestionBox()
        self.crc_edit = self._line(self.tr("CRC32C checksum"), self.tr("Optional: lets Pixop verify the copy"))
        self.crc_button = QPushButton(self.tr("Compute from a &local copy…"))
        self.crc_button.setAccessibleName(self.tr("Compute the CRC32C from a local copy of the file"))
        self.crc_button.clicked.connect(self._choose_local_copy)
        self.crc_progress = QProgressBar()
        self.crc_progress.setAccessibleName(self.tr("CRC32C progress"))
        self.crc_progress.hide()
        self.connections_spin = QSpinBox()
        self.connections_spin.setRange(MIN_CONNECTIONS, MAX_CONNECTIONS)
        self.connections_spin.setValue(DEFAULT_CONNECTIONS)
        self.connections_spin.setAccessibleName(self.tr("Connections at once"))
        self.connections_spin.setToolTip(self.tr("How many connections Pixop may open to the URL at once (1–20)."))
        self.errors = {f: refusal_label(self.tr("Problem with this field")) for f in FIELDS}
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("Status"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Import"))
        self.buttons.accepted.connect(self._check_host_then_accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()

    def _lay_out(self) -> None:
        crc_row = QHBoxLayout()
        crc_row.addWidget(self.crc_edit, 1)
        crc_row.addWidget(self.crc_button)
        crc_label = QLabel(self.tr("C&RC32C:"))
        crc_label.setBuddy(self.crc_edit)  # a row holding a layout gets no buddy by itself
        self.connections_spin.setMaximumWidth(90)
        # One name asked for; what few people need waits under "Advanced" (opened by a refusal there).
        form, advanced_form = QFormLayout(), QFormLayout()
        rows = ((form, self.tr("&URL:"), self.url_edit, "url"), (form, self.tr("&Name:"), self.name_edit, "name"),
                (form, self.tr("&Project:"), self.project_combo, None),
                (advanced_form, self.tr("File na&me:"), self.file_name_edit, "fileName"),
                (advanced_form, self.tr("&Description:"), self.description_edit, "description"),
                (advanced_form, crc_label, crc_row, "crc32c"), (advanced_form, "", self.crc_progress, None),
                (advanced_form, self.tr("&Connections:"), self.connections_spin, None))
        for target, label, field, error in rows:
            target.addRow(label, field)
            if error:
                target.addRow("", self.errors[error])
        self.advanced = QWidget()
        advanced_layout = QVBoxLayout(self.advanced)
        advanced_layout.setContentsMargins(0, 0, 0, 0)
        advanced_layout.addLayout(advanced_form)
        advanced_layout.addWidget(self.ingestion)
        self.advanced.hide()
        self.advanced_button = QToolButton()
        self.advanced_button.setText(self.tr("&Advanced"))
        self.advanced_button.setAccessibleName(self.tr("Show advanced options"))
        self.advanced_button.setCheckable(True)
        self.advanced_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_button.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_button.toggled.connect(self.show_advanced)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Pixop copies the video itself from this address. It must be a public https:// "
                          "address that allows partial downloads (Range requests) and stays reachable "
                          "until the copy is done."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.advanced_button)
        layout.addWidget(self.advanced)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        chain = (self.url_edit, self.name_edit, self.project_combo, self.advanced_button, self.file_name_edit,
                 self.description_edit, self.crc_edit, self.crc_button, self.connections_spin, self.ingestion.check)
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        self.setMinimumWidth(560)

    @Slot(bool)
    def show_advanced(self, shown: bool) -> None:
        self.advanced.setVisible(shown)
        self.advanced_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        if self.advanced_button.isChecked() != shown:
            self.advanced_button.setChecked(shown)
        self.adjustSize()

    # ----- checking ---------------------------------------------------------------------------

    def current(self) -> HttpsImport:
        """What the fields say now (defaults applied: a blank name is the URL's file name)."""
        crc_text = self.crc_edit.text().strip()
        return HttpsImport(self.url_edit.text(), name=self.name_edit.text(), file_name=self.file_name_edit.text(),
                           description=self.description_edit.toPlainText(),
                           project_id=self.project_combo.currentData(), full_ingestion=self.ingestion.isChecked(),
                           crc32c=int(crc_text) if crc_text.isdigit() else None,
                           connections=self.connections_spin.value()).with_defaults()

    def _crc_text_refusal(self) -> Refusal | None:
        text = self.crc_edit.text().strip()
        if text and not text.isdigit():
            return Refusal("crc32c", "crc32c-number", self.tr("The CRC32C checksum must be a whole number "
                                                         "from 0 to 4294967295."))
        return None

    @Slot()
    def _revalidate(self) -> list[Refusal]:
        self._follow_url_with_name()
        wanted = self.current()
        refusals = wanted.quick_refusals() if wanted.url else []
        refusals += [r for r in [self._crc_text_refusal()] if r]
        if self._host_refusal and self._host_refusal[0] == wanted.url:
            refusals.insert(0, self._host_refusal[1])
        shown = {f: None for f in FIELDS}
        for refusal in refusals:
            shown[refusal.field] = shown[refusal.field] or refusal.message
        for field, text in shown.items():
            show_refusal(self.errors[field], text)
        if any(shown[field] for field in ADVANCED_FIELDS) and not self.advanced.isVisible():
            self.show_advanced(True)  # a problem is never hidden
        self.ok_button.setEnabled(bool(wanted.url) and not refusals and self._task is None)
        return refusals

    def _follow_url_with_name(self) -> None:
        """Until the person types a name of their own, the name is the URL's file name."""
        if self.name_edit.text() not in ("", self._derived_name):
            return
        self._derived_name = name_from_url(self.url_edit.text())
        if self.name_edit.text() != self._derived_name:
            self.name_edit.blockSignals(True)
            self.name_edit.setText(self._derived_name)
            self.name_edit.blockSignals(False)

    # ----- OK: resolve the host off the GUI thread ----------------------------------------------

    @Slot()
    def _check_host_then_accept(self) -> None:
        if self._revalidate() or self._task is not None:
            return
        wanted = self.current()
        host = urlsplit(wanted.url).hostname or wanted.url
        self.status_label.setText(self.tr("Checking where {host} points…").format(host=host))
        self._start(ProgressTask(lambda progress, cancelled: check_url(wanted.url)), self._host_checked)

    @Slot(object)
    def _host_checked(self, refusal: Refusal | None) -> None:
        self.status_label.clear()
        if refusal is not None:
            self._host_refusal = (self.current().url, refusal)
            show_refusal(self.errors["url"], refusal.message)
            return
        self.params = self.current()
        self.accept()

    # ----- CRC32C of a local copy --------------------------------------------------------------

    @Slot()
    def _choose_local_copy(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Local copy of the video"))
        if path:
            self.compute_crc(Path(path))

    def compute_crc(self, path: Path) -> None:
        """Compute the CRC32C of ``path`` off the GUI thread, with progress; fills the field."""
        if self._task is not None:
            return
        self.crc_progress.setRange(0, 1000)
        self.crc_progress.setValue(0)
        self.crc_progress.show()
        self.status_label.setText(self.tr("Computing the CRC32C of {name}…").format(name=path.name))
        self._start(ProgressTask(lambda progress, cancelled: file_crc32c(path, progress=progress,
                                                                         cancelled=cancelled)),
                    self._crc_done)

    @Slot(object, object)
    def _crc_progress(self, done: int, total: int) -> None:
        self.crc_progress.setValue(int(1000 * done / total) if total else 1000)

    @Slot(object)
    def _crc_done(self, value: int) -> None:
        self.crc_progress.hide()
        self.status_label.clear()
        self.crc_edit.setText(str(value))

    # ----- task plumbing -----------------------------------------------------------------------

    def _start(self, task: ProgressTask, on_success) -> None:
        self._task = task
        task.signals.progress.connect(self._crc_progress)
        task.signals.succeeded.connect(on_success)
        task.signals.failed.connect(self._task_failed)
        task.signals.finished.connect(self._task_finished)
        self.ok_button.setEnabled(False)
        self.crc_button.setEnabled(False)
        self._pool.start(task)

    @Slot(str, str)
    def _task_failed(self, title: str, message: str) -> None:
        self.crc_progress.hide()
        self.status_label.setText(f"{title}: {message}")

    @Slot()
    def _task_finished(self) -> None:
        self._task = None
        self.crc_button.setEnabled(True)
        self._revalidate()

    @property
    def busy(self) -> bool:
        return self._task is not None

    def done(self, result: int) -> None:  # noqa: D401 (Qt override) — stop a running checksum
        if self._task is not None:
            self._task.cancel()
        super().done(result)


__all__ = ["ImportUrlDialog", "CrcCancelled"]
