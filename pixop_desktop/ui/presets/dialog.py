"""File → Presets…: see, import, export, duplicate, edit and delete processing presets.

The list shows the built-in starters (marked, read-only) and a person's own
presets; under it, the chosen preset's description, its settings in plain
words and the exact JSON sent to Pixop. Every change is made through
``pixop_desktop.presets`` (the same functions the CLI uses) and announced by
``presets_changed`` so the main window refreshes its preset lists.

Questions and messages are window-modal boxes opened with ``open()`` (kept as
``confirm_box``, ``clash_box``, ``message_box``), so the event loop never
blocks and tests answer them as a person would.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QInputDialog, QLabel,
                               QListWidget, QListWidgetItem, QMessageBox, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from pixop_desktop.platform_paths import name_key
from pixop_desktop.presets import Preset, PresetError, delete_preset, export_preset, import_preset, list_presets
from pixop_desktop.presets import save_preset
from pixop_desktop.presets.model import read_preset_file
from pixop_desktop.ui.intake.drop_zone import start_folder
from pixop_desktop.ui.window.errors import error_box
from pixop_desktop.ui.request_text import request_lines
from pixop_desktop.ui.translations import PRESETS, core_text

PRESET_FILES = "*.json"


def _suggested_file_name(preset: Preset) -> str:
    """The preset's name as a file name (no folder separators or characters Windows refuses)."""
    return (re.sub(r'[\\/:*?"<>|]+', "-", preset.name).strip(" .-") or "preset") + ".json"


def documents_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


