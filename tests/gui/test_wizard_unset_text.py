"""Each wizard field says what leaving it unset means (from the seed's table), not one
"let Pixop decide" for all: an unset filter is not applied, an unset chroma is the source's."""

from __future__ import annotations

from pixop_desktop.processing import FIELDS_BY_PATH
from tests.gui.test_wizard_driver import editor, make_wizard  # noqa: F401 (make_wizard is a fixture)


def _first_item(wizard, path: str) -> str:
    return editor(wizard, path).combo.itemText(0)


def test_an_unset_deinterlacer_is_not_applied(make_wizard):
    wizard = make_wizard()
    assert _first_item(wizard, "deinterlacer") == "None — unless progressive output needs it"
    assert _first_item(wizard, "denoiser") == "None — not applied"
    assert _first_item(wizard, "postProcessor") == "None — not applied"


def test_unset_chroma_and_bit_depth_keep_the_source(make_wizard):
    wizard = make_wizard()
    assert _first_item(wizard, "chromaSubsampling.yuv") == "Same as the source"
    assert _first_item(wizard, "chromaSubsampling.bits") == "Same as the source"


def test_where_the_seed_is_silent_pixop_decides(make_wizard):
    wizard = make_wizard()
    assert _first_item(wizard, "appleProresProfile") == "Not set — let Pixop decide"
    assert _first_item(wizard, "resolution.aspectRatioTag") == "Not set — let Pixop decide"


def test_number_fields_hint_their_own_unset_meaning(make_wizard):
    wizard = make_wizard()
    assert editor(wizard, "bitrate.mbps").line.placeholderText() == FIELDS_BY_PATH["bitrate.mbps"].unset_text
    assert editor(wizard, "bitrate.mbps").line.placeholderText() == "Pixop's default for the source and size"
    assert editor(wizard, "resolution.width").line.placeholderText() == "Not set — let Pixop decide"
