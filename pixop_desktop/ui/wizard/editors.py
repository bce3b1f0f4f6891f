"""One editor per field of the request, generated from its ``FieldSpec``.

A choice field is a combo box listing what leaving it unset means (the
field's own ``unset_text``: "None — not applied", "Same as the source", …) and then
exactly the members of its enum, labelled by ``label()``; a number is a line
edit (typed freely, so an out-of-range value is *explained*, not silently
clamped); a clip position is a time edit. Under every control its help is
written out (not only a tooltip), and when the field or some of its choices
do not apply the reason is written there too.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from PySide6.QtCore import Qt, QTime, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QTimeEdit, QVBoxLayout, QWidget,
)

from pixop_desktop.processing import FieldSpec, choice_reason, help_text, inapplicable_reason, label
from pixop_desktop.ui.request_text import clock_text
from pixop_desktop.ui.translations import PROCESSING, core_text

_DAY_MS = 24 * 3600 * 1000 - 1


def unset_text(spec: FieldSpec) -> str:
    """What leaving the field unset means, in the person's language (the combo's first item,
    the number fields' hint)."""
    return core_text(PROCESSING, spec.unset_text)


def _shown(text: str) -> str:
    """A label, help, unit or reason of processing, translated under its own context."""
    return core_text(PROCESSING, text)


def _note(style: str) -> QLabel:
    note = QLabel()
    note.setWordWrap(True)
    note.setTextFormat(Qt.TextFormat.PlainText)
    note.setStyleSheet(style)
    return note


class FieldEditor(QWidget):
    """Title, control, help and "why not" for one field; ``edited(path, value)`` on change."""

    edited = Signal(str, object)

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.title = QLabel(_shown(spec.label))
        self.title.setStyleSheet("font-weight: bold")
        self.help = _note("color: palette(placeholder-text)")
        self.help.setAccessibleName(self.tr("{field}: help").format(field=_shown(spec.label)))
        self.why_not = _note("font-style: italic")
        self.why_not.setAccessibleName(self.tr("{field}: not available").format(field=_shown(spec.label)))
        self.why_not.hide()
        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addLayout(self._row)
        layout.addWidget(self.help)
        layout.addWidget(self.why_not)

    def _place(self, control: QWidget, stretch: bool = True) -> None:
        self.control = control
        self.title.setBuddy(control)
        control.setAccessibleName(_shown(self.spec.label))
        control.setAccessibleDescription(self._field_help())
        self._row.addWidget(control, 1 if stretch else 0)
        self._show_help()

    # --- what subclasses provide -------------------------------------------------------

    def value(self) -> Any:
        raise NotImplementedError

    def show_value(self, value: Any) -> None:
        """Display ``value`` (JSON form) without reporting it as an edit."""
        raise NotImplementedError

    def _value_help(self) -> str:
        return ""

    def _field_help(self) -> str:
        return _shown(self.spec.help)

    # --- shared behaviour ----------------------------------------------------------------

    def _show_help(self) -> None:
        extra = self._value_help()
        self.help.setText(self._field_help() + (f" {extra}" if extra else ""))

    def _emit(self) -> None:
        self._show_help()
        self.edited.emit(self.spec.path, self.value())

    def refresh(self, request, faulty: bool) -> None:
        """Enable or explain the field for the rest of the request (a valid, lenient one)."""
        reason = inapplicable_reason(request, self.spec.path)
        has_value = self.value() is not None
        # A field holding a value stays editable so the person can clear it; the page says why.
        self.control.setEnabled(reason is None or has_value)
        self.title.setText(("⚠ " if faulty else "") + _shown(self.spec.label))
        notes = [_shown(reason)] if reason and not has_value else []
        notes += self._choice_notes(request)
        self.why_not.setText(" ".join(notes))
        self.why_not.setVisible(bool(notes))

    def _choice_notes(self, request) -> list[str]:
        return []


