"""Presets: built-ins, a person's own files, export/import, and the CLI."""

from __future__ import annotations

import json

import pytest

from pixop_desktop import paths
from pixop_desktop.processing import ProcessingRequest
from pixop_desktop.cli import main
from pixop_desktop.presets import (
    BUILT_IN_PRESETS, PresetError, delete_preset, export_preset, get_preset, import_preset,
    list_presets, presets_dir, save_preset,
)

EXPERT = {"mediaContainerCodec": {"container": "mxf", "codec": "dnxhd"}, "dnxhdHrProfile": "dnxhr_hqx",
          "deinterlacer": "yadif", "resolution": {"width": 1280, "aspectRatioTag": "16:9"},
          "frameRateConverter": "fps", "frameRate": {"fps": 50}, "range": {"startPositionMilliseconds": 500}}


def test_built_ins_are_valid_and_listed_first():
    names = [p.name for p in list_presets()]
    for required in ("Upscale SD to HD (Super Resolution)", "Restore interlaced SD tape",
                     "4K ProRes HQ master", "Smooth 60 fps"):
        assert required in names
    assert names[:len(BUILT_IN_PRESETS)] == [name for name, _d, _r in BUILT_IN_PRESETS]
    for preset in list_presets():
        assert preset.built_in and preset.description
        assert ProcessingRequest.from_json(preset.request.to_json()) == preset.request


def test_save_lists_and_gets_by_name_ignoring_case():
    request = ProcessingRequest.from_json(EXPERT)
    saved = save_preset("  Archive   DNxHR ", request, "For the archive")
    assert saved.name == "Archive DNxHR" and saved.path.parent == presets_dir()
    assert saved.path.parent == paths.data_dir() / "presets"
    assert json.loads(saved.path.read_text())["request"] == request.to_json()
    assert not list(presets_dir().glob("*.tmp"))  # atomic write leaves nothing behind
    found = get_preset("archive dnxhr")
    assert found.request == request and found.description == "For the archive" and not found.built_in
    assert [p.name for p in list_presets()][-1] == "Archive DNxHR"


def test_file_names_are_safe_whatever_the_name():
    request = ProcessingRequest()
    first = save_preset("../../etc/passwd", request)
    second = save_preset("etc passwd", request)  # same file stem, different preset
    assert first.path.parent == presets_dir() == second.path.parent
    assert first.path != second.path
    assert get_preset("../../etc/passwd").path == first.path


def test_names_clash_unless_overwriting_and_built_ins_are_reserved():
    save_preset("Mine", ProcessingRequest())
    with pytest.raises(PresetError, match="already a preset"):
        save_preset("MINE", ProcessingRequest.from_json({"denoiser": "denoise"}))
    replaced = save_preset("Mine", ProcessingRequest.from_json({"denoiser": "denoise"}), overwrite=True)
    assert get_preset("Mine").request.to_json() == {"denoiser": "denoise"}
    assert len(list(presets_dir().glob("*.json"))) == 1 and replaced.path.exists()
    with pytest.raises(PresetError, match="built-in"):
        save_preset("smooth 60 fps", ProcessingRequest(), overwrite=True)
    with pytest.raises(PresetError, match="needs a name"):
        save_preset("   ", ProcessingRequest())


def test_delete_own_but_not_built_in():
    save_preset("Temporary", ProcessingRequest())
    delete_preset("temporary")
    with pytest.raises(PresetError, match="no preset called"):
        get_preset("Temporary")
    with pytest.raises(PresetError, match="cannot be deleted"):
        delete_preset("Smooth 60 fps")
    with pytest.raises(PresetError, match="no preset called"):
        delete_preset("Never existed")


def test_export_then_import_gives_an_identical_request(tmp_path):
    save_preset("Expert", ProcessingRequest.from_json(EXPERT), "Every field")
    exported = export_preset("Expert", tmp_path / "expert.json")
    delete_preset("Expert")
    imported = import_preset(exported)
    assert imported.name == "Expert" and imported.description == "Every field"
    assert imported.request == ProcessingRequest.from_json(EXPERT)
    assert imported.request.to_json() == ProcessingRequest.from_json(EXPERT).to_json()
    # a preset file is usable directly, as --preset FILE
    assert get_preset(str(exported)).request == imported.request