class PresetsDialog(QDialog):
    """The presets window; ``presets_changed`` after any import, duplicate, edit or delete."""

    presets_changed = Signal()
    #: The folder of the last preset file imported or exported in this session (shared by every
    #: Presets window), so the next Import/Export opens there and not in the process's working folder.
    last_folder = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presetsDialog")
        self.setWindowTitle(self.tr("Presets"))
        self.setAccessibleName(self.tr("Presets"))
        self.presets: list[Preset] = []
        self.file_dialog: QFileDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.clash_box: QMessageBox | None = None
        self.message_box: QMessageBox | None = None
        self.name_dialog: QInputDialog | None = None
        self.wizard = None
        self._pending_import: Path | None = None
        self._pending_delete: str | None = None
        self._build()
        self.reload()
        self.resize(760, 560)

    # --- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Presets"))
        self.list.currentRowChanged.connect(self._show_selected)
        list_label = QLabel(self.tr("&Presets:"))
        list_label.setBuddy(self.list)
        self.description = self._text_label(self.tr("Description of the preset"))
        self.summary = self._text_label(self.tr("What the preset sets"))
        self.json_view = QPlainTextEdit()
        self.json_view.setReadOnly(True)
        self.json_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.json_view.setAccessibleName(self.tr("Settings sent to Pixop, as JSON"))
        json_label = QLabel(self.tr("Exact settings sent to Pixop (&JSON):"))
        json_label.setBuddy(self.json_view)
        self.status = self._text_label(self.tr("What happened"))
        details = QVBoxLayout()
        for widget in (self.description, self.summary, json_label):
            details.addWidget(widget)
        details.addWidget(self.json_view, 1)
        left = QVBoxLayout()
        left.addWidget(list_label)
        left.addWidget(self.list, 1)
        top = QHBoxLayout()
        top.addLayout(left, 2)
        top.addLayout(details, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(self._buttons())
        layout.addWidget(self.status)

    def _text_label(self, name: str) -> QLabel:
        text = QLabel()
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)  # names and descriptions come from files
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setAccessibleName(name)
        return text

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _buttons(self) -> QHBoxLayout:
        self.import_button = self._button(self.tr("&Import…"), self.tr("Import a preset file"), self.choose_import)
        self.export_button = self._button(self.tr("&Export…"), self.tr("Export the preset to a file"),
                                          self.choose_export)
        self.duplicate_button = self._button(self.tr("&Duplicate…"), self.tr("Duplicate the preset"),
                                             self.ask_duplicate_name)
        self.edit_button = self._button(self.tr("Edi&t…"), self.tr("Edit the preset's settings"), self.edit_selected)
        self.delete_button = self._button(self.tr("De&lete"), self.tr("Delete the preset"), self.ask_delete)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.import_button, self.export_button, self.duplicate_button, self.edit_button,
                       self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        return row

    # --- the list ------------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the presets again; keep (or move to) the named one."""
        current = select or (self.selected().name if self.selected() else None)
        try:
            self.presets = list_presets()
        except OSError as exc:  # the data folder cannot be read: say so, show nothing
            self.presets = []
            self.status.setText(self.tr("The presets folder cannot be read: {reason}").format(
                reason=exc.strerror or exc))
        self.list.blockSignals(True)
        self.list.clear()
        for preset in self.presets:
            item = QListWidgetItem(self.shown_name(preset))
            item.setToolTip(self.tr("Comes with the app; duplicate it to make your own variation.")
                            if preset.built_in else self.tr("Your preset"))
            self.list.addItem(item)
        self.list.blockSignals(False)
        names = [name_key(p.name) for p in self.presets]
        row = names.index(name_key(current)) if current and name_key(current) in names else 0
        self.list.setCurrentRow(row if self.presets else -1)
        self._show_selected(self.list.currentRow())

    def shown_name(self, preset: Preset) -> str:
        if preset.built_in:
            return self.tr("{name} (built-in)").format(name=core_text(PRESETS, preset.name))
        return preset.name

    def selected(self) -> Preset | None:
        row = self.list.currentRow()
        return self.presets[row] if 0 <= row < len(self.presets) else None

    def select(self, name: str) -> None:
        row = next(i for i, p in enumerate(self.presets) if p.name.casefold() == name.casefold())
        self.list.setCurrentRow(row)

    @Slot(int)
    def _show_selected(self, _row: int) -> None:
        preset = self.selected()
        own = preset is not None and not preset.built_in
        for button in (self.export_button, self.duplicate_button):
            button.setEnabled(preset is not None)
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(own)
        if preset is None:
            for widget in (self.description, self.summary, self.json_view):
                widget.clear()
            return
        description = core_text(PRESETS, preset.description) if preset.built_in else preset.description
        self.description.setText(description or self.tr("No description."))
        lines = [self.tr("{field}: {value}").format(field=f, value=v) for f, v in request_lines(preset.request)]
        self.summary.setText("\n".join(lines) or self.tr("Sets nothing: Pixop's defaults apply."))
        self.json_view.setPlainText(json.dumps(preset.request.to_json(), indent=2, ensure_ascii=False))

    def _changed(self, name: str | None, message: str) -> None:
        self.reload(select=name)
        self.status.setText(message)
        self.presets_changed.emit()

    def _show_message(self, title: str, message: str) -> QMessageBox:
        self.message_box = error_box(self, title, message)
        self.message_box.open()
        return self.message_box

    def _ask(self, title: str, question: str, buttons: list[tuple[str, QMessageBox.ButtonRole]],
             answered) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAccessibleName(title)
        for text, role in buttons:
            box.addButton(text, role)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(answered)
        box.open()
        return box

    # --- import -----------------------------------------------------------------------------------

    @Slot()
    def choose_import(self) -> QFileDialog:
        return self._open_file_dialog(self.tr("Import a preset"), QFileDialog.AcceptMode.AcceptOpen,
                                      self.start_folder(), self.import_file)

    def start_folder(self) -> str:
        """Where Import/Export open: the folder used last, else Documents, else the home folder."""
        return start_folder(PresetsDialog.last_folder, documents_folder(), str(Path.home()))

    @staticmethod
    def remember_folder(path: str) -> None:
        PresetsDialog.last_folder = str(Path(path).parent)

    def _open_file_dialog(self, title: str, mode, name: str, chosen) -> QFileDialog:
        dialog = QFileDialog(self, title, name, self.tr("Preset files ({pattern})").format(pattern=PRESET_FILES))
        dialog.setAcceptMode(mode)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile if mode == QFileDialog.AcceptMode.AcceptOpen
                           else QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix("json")
        dialog.fileSelected.connect(chosen)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    @Slot(str)
    def import_file(self, path: str) -> None:
        """Check the file first; a clash with one of the person's presets asks replace or keep both."""
        file = Path(path)
        self.remember_folder(path)
        try:
            incoming = read_preset_file(file)
        except PresetError as exc:
            self._import_failed(file, exc)
            return
        clash = next((p for p in self.presets if p.name.casefold() == incoming.name.casefold()), None)
        if clash is None or clash.built_in:  # a built-in's name is never replaced: numbered
            self._import(file, overwrite=False)
            return
        self._pending_import = file
        self.clash_box = self._ask(
            self.tr("Preset exists"),
            self.tr("You already have a preset called “{name}”. Replace it with the one in “{file}”, "
                    "or keep both (the imported one gets a number)?").format(name=clash.name, file=file.name),
            [(self.tr("&Replace"), QMessageBox.ButtonRole.DestructiveRole),
             (self.tr("&Keep Both"), QMessageBox.ButtonRole.AcceptRole)],
            self._clash_answered)

    @Slot(object)
    def _clash_answered(self, button) -> None:
        role = self.clash_box.buttonRole(button)
        if role == QMessageBox.ButtonRole.DestructiveRole:
            self._import(self._pending_import, overwrite=True)
        elif role == QMessageBox.ButtonRole.AcceptRole:
            self._import(self._pending_import, overwrite=False)

    def _import(self, file: Path, *, overwrite: bool) -> None:
        try:
            preset = import_preset(file, overwrite=overwrite)
        except PresetError as exc:
            self._import_failed(file, exc)
            return
        self._changed(preset.name, self.tr("Imported “{name}” from “{file}”.").format(name=preset.name,
                                                                                      file=file.name))

    def _import_failed(self, file: Path, exc: PresetError) -> None:
        self._show_message(self.tr("“{file}” was not imported").format(file=file.name),
                           f"{exc.title}: {exc.message}")

    # --- export, duplicate, edit, delete ---------------------------------------------------------

    @Slot()
    def choose_export(self) -> QFileDialog | None:
        preset = self.selected()
        if preset is None:
            return None
        return self._open_file_dialog(self.tr("Export “{name}”").format(name=preset.name),
                                      QFileDialog.AcceptMode.AcceptSave,
                                      str(Path(self.start_folder()) / _suggested_file_name(preset)), self.export_to)

    @Slot(str)
    def export_to(self, path: str) -> None:
        preset = self.selected()
        if preset is None:
            return
        self.remember_folder(path)
        try:
            written = export_preset(preset.name, path)
        except PresetError as exc:
            self._show_message(exc.title, exc.message)
            return
        self.status.setText(self.tr("Exported “{name}” to {path}.").format(name=preset.name, path=written))

    @Slot()
    def ask_duplicate_name(self) -> QInputDialog | None:
        preset = self.selected()
        if preset is None:
            return None
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Duplicate preset"))
        dialog.setLabelText(self.tr("&Name of the copy:"))
        shown = core_text(PRESETS, preset.name) if preset.built_in else preset.name
        dialog.setTextValue(self.tr("{name} (copy)").format(name=shown))
        dialog.textValueSelected.connect(self.duplicate_as)
        self.name_dialog = dialog
        dialog.open()
        return dialog

    @Slot(str)
    def duplicate_as(self, name: str) -> None:
        preset = self.selected()
        if preset is None:
            return
        description = core_text(PRESETS, preset.description) if preset.built_in else preset.description
        try:
            copy = save_preset(name, preset.request, description)
        except PresetError as exc:
            self._show_message(exc.title, exc.message)
            return
        self._changed(copy.name, self.tr("Saved a copy as “{name}”.").format(name=copy.name))

    @Slot()
    def edit_selected(self):
        """The processing wizard, preloaded; Finish saves the new settings over the preset."""
        from pixop_desktop.ui.wizard import ProcessingWizard

        preset = self.selected()
        if preset is None or preset.built_in:
            return None
        self.wizard = ProcessingWizard(self, preset=preset)
        self.wizard.setProperty("presetName", preset.name)
        self.wizard.accepted.connect(self._edit_finished)
        self.wizard.open()
        return self.wizard

    @Slot()
    def _edit_finished(self) -> None:
        name, request = self.wizard.property("presetName"), self.wizard.request()
        old = next((p for p in self.presets if p.name == name), None)
        if request is None or old is None:
            return
        try:
            save_preset(name, request, old.description, overwrite=True)
        except PresetError as exc:
            self._show_message(exc.title, exc.message)
            return
        self._changed(name, self.tr("Saved the new settings of “{name}”.").format(name=name))

    @Slot()
    def ask_delete(self) -> QMessageBox | None:
        preset = self.selected()
        if preset is None or preset.built_in:
            return None
        self._pending_delete = preset.name
        self.confirm_box = self._ask(
            self.tr("Delete preset"),
            self.tr("Delete your preset “{name}”? This cannot be undone; "
                    "export it first to keep a copy.").format(name=preset.name),
            [(self.tr("&Delete"), QMessageBox.ButtonRole.DestructiveRole)], self._delete_answered)
        return self.confirm_box

    @Slot(object)
    def _delete_answered(self, button) -> None:
        if self.confirm_box.buttonRole(button) != QMessageBox.ButtonRole.DestructiveRole:
            return
        name = self._pending_delete
        try:
            delete_preset(name)
        except PresetError as exc:
            self._show_message(exc.title, exc.message)
            return
        self._changed(None, self.tr("Deleted “{name}”.").format(name=name))
