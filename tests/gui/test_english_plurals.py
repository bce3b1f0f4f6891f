"""English plurals: "1 video" / "3 videos" instead of "video(s)", from pixop_desktop_en.

The catalogue holds only the plural messages; every one of the template's must have
both English forms filled, so a new "%n …(s)" string cannot be forgotten.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from pixop_desktop.ui.translations import install_translators, remove_translators

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "translations"
ADDED = ("IntakeFlow", "Added %n video(s) to the queue.")


def _numerus(path: Path) -> dict[tuple[str, str], list[str]]:
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        for message in context.iter("message"):
            if message.get("numerus") == "yes":
                translation = message.find("translation")
                forms = [form.text or "" for form in translation.iter("numerusform")]
                finished = translation.get("type") not in ("unfinished", "vanished", "obsolete")
                found[(context.findtext("name"), message.findtext("source"))] = forms if finished else []
    return found


@pytest.fixture(scope="module")
def english_qm_dir(tmp_path_factory) -> Path:
    """pixop_desktop_en.ts compiled as `make` does, into a folder of its own."""
    folder = tmp_path_factory.mktemp("english")
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), str(TS_DIR / "pixop_desktop_en.ts"), "-qm", str(folder / "pixop_desktop_en.qm")],
                   check=True, capture_output=True, timeout=60)
    return folder


@pytest.mark.parametrize("locale_name", ["en_US", "C", "da_DK"])
def test_counts_read_as_english_words(qapp, english_qm_dir, locale_name):
    """English and C/POSIX load the English catalogue; a language we lack (da) still gets English plurals."""
    installed = install_translators(qapp, QLocale(locale_name), folder=english_qm_dir)
    try:
        assert Path(installed[0].filePath()).name == "pixop_desktop_en.qm"
        assert QCoreApplication.translate(*ADDED, "", 1) == "Added 1 video to the queue."
        assert QCoreApplication.translate(*ADDED, "", 3) == "Added 3 videos to the queue."
        assert QCoreApplication.translate("RefusedPanel", "%n file(s) were left out:", "", 1) == "1 file was left out:"
        assert QCoreApplication.translate("RefusedPanel", "%n file(s) were left out:", "", 2) == "2 files were left out:"
        assert QCoreApplication.translate("MainWindow", "&File") == "&File"  # the rest is the English source
    finally:
        remove_translators(qapp, installed)
    assert QCoreApplication.translate(*ADDED, "", 1) == "Added 1 video(s) to the queue."


def test_every_plural_message_has_both_english_forms():
    """After `make translations`, run resources/translations/english_plurals.py and read what it wrote."""
    template = _numerus(TS_DIR / "pixop_desktop.ts")
    english = _numerus(TS_DIR / "pixop_desktop_en.ts")
    assert template, "the template has no plural messages: is it up to date?"
    for key in template:
        forms = english.get(key)
        assert forms and len(forms) == 2 and all(forms), f"no English singular/plural for {key}"
        assert all("%n" in form and "(s)" not in form for form in forms), (key, forms)


def test_the_english_forms_are_what_the_tool_derives():
    """The tool behind the catalogue: "(s)" and the verb after it."""
    sys.path.insert(0, str(TS_DIR))
    try:
        from english_plurals import english_forms
    finally:
        sys.path.remove(str(TS_DIR))
    assert english_forms("%n video(s) are ready") == ("%n video is ready", "%n videos are ready")
    assert english_forms("%n file(s) were left out:") == ("%n file was left out:", "%n files were left out:")
    assert english_forms("Checking %n item(s)…") == ("Checking %n item…", "Checking %n items…")