def test_import_clash_is_numbered_or_overwritten(tmp_path):
    save_preset("Look", ProcessingRequest())
    file = tmp_path / "look.json"
    file.write_text(json.dumps({"name": "Look", "description": "new", "request": {"stabilizer": "dejit"}}))
    assert import_preset(file).name == "Look (2)"
    assert import_preset(file).name == "Look (3)"
    assert import_preset(file, overwrite=True).name == "Look"
    assert get_preset("Look").request.to_json() == {"stabilizer": "dejit"}
    export_preset("Smooth 60 fps", tmp_path / "smooth.json")
    assert import_preset(tmp_path / "smooth.json", overwrite=True).name == "Smooth 60 fps (2)"


@pytest.mark.parametrize("content, message", [
    ("not json at all", "not valid JSON"),
    ("[1, 2]", "not a Pixop Desktop preset file"),
    (json.dumps({"name": "X", "request": {"resolution": {"width": 5}}}), "Width must be"),
    (json.dumps({"name": "X", "request": {"appleProresProfile": "hq"}}), "ProRes profile applies only"),
    (json.dumps({"name": "", "request": {}}), "Give the preset a name"),
    (json.dumps({"format": "something-else", "name": "X", "request": {}}), "not a Pixop Desktop preset"),
])
def test_bad_files_are_refused_with_a_plain_message(tmp_path, content, message):
    file = tmp_path / "bad.json"
    file.write_text(content)
    with pytest.raises(PresetError) as caught:
        import_preset(file)
    assert message in caught.value.message
    assert not list(presets_dir().glob("*.json"))


def test_missing_file_and_unknown_name():
    with pytest.raises(PresetError, match="does not exist"):
        get_preset("/nowhere/preset.json")
    with pytest.raises(PresetError, match="presets list"):
        get_preset("No such thing")


def test_a_damaged_file_in_the_folder_does_not_hide_the_others():
    save_preset("Good", ProcessingRequest())
    (presets_dir() / "broken.json").write_text("{")
    assert "Good" in [p.name for p in list_presets()]


def test_cli_list_names_a_damaged_file_instead_of_hiding_it(capsys):
    save_preset("Good", ProcessingRequest())
    (presets_dir() / "broken\nDone: forged.json").write_text("{")
    assert main(["presets", "list"]) == 0
    captured = capsys.readouterr()
    assert "Good" in captured.out
    [line] = captured.err.strip().splitlines()
    assert "damaged preset file" in line and "broken\\nDone: forged.json" in line
    assert "delete it" in line


def test_cli_list_show_export_import_delete(tmp_path, capsys, small_clip):
    assert main(["presets", "list"]) == 0
    assert "Restore interlaced SD tape" in capsys.readouterr().out
    assert main(["presets", "show", "smooth 60 fps", "--source", str(small_clip)]) == 0
    out = capsys.readouterr().out
    body = out[out.index("{"):out.rindex("}") + 1]
    assert json.loads(body) == get_preset("Smooth 60 fps").request.to_json()
    assert "Output: 160×120, 25 → 60 fps" in out
    file = tmp_path / "out" / "smooth.json"
    assert main(["presets", "export", "Smooth 60 fps", str(file)]) == 0
    assert main(["presets", "import", str(file)]) == 0
    assert "Imported “Smooth 60 fps (2)”" in capsys.readouterr().out
    assert main(["presets", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[-1]["name"] == "Smooth 60 fps (2)" and listed[-1]["builtIn"] is False
    assert main(["presets", "delete", "Smooth 60 fps (2)"]) == 0
    assert main(["presets", "delete", "Smooth 60 fps"]) == 1
    assert "cannot be deleted" in capsys.readouterr().err
