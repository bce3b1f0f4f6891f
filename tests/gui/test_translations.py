"""Every text a person sees goes through a translation lupdate knows about.

The real windows are built under a pseudo-translation (each message "⟦source⟧",
see ``pseudo_translation.py``) and every label, button, menu, title, tab, combo
item, header, placeholder, tooltip and accessible name is read back. A text with
letters outside the markers is either data (the allow-list below) or a bug: a
string not in tr(), translated under a context lupdate does not see, or glued
together from pieces.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QThreadPool, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from pixop_desktop.processing import FIELDS, SourceInfo, help_text, label
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.jobs.templates import PLACEHOLDERS, template_problem
from pixop_desktop.presets import BUILT_IN_PRESETS
from pixop_desktop.sandbox import DEFAULT_EMAIL, DEMO_TEAMS
from pixop_desktop.settings import load_settings
from pixop_desktop.ui.imports import ImportS3Dialog, ImportUrlDialog
from pixop_desktop.ui.settings import SettingsDialog
from pixop_desktop.ui.translations import (FILE_NAMES, PRESETS, PROCESSING, core_text, install_translators,
                                           remove_translators)
from pixop_desktop.ui.watch.page import WatchPage
from pixop_desktop.ui.app.welcome import WelcomeDialog
from pixop_desktop.ui.wizard import ProcessingWizard
from tests.gui.pseudo_translation import CLOSE, OPEN, make_pseudo_qm, untranslated, visible_texts
from tests.gui.queue_window import open_main_window


def _literal(*words: str) -> re.Pattern:
    return re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)))


# Data, not prose: what the allow-list lets through, and why. Applied in this order.
ALLOWED = [
    # Dynamic core messages: English until they are templates. The core builds some sentences with
    # f-strings (api/processing rules and checks, plan.describe(), jobs/templates problems); only
    # its fixed sentences are marked for lupdate (pixop_desktop/i18n.py). Most dynamic ones reach
    # the screen inside a translated template ("Output: {plan}", "Not available now: {choices}.
    # {why}"), where this check cannot tell them apart; the one family shown on its own:
    re.compile(r"\b(?:Aspect ratio|Field order) cannot be combined with a (?:resolution|scanning) preset;"
               r" use one or the other\."),  # rules._PRESET_REASON (4 of its 6 equal marked _REASONS)
    # Data.
    re.compile(r"\{(?:%s)\}" % "|".join(PLACEHOLDERS)),    # file name placeholders ({stem}…), typed as they are
    re.compile(r"https?://\S*"),                           # server URLs (and the "https://" hint)
    re.compile(r"(?<![\w.])/[^\s⟦⟧]+"),                    # file paths
    re.compile(r"\b[\w-]+(?:/[\w.-]+)+\.\w+"),              # example S3 object keys (incoming/2024/a.mxf)
    _literal(DEFAULT_EMAIL),                               # the demo user's e-mail address
    _literal(*DEMO_TEAMS, "Default project"),              # team and project names come from the server
    re.compile(r"\(((Ctrl|Shift|Alt|Meta)\+)*\w+\)"),       # shortcuts in tooltips (Qt names the keys)
    re.compile(r"\bPixop(?: Desktop)?\b"),                 # product names
]


@pytest.fixture(scope="module")
def pseudo_qm(tmp_path_factory):
    return make_pseudo_qm(tmp_path_factory.mktemp("pseudo"))


@pytest.fixture
def pseudo_translated(qapp, pseudo_qm):
    """Our pseudo-translation installed on the shared QApplication for one test."""
    translator = QTranslator()
    assert translator.load(str(pseudo_qm))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def assert_all_translated(widget) -> None:
    problems = untranslated(visible_texts(widget), ALLOWED)
    assert not problems, "texts not translated:\n" + "\n".join(problems)


def test_the_pseudo_translation_is_really_in_force(pseudo_translated):
    assert QApplication.translate("MainWindow", "&File") == OPEN + "&File⟧"


def test_welcome_dialog(qtbot, pseudo_translated):
    dialog = WelcomeDialog(load_settings())
    qtbot.addWidget(dialog)
    assert_all_translated(dialog)


def test_main_window_on_the_sandbox(qtbot, sandbox, pseudo_translated):
    window = open_main_window(qtbot, sandbox)
    try:
        qtbot.waitUntil(lambda: window.account_bar.team_combo.count() > 0, timeout=10_000)
        assert_all_translated(window)
    finally:
        window.shutdown()


def test_settings_dialog(qtbot, pseudo_translated):
    dialog = SettingsDialog(load_settings())
    qtbot.addWidget(dialog)
    assert_all_translated(dialog)


def test_processing_wizard(qtbot, pseudo_translated):
    wizard = ProcessingWizard()
    qtbot.addWidget(wizard)
    assert_all_translated(wizard)


@pytest.mark.parametrize("name", [name for name, _description, _request in BUILT_IN_PRESETS])
def test_processing_wizard_with_a_built_in_preset_and_a_source(qtbot, pseudo_translated, name):
    """Preset names and descriptions, labels, units and reasons of the core, all on screen."""
    wizard = ProcessingWizard(source=SourceInfo(720, 576, 25, duration_ms=10_000, display_aspect=4 / 3))
    qtbot.addWidget(wizard)
    wizard.apply_preset(name)
    button = wizard.goal_page.group.checkedButton()
    assert wizard.goal_page.description_of(button).startswith(OPEN)  # the description, translated
    assert wizard.details_page.goal_label.text().startswith(OPEN)
    for page_id in wizard.pageIds():
        assert_all_translated(wizard.page(page_id))


def _core_texts() -> list[tuple[str, str]]:
    """(context, text) for every fixed English text of the Qt-free core the UI shows."""
    texts = [(PROCESSING, text) for spec in FIELDS for text in (spec.label, spec.help, spec.unit,
                                                                  spec.inapplicable_when) if text]
    texts += [(PROCESSING, text(member)) for spec in FIELDS for member in spec.choices or ()
              for text in (label, help_text)]
    texts += [(PRESETS, text) for name, description, _request in BUILT_IN_PRESETS for text in (name, description)]
    texts += [(FILE_NAMES, meaning) for meaning in PLACEHOLDERS.values()]
    texts += [(FILE_NAMES, template_problem(bad)) for bad in ("", "{", "a/{stem}", "..{stem}", "._")]
    return texts


def test_every_fixed_core_text_is_in_the_catalogue_under_its_context(pseudo_translated):
    """Also the ones no window shows at once (each choice's help, every rule's reason)."""
    texts = _core_texts()
    assert len(texts) > 250
    missing = [f"{context}: {text}" for context, text in texts if core_text(context, text) != OPEN + text + CLOSE]
    assert not missing, "not marked with QT_TRANSLATE_NOOP under the context the UI uses:\n" + "\n".join(missing)


def test_import_dialogs(qtbot, pseudo_translated):
    url_dialog = ImportUrlDialog(projects=[("p-1", OPEN + "data⟧")])
    qtbot.addWidget(url_dialog)
    assert_all_translated(url_dialog)
    s3_dialog = ImportS3Dialog(lambda: [], projects=[])
    qtbot.addWidget(s3_dialog)
    assert_all_translated(s3_dialog)


def test_watched_folders_page(qtbot, tmp_path, pseudo_translated):
    pool = QThreadPool()
    with JobStore(tmp_path / "q.sqlite3") as store:
        page = WatchPage(store, rules_path=tmp_path / "rules.json", pool=pool)
        qtbot.addWidget(page)
        try:
            assert_all_translated(page)
        finally:
            page.shutdown()


def test_a_language_of_ours_comes_with_qt_words_by_locale_fallback(qapp, pseudo_qm, tmp_path):
    """da_DK finds pixop_desktop_da and then Qt's qtbase_da: the whole screen in one language."""
    shutil.copy(pseudo_qm, tmp_path / "pixop_desktop_da.qm")
    installed = install_translators(qapp, QLocale("da_DK"), folder=tmp_path)
    try:
        assert [Path(t.filePath()).name for t in installed] == ["pixop_desktop_da.qm", "qtbase_da.qm"]
        box = QMessageBox(QMessageBox.Icon.Information, "x", "y", QMessageBox.StandardButton.Cancel)
        assert box.button(QMessageBox.StandardButton.Cancel).text() == "Annuller"
        box.deleteLater()
        assert QApplication.translate("MainWindow", "&File") == f"{OPEN}&File{CLOSE}"
    finally:
        remove_translators(qapp, installed)


def test_without_a_language_of_ours_everything_stays_english(qapp, tmp_path):
    """No pixop_desktop_da: Qt's Danish buttons would sit next to our English, so neither loads."""
    assert install_translators(qapp, QLocale("da_DK"), folder=tmp_path) == []
    box = QMessageBox(QMessageBox.Icon.Information, "x", "y", QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Cancel"
    box.deleteLater()
    assert QApplication.translate("MainWindow", "&File") == "&File"