class ChoiceEditor(FieldEditor):
    """A combo of the field's unset meaning plus every member of the field's enum."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        combo = QComboBox()
        combo.addItem(unset_text(spec))
        # Members live in a list (Qt would turn str-based enum members into plain str).
        self._members: list[Enum] = list(spec.choices)
        for member in self._members:
            combo.addItem(_shown(label(member)))
            combo.setItemData(combo.count() - 1, _shown(help_text(member)), _TOOLTIP)
        combo.currentIndexChanged.connect(self._on_index_changed)
        self.combo = combo
        self._place(combo)

    def members(self) -> list[Enum]:
        return list(self._members)

    def member(self) -> Enum | None:
        index = self.combo.currentIndex()
        return self._members[index - 1] if index > 0 else None

    def value(self) -> Any:
        member = self.member()
        return None if member is None else member.value

    def select(self, member: Enum | None) -> None:
        """Choose an option as a person would (reported as an edit)."""
        self.combo.setCurrentIndex(0 if member is None else self._members.index(member) + 1)

    def index_of(self, member: Enum | None) -> int:
        return 0 if member is None else self._members.index(member) + 1

    def show_value(self, value: Any) -> None:
        index = next((i + 1 for i, m in enumerate(self._members) if m.value == value), 0)
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(index)
        self.combo.blockSignals(False)
        self._show_help()

    def _value_help(self) -> str:
        member = self.member()
        return f"{_shown(label(member))}: {_shown(help_text(member))}" if member is not None else ""

    @Slot(int)
    def _on_index_changed(self, _index: int) -> None:
        self._emit()

    def _choice_notes(self, request) -> list[str]:
        model = self.combo.model()
        unavailable, reasons = [], []
        for index, member in enumerate(self._members, start=1):
            reason = choice_reason(request, self.spec.path, member)
            item = model.item(index)
            item.setEnabled(reason is None or index == self.combo.currentIndex())
            item.setToolTip(_shown(reason) if reason else _shown(help_text(member)))
            if reason:
                unavailable.append(_shown(label(member)))
                if reason not in reasons:
                    reasons.append(_shown(reason))
        if not unavailable or not self.control.isEnabled():
            return []
        shown = reasons[0] + (" …" if len(reasons) > 1 else "")
        return [self.tr("Not available now: {choices}. {why}").format(choices=", ".join(unavailable), why=shown)]


class NumberEditor(FieldEditor):
    """A number typed freely; empty means not set. Text that is not a number is passed on
    as text, so the model explains the field's rule (range, whole numbers)."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.line = QLineEdit()
        self.line.setPlaceholderText(unset_text(spec))
        self.line.setClearButtonEnabled(True)
        self.line.textChanged.connect(self._on_text_changed)
        self._place(self.line)
        if spec.unit:
            self._row.addWidget(QLabel(_shown(spec.unit)))

    def value(self) -> Any:
        text = self.line.text().strip().replace(",", ".")
        if not text:
            return None
        for kind in (int, float):
            try:
                return kind(text)
            except ValueError:
                continue
        return text

    def show_value(self, value: Any) -> None:
        self.line.blockSignals(True)
        self.line.setText("" if value is None else f"{value:g}" if isinstance(value, float) else str(value))
        self.line.blockSignals(False)
        self._show_help()

    @Slot(str)
    def _on_text_changed(self, _text: str) -> None:
        self._emit()


class ClipTimeEditor(FieldEditor):
    """A clip position: a check box to set it, and a time (the video's length is the maximum)."""

    def __init__(self, spec: FieldSpec, duration_ms: int | None, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.duration_ms = duration_ms
        self.enabled_box = QCheckBox(self.tr("Set"))
        self.enabled_box.setAccessibleName(self.tr("Set {field}").format(field=_shown(spec.label)))
        self.time = QTimeEdit()
        self.time.setDisplayFormat("H:mm:ss.zzz")
        self._set_maximum(duration_ms if duration_ms is not None else _DAY_MS)
        self.time.setEnabled(False)
        self._row.addWidget(self.enabled_box)
        self._place(self.time)
        self.title.setBuddy(self.enabled_box)
        if duration_ms is not None:
            self._row.addWidget(QLabel(self.tr("of {length}").format(length=clock_text(duration_ms))))
        self.enabled_box.toggled.connect(self._on_toggled)
        self.time.timeChanged.connect(self._on_time_changed)

    def _set_maximum(self, ms: int) -> None:
        self.time.setMaximumTime(QTime(0, 0).addMSecs(min(ms, _DAY_MS)))

    def value(self) -> Any:
        if not self.enabled_box.isChecked():
            return None
        return QTime(0, 0).msecsTo(self.time.time())

    def show_value(self, value: Any) -> None:
        for widget in (self.enabled_box, self.time):
            widget.blockSignals(True)
        if value is not None and (self.duration_ms is None or value > self.duration_ms):
            self._set_maximum(max(value, self.duration_ms or 0))  # show it as it is; the page explains
        self.enabled_box.setChecked(value is not None)
        self.time.setEnabled(value is not None)
        self.time.setTime(QTime(0, 0).addMSecs(value or 0))
        for widget in (self.enabled_box, self.time):
            widget.blockSignals(False)
        self._show_help()

    def refresh(self, request, faulty: bool) -> None:
        super().refresh(request, faulty)
        self.control.setEnabled(self.enabled_box.isChecked())

    def _field_help(self) -> str:
        """In the h:mm:ss.mmm form the time field shows (the model's help speaks of the JSON's milliseconds)."""
        if self.spec.path.endswith("endPositionMilliseconds"):
            return self.tr("Where the clip ends, as a time from the beginning of the video.")
        return self.tr("Where the clip starts, as a time from the beginning of the video.")

    def _value_help(self) -> str:
        return self.tr("Tick “Set”, then type the time as h:mm:ss.mmm (hours:minutes:seconds.milliseconds),"
                       " e.g. 0:01:30.500 is 1 minute 30.5 seconds.")

    @Slot(bool)
    def _on_toggled(self, checked: bool) -> None:
        self.time.setEnabled(checked)
        if checked and self.spec.path.endswith("endPositionMilliseconds") and self.duration_ms:
            self.time.blockSignals(True)
            self.time.setTime(QTime(0, 0).addMSecs(self.duration_ms))
            self.time.blockSignals(False)
        self._emit()

    @Slot(QTime)
    def _on_time_changed(self, _time: QTime) -> None:
        self._emit()


_TOOLTIP = Qt.ItemDataRole.ToolTipRole


def editor_for(spec: FieldSpec, duration_ms: int | None) -> FieldEditor:
    if spec.kind == "choice":
        return ChoiceEditor(spec)
    if spec.path.startswith("range."):
        return ClipTimeEditor(spec, duration_ms)
    return NumberEditor(spec)
