"""What packaging/trim.py drops: Qt's translations except qtbase's, which the app installs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))
import trim  # noqa: E402


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/translations/qtbase_pt_BR.qm",
    "PySide6\\translations\\qtbase_fr.qm",  # Windows keeps Qt directly under PySide6/
])
def test_qt_base_translations_are_kept(dest):
    assert not trim._dropped(dest)


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/translations/assistant_de.qm",
    "PySide6/Qt/translations/qtdeclarative_de.qm",
    "PySide6/Qt/translations/qt_de.qm",
    "PySide6/Qt/translations/qtbase_de.ts",
])
def test_other_qt_translations_are_dropped(dest):
    assert trim._dropped(dest)


def test_the_spec_bundles_our_compiled_translations():
    spec = (Path(trim.__file__).parent / "pixop-desktop.spec").read_text(encoding="utf-8")
    assert '"translations").glob("*.qm")' in spec and '"resources/translations"' in spec
