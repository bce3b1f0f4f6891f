"""Loading the translations: Qt's own (standard buttons, dialogs) and ours.

Our catalogues are ``resources/translations/pixop_desktop_<lang>.qm``, made by
``make translations`` from the ``.ts`` files translators edit. Qt's are the
``qtbase_<lang>.qm`` files PySide6 ships (the bundle keeps only those). A
missing catalogue is normal: the app then speaks English, its source language,
with ``pixop_desktop_en`` for the plurals only ("1 video" / "3 videos" from
``tr("%n video(s)", "", n)``); the C/POSIX locale counts as English.

Contexts: ``self.tr("…")`` is looked up under the class the call is *written*
in (PySide6 6.11 and lupdate agree on that, also for inherited methods);
module-level code calls ``translate("Context", "…")`` — lupdate reads only
``tr``/``translate`` calls whose text is a literal, so helper wrappers such as
``_tr(text)`` would hide their strings from translators.

English from the Qt-free core (processing labels, built-in presets, file name
placeholders, credential sentences) is marked there with
``pixop_desktop.i18n.QT_TRANSLATE_NOOP("Context", "…")``, one context per family;
show it with :func:`core_text` and the same context, never with ``self.tr(text)``
(which would look it up under the calling class).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from pixop_desktop.i18n import CREDENTIALS, FILE_NAMES, PRESETS, PROCESSING  # noqa: F401 - for core_text callers
from pixop_desktop.ui.resources import resource_dir

log = logging.getLogger(__name__)

APP_CATALOGUE = "pixop_desktop"
QT_CATALOGUE = "qtbase"
TRANSLATIONS_DIR = "translations"

translate = QCoreApplication.translate


def core_text(context: str, text: str) -> str:
    """A text of the Qt-free core, marked there under ``context``, in the person's language.

    Texts the core builds from values (f-strings) find no translation and stay English.
    """
    return translate(context, text) if text else text


def qt_translation_dirs() -> list[Path]:
    """Where Qt's ``qtbase_*.qm`` may be: Qt's own answer, then PySide6's folders (frozen builds)."""
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    candidates = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
                  package / "Qt" / "translations", package / "translations"]
    unique: list[Path] = []
    for folder in candidates:
        if folder.is_dir() and folder not in unique:
            unique.append(folder)
    return unique


def app_translation_dir() -> Path | None:
    """``resources/translations`` of the checkout or the bundle, if it exists."""
    return resource_dir(TRANSLATIONS_DIR)


def load_translator(app: QCoreApplication, locale: QLocale, catalogue: str,
                    folders: list[Path]) -> QTranslator | None:
    """A translator for ``catalogue`` from the first folder holding it, installed on ``app``.

    ``QTranslator.load(locale, …)`` applies Qt's fallback rules (da_DK → da, the
    locale's whole uiLanguages list), so one call per folder is enough.
    """
    for folder in folders:
        translator = QTranslator(app)
        if translator.load(locale, catalogue, "_", str(folder)):
            app.installTranslator(translator)
            log.info("translation %s loaded from %s", catalogue, translator.filePath())
            return translator
        translator.deleteLater()
    return None


def install_translators(app: QCoreApplication, locale: QLocale | None = None, *,
                        folder: Path | None = None) -> list[QTranslator]:
    """Install our and Qt's translations for ``locale`` (the system's by default); the ones found.

    Qt's catalogue only comes with one of ours, so a screen is never half translated.
    ``folder``: where our catalogues are (default: ``resources/translations``).

    Keep or ignore the list: each translator is a child of ``app``, so it lives as long as the
    app. Pass it to :func:`remove_translators` to switch back to English.
    """
    locale = locale if locale is not None else QLocale()
    if locale.language() == QLocale.Language.C:  # LANG=C / POSIX: English, by its plural rules
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    ours_dir = folder if folder is not None else app_translation_dir()
    if ours_dir is None:
        return []
    ours = load_translator(app, locale, APP_CATALOGUE, [ours_dir])
    if ours is None:
        # No catalogue of ours for this language: stay all English rather than mix our English
        # with Qt's translated buttons and file dialogs on one screen; English plurals still apply.
        english = load_translator(app, QLocale(QLocale.Language.English), APP_CATALOGUE, [ours_dir])
        return [english] if english is not None else []
    qt = load_translator(app, locale, QT_CATALOGUE, qt_translation_dirs())
    return [ours] if qt is None else [ours, qt]


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Undo :func:`install_translators` (tests share one QApplication)."""
    for translator in translators:
        app.removeTranslator(translator)
        translator.deleteLater()
