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
    from pixop_desktop.ui.app.welcome import WelcomeDialog

    dialog = WelcomeDialog(load_settings(), prefer_sandbox=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert problems(dialog) == []
    qtbot.mouseClick(dialog.account_radio, Qt.MouseButton.LeftButton)
    assert problems(dialog) == []


def test_wizard_every_page(qtbot):
    from pixop_desktop.processing import SourceInfo
    from pixop_desktop.ui.wizard import ProcessingWizard

    wizard = ProcessingWizard(source=SourceInfo(width=720, height=576, fps=25, duration_ms=20_000))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.goal_page.own_button.setChecked(True)  # every setting: the walk visits every page
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
    from pixop_desktop.ui.watch.rule_dialog import RuleDialog

    dialog = RuleDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert problems(dialog) == []


def test_presets_dialog_built_in_and_own_preset_selected(qtbot):
    """Every control of File → Presets… is named and reachable, with the buttons each kind enables."""
    from pixop_desktop.processing import ProcessingRequest
    from pixop_desktop.presets import save_preset
    from pixop_desktop.ui.presets.dialog import PresetsDialog

    save_preset("Mine", ProcessingRequest.from_json({"denoiser": "denoise"}))
    dialog = PresetsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    for row in (0, dialog.list.count() - 1):
        dialog.list.setCurrentRow(row)
        assert not (found := problems(dialog)), (dialog.selected().name, found)
    assert dialog.delete_button.isEnabled()  # the own preset: every button was in the sweep
    dialog.list.setFocus()
    reached = set()
    for _ in range(12):  # Tab (focusNextChild, what the Tab key does) walks through every button
        dialog.focusNextChild()
        reached.add(dialog.focusWidget())
    buttons = {dialog.import_button, dialog.export_button, dialog.duplicate_button, dialog.edit_button,
               dialog.delete_button}
    assert buttons <= reached


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


def test_welcome_dialog_no_clash_with_each_choice_selected(qtbot):
    """Alt-letters of the welcome with each choice really selected. A mouse click at
    a radio button's centre misses it (the wide button only takes clicks on its
    indicator and text), so the account form was never shown when checked; here each
    choice is selected and the page it shows is asserted visible before the sweep."""
    from pixop_desktop.ui.app.welcome import WelcomeDialog

    dialog = WelcomeDialog(load_settings(), prefer_sandbox=True)
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        for radio, page in ((dialog.account_radio, dialog.account_form), (dialog.sandbox_radio, dialog.samples)):
            radio.click()
            qtbot.waitUntil(page.isVisible)
            assert radio.isChecked()
            assert not (found := problems(dialog)), (radio.text(), found)
        dialog.account_radio.click()
        dialog.account_form.session_only_check.setVisible(True)  # shown when there is no keyring
        assert mnemonic_clashes(dialog) == []
    finally:
        dialog.samples.wait()
        dialog.account_form.wait()


def menu_mnemonic_clashes(menu) -> list[str]:
    """Two visible actions of one menu (or of one of its submenus) with the same Alt-letter:
    the letter then only moves between them."""
    letters: dict[str, list[str]] = {}
    nested: list[str] = []
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        key = QKeySequence.mnemonic(action.text()).toString().lower().removeprefix("alt+")
        if key:
            letters.setdefault(key, []).append(action.text().replace("&", ""))
        if action.menu() is not None:
            nested += menu_mnemonic_clashes(action.menu())
    return nested + [f"{key} is the Alt-letter of {' and '.join(names)} in {menu.title().replace('&', '')}"
                     for key, names in sorted(letters.items()) if len(names) > 1]


def test_no_two_actions_of_a_menu_share_an_alt_letter(window):
    menus = [action.menu() for action in window.menuBar().actions() if action.menu() is not None]
    assert {menu.title().replace("&", "") for menu in menus} >= {"File", "Queue", "View", "Help"}
    assert window.extras.presets_action in menus[0].actions()  # the new entry is checked too
    found = [clash for menu in menus for clash in menu_mnemonic_clashes(menu)]
    assert not found, found


def test_the_menu_sweep_finds_a_clash(qtbot):
    from PySide6.QtWidgets import QMenu

    menu = QMenu("&File")
    menu.addAction("&Settings…")
    menu.addAction("Import from &S3…")
    menu.addAction("&Quit")
    assert menu_mnemonic_clashes(menu) == ["s is the Alt-letter of Settings… and Import from S3… in File"]
    menu.deleteLater()
