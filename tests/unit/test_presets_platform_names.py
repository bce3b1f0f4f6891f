"""Preset names follow the platform rules of ``platform_paths``: a name typed with a composed "é"
and the same name from a macOS file name (decomposed) are one preset, and an export to a name
Windows reserves is refused in plain words."""

from __future__ import annotations

import unicodedata

import pytest

from pixop_desktop.presets import PresetError, export_preset, get_preset, save_preset
from pixop_desktop.presets.store import PresetNameTaken
from pixop_desktop.processing import ProcessingRequest

COMPOSED = unicodedata.normalize("NFC", "Café archive")
DECOMPOSED = unicodedata.normalize("NFD", "Café archive")


@pytest.fixture
def request_2x():
    return ProcessingRequest.from_json({"resolution": {"tag": "2x"}})


def test_a_decomposed_name_finds_the_composed_preset(request_2x):
    assert COMPOSED != DECOMPOSED
    save_preset(COMPOSED, request_2x)
    assert get_preset(DECOMPOSED).name == COMPOSED
    assert get_preset(DECOMPOSED.upper()).name == COMPOSED


def test_the_same_name_in_another_composition_is_taken(request_2x):
    save_preset(COMPOSED, request_2x)
    with pytest.raises(PresetNameTaken):
        save_preset(DECOMPOSED, request_2x)


@pytest.mark.parametrize("name", ["con.json", "NUL.json", "com1.json", "Aux .json"])
def test_exporting_to_a_name_windows_reserves_is_refused(request_2x, tmp_path, name):
    save_preset(COMPOSED, request_2x)
    with pytest.raises(PresetError) as caught:
        export_preset(COMPOSED, tmp_path / name)
    assert "Windows keeps" in caught.value.message
    assert not (tmp_path / name).exists()
