"""A pseudo-translation: every message of our code translated as "⟦source⟧" (no tests here).

Made with the real tools: ``pyside6-lupdate`` reads the package as a translator's
template would be made, the ``.ts`` is rewritten, ``pyside6-lrelease`` compiles it.
A text on screen without the markers never went through a translation lookup
that lupdate knows about: it is not translatable.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path

from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QDialogButtonBox,
                               QGroupBox, QHeaderView, QLabel, QLineEdit, QMainWindow, QMenu, QPlainTextEdit, QTabBar,
                               QTableView, QTextEdit, QWidget, QWizard, QWizardPage)

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "pixop_desktop"
OPEN, CLOSE = "⟦", "⟧"
TOOLS = Path(sys.executable).parent


def make_pseudo_qm(folder: Path) -> Path:
    """lupdate the package into ``folder``, mark every translation, lrelease; the ``.qm``."""
    ts = folder / "pseudo.ts"
    sources = sorted(str(path) for path in PACKAGE.rglob("*.py"))
    _run(TOOLS / "pyside6-lupdate", *sources, "-no-obsolete", "-locations", "none", "-ts", str(ts))
    tree = ET.parse(ts)
    mark_every_message(tree.getroot())
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    qm = folder / "pseudo.qm"
    _run(TOOLS / "pyside6-lrelease", str(ts), "-qm", str(qm))
    return qm


def mark_every_message(ts_root: ET.Element) -> None:
    """Translate each message as OPEN + source + CLOSE; numerus ones get both English forms."""
    ts_root.set("language", "en")  # two plural forms, chosen by %n as in English
    for message in ts_root.iter("message"):
        marked = OPEN + message.findtext("source", "") + CLOSE
        old = message.find("translation")
        if old is not None:
            message.remove(old)
        translation = ET.SubElement(message, "translation")
        if message.get("numerus") == "yes":
            for _form in range(2):
                ET.SubElement(translation, "numerusform").text = marked
        else:
            translation.text = marked


def _run(*command) -> None:
    subprocess.run([str(part) for part in command], check=True, capture_output=True, timeout=60)


# --- what a person sees --------------------------------------------------------------------

def visible_texts(root: QWidget) -> Iterator[tuple[QWidget | object, str, str]]:
    """(owner, what, text) for every text of ``root`` and its children a person can see or hear."""
    qt_wizard_buttons = _qt_default_wizard_texts()
    for widget in [root, *root.findChildren(QWidget)]:
        if _is_qt_internal(widget):
            continue
        if widget.isWindow():
            yield widget, "windowTitle", widget.windowTitle()
        yield widget, "toolTip", widget.toolTip()
        yield widget, "accessibleName", widget.accessibleName()
        yield widget, "accessibleDescription", widget.accessibleDescription()
        yield from _own_texts(widget, qt_wizard_buttons)
        for action in QWidget.actions(widget):  # some widgets have an attribute named "actions"
            yield from _action_texts(action)
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            yield from _action_texts(action)


def _own_texts(widget: QWidget, qt_wizard_buttons: set[str]) -> Iterator[tuple[QWidget, str, str]]:
    if isinstance(widget, QLabel):
        yield widget, "text", widget.text()
    elif isinstance(widget, QAbstractButton):
        if not _is_qt_standard_button(widget, qt_wizard_buttons):
            yield widget, "text", widget.text()
    elif isinstance(widget, QGroupBox):
        yield widget, "title", widget.title()
    elif isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        yield widget, "placeholderText", widget.placeholderText()
    elif isinstance(widget, QComboBox):
        for index in range(widget.count()):
            yield widget, f"item {index}", widget.itemText(index)
    elif isinstance(widget, QTabBar):
        for index in range(widget.count()):
            yield widget, f"tab {index}", widget.tabText(index)
            yield widget, f"tab {index} toolTip", widget.tabToolTip(index)
    elif isinstance(widget, QAbstractSpinBox):
        yield widget, "specialValueText", widget.specialValueText()
        for what in ("prefix", "suffix"):
            if hasattr(widget, what):
                yield widget, what, getattr(widget, what)()
    elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView) and widget.model():
        yield from _header_texts(widget)
    if isinstance(widget, QWizardPage):
        yield widget, "title", widget.title()
        yield widget, "subTitle", widget.subTitle()


def _header_texts(view: QAbstractItemView) -> Iterator[tuple[QWidget, str, str]]:
    from PySide6.QtCore import Qt

    header = view.horizontalHeader() if isinstance(view, QTableView) else getattr(view, "header", lambda: None)()
    if header is None or header.isHidden():
        return
    for column in range(header.count()):
        text = view.model().headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        yield view, f"header {column}", str(text) if text is not None else ""


def _is_qt_internal(widget: QWidget) -> bool:
    """Parts Qt makes and names itself (a tab bar's scroll buttons…): Qt's catalogue covers them."""
    name = widget.objectName()
    return name.startswith("qt_") or name in ("ScrollLeftButton", "ScrollRightButton")


def _action_texts(action, depth: int = 0) -> Iterator[tuple[object, str, str]]:
    if action.isSeparator():
        return
    yield action, "text", action.text()
    yield action, "toolTip", action.toolTip()
    menu = action.menu()
    if isinstance(menu, QMenu) and depth < 5:
        yield menu, "title", menu.title()
        for child in menu.actions():
            yield from _action_texts(child, depth + 1)


def _is_qt_standard_button(button: QAbstractButton, qt_wizard_buttons: set[str]) -> bool:
    """OK, Cancel, Next… whose words come from Qt's own catalogue (qtbase), not from ours."""
    parent = button.parent()
    while parent is not None and not isinstance(parent, (QDialogButtonBox, QWizard)):
        parent = parent.parent()
    if isinstance(parent, QDialogButtonBox):
        return parent.standardButton(button) != QDialogButtonBox.StandardButton.NoButton
    if isinstance(parent, QWizard):
        return button.text() in qt_wizard_buttons
    return False


_WIZARD_DEFAULTS: set[str] = set()


def _qt_default_wizard_texts() -> set[str]:
    if not _WIZARD_DEFAULTS:
        wizard = QWizard()
        for which in QWizard.WizardButton:
            if which.value <= QWizard.WizardButton.CustomButton3.value:
                _WIZARD_DEFAULTS.add(wizard.buttonText(which))
        wizard.deleteLater()
    return _WIZARD_DEFAULTS


# --- judging the texts ---------------------------------------------------------------------

_MARKED = re.compile(re.escape(OPEN) + "[^" + OPEN + CLOSE + "]*" + re.escape(CLOSE))
_LETTER = re.compile(r"[^\W\d_]")


def unmarked_part(text: str) -> str:
    """``text`` without its marked segments (innermost first: a marked text may hold another)."""
    previous = None
    while previous != text:
        previous, text = text, _MARKED.sub(" ", text)
    return text


def untranslated(texts: Iterable[tuple[object, str, str]], allowed: Iterable[re.Pattern]) -> list[str]:
    """One line per text with letters outside the markers that no ``allowed`` pattern explains."""
    allowed = list(allowed)
    found = []
    for owner, what, text in texts:
        rest = unmarked_part(text)
        for pattern in allowed:
            rest = pattern.sub(" ", rest)
        if _LETTER.search(rest):
            found.append(f"{type(owner).__name__} {describe(owner)} {what}: {text!r}")
    return sorted(set(found))


def describe(owner: object) -> str:
    name = getattr(owner, "objectName", lambda: "")()
    accessible = getattr(owner, "accessibleName", lambda: "")()
    return f"[{name or '-'} / {accessible or '-'}]"
