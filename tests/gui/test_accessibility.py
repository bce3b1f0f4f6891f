"""Every visible control of every window has an accessible name, takes keyboard focus,
and no two visible controls of a window share an Alt+letter (a shared letter only
cycles focus between them, so neither is reachable in one key press).

A control is named by ``accessibleName()``, by its own text (buttons), or by a
QLabel whose buddy it is (a form label with a mnemonic). Deliberate exclusions
(each checked to be what it claims):

- Qt's internal parts of a compound control, which the compound one names and
  focuses: the line edit inside a spin box or an editable combo box, the
  header, corner button and viewport children of item views, the scroll
  buttons of a tab bar, the toolbar's "more" (extension) button.
- Buttons in a toolbar: Qt gives them no focus on purpose; every toolbar
  action is also in a menu (Queue menu, context menu) and has a shortcut.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox, QApplication,
                               QComboBox, QGroupBox, QHeaderView, QLabel, QLineEdit, QMainWindow, QPlainTextEdit,
                               QTabBar, QTextEdit, QToolBar, QToolButton, QWidget, QWizard)

from pixop_desktop.jobs.model import Job, Source, State
from pixop_desktop.settings import load_settings
from tests.gui.queue_window import click_row, open_main_window

pytestmark = pytest.mark.timeout(90)

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTextEdit, QPlainTextEdit,
               QAbstractSlider)


def _inside(widget: QWidget, kinds) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parentWidget()
    return False


def _internal_part(widget: QWidget) -> bool:
    """Qt's own sub-widgets of a compound control (see the module docstring)."""
    parent = widget.parentWidget()
    return (isinstance(widget, QHeaderView)
            or (isinstance(widget, QLineEdit) and isinstance(parent, (QAbstractSpinBox, QComboBox)))
            or (isinstance(widget, QAbstractButton) and _inside(widget, (QAbstractItemView,)))
            or (isinstance(widget, QToolButton) and isinstance(parent, QTabBar))
            or widget.objectName() == "qt_toolbar_ext_button"
            or (isinstance(widget, QAbstractSlider) and widget.metaObject().className() == "QScrollBar"))


def _named(widget: QWidget, buddies: set[int]) -> bool:
    if widget.accessibleName().strip():
        return True
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return True
    return id(widget) in buddies


def problems(root: QWidget) -> list[str]:
    """Visible interactive controls under ``root`` without a name or keyboard focus."""
    widgets = [root, *root.findChildren(QWidget)]
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    found = []
    for widget in widgets:
        if not isinstance(widget, INTERACTIVE) or not widget.isVisible() or _internal_part(widget):
            continue
        what = f"{type(widget).__name__} {widget.objectName()!r} {getattr(widget, 'text', lambda: '')()!r}"
        if not _named(widget, buddies):
            found.append(f"no accessible name: {what}")
        in_toolbar = isinstance(widget, QToolButton) and isinstance(widget.parentWidget(), QToolBar)
        if not in_toolbar and not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(f"no keyboard focus: {what}")
    return found + mnemonic_clashes(root)


def _mnemonic_texts(root: QWidget) -> list[str]:
    """The texts whose Alt+letter acts in ``root``'s window: visible buttons, labels
    with a buddy, tabs, group boxes and the menu bar's menus."""
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QAbstractButton) or isinstance(widget, QLabel) and widget.buddy() is not None:
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts.extend(widget.tabText(index) for index in range(widget.count()) if widget.isTabVisible(index))
    if isinstance(root, QMainWindow):
        texts.extend(action.text() for action in root.menuBar().actions() if action.isVisible())
    return texts


def mnemonic_clashes(root: QWidget) -> list[str]:
    letters: dict[str, list[str]] = {}
    for text in _mnemonic_texts(root):
        key = QKeySequence.mnemonic(text).toString().lower()
        if key:
            letters.setdefault(key, []).append(text.replace("&", ""))
    return [f"{key} is the Alt-letter of {' and '.join(names)}" for key, names in sorted(letters.items())
            if len(names) > 1]


@pytest.fixture
def window(qtbot, sandbox, tmp_path):
    window = open_main_window(qtbot, sandbox)
    window.runner.pause_queue()
    ids = window.store.add_many([Job(Source.local(str(tmp_path / "a.mp4")), processing={}),
                                 Job(Source.local(str(tmp_path / "b.mp4")), state=State.NEEDS_APPROVAL,
                                     processing={}, needs_approval=True)])
    window.queue_model.refresh_jobs(ids)
    click_row(qtbot, window, ids[0])
    yield window
    window.shutdown()


def test_main_window_every_tab(qtbot, window):
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(10)
        assert not (found := problems(window)), (window.tabs.tabText(index), found)


def test_settings_dialog_every_page(qtbot, window):
    dialog = window.extras.open_settings()
    qtbot.addWidget(dialog)
    try:
        for index in range(dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(index)
            qtbot.wait(10)
            assert not (found := problems(dialog)), (dialog.tabs.tabText(index), found)
    finally:
        for page in dialog.pages:
            getattr(page, "wait", lambda: None)()
        dialog.reject()


def test_welcome_dialog_both_choices(qtbot):
    from pixop_desktop.ui.welcome import WelcomeDialog

    dialog = WelcomeDialog(load_settings(), prefer_sandbox=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert problems(dialog) == []
    qtbot.mouseClick(dialog.account_radio, Qt.MouseButton.LeftButton)
    assert problems(dialog) == []


def test_wizard_every_page(qtbot):
    from pixop_desktop.api.processing import SourceInfo
    from pixop_desktop.ui.wizard import ProcessingWizard

    wizard = ProcessingWizard(source=SourceInfo(width=720, height=576, fps=25, duration_ms=20_000))
    qtbot.addWidget(wizard)
    wizard.show()
    seen = 0
    while True:
        assert not (found := problems(wizard)), (wizard.currentPage().objectName(), found)
        seen += 1
        button = wizard.button(QWizard.WizardButton.NextButton)
        if not button.isVisible() or not button.isEnabled():
            break
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert seen == len(wizard.pageIds())


def test_import_dialogs(qtbot):
    from pixop_desktop.ui.imports import ImportS3Dialog, ImportUrlDialog

    url = ImportUrlDialog(projects=[("p1", "Archive")])
    s3 = ImportS3Dialog(lambda: [], projects=[("p1", "Archive")])
    for dialog in (url, s3):
        qtbot.addWidget(dialog)
        dialog.show()
        assert not (found := problems(dialog)), (dialog.windowTitle(), found)
    for dialog in (url, s3):
        getattr(dialog, "_pool", None) and dialog._pool.waitForDone()


def test_watch_rule_dialog(qtbot):
    from pixop_desktop.ui.watch_rule_dialog import RuleDialog

    dialog = RuleDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert problems(dialog) == []


def test_the_sweep_finds_a_nameless_control(qtbot):
    from PySide6.QtWidgets import QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    nameless, unfocusable, labelled = QLineEdit(), QLineEdit(), QLineEdit()
    unfocusable.setAccessibleName("Has a name")
    unfocusable.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    label = QLabel("&Title:")
    label.setBuddy(labelled)
    for widget in (nameless, unfocusable, label, labelled):
        layout.addWidget(widget)
    root.show()
    assert len(problems(root)) == 2
    assert problems(root)[0].startswith("no accessible name: QLineEdit")
    assert problems(root)[1].startswith("no keyboard focus: QLineEdit")
    QApplication.processEvents()
