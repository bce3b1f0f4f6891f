"""Atomic writes give files the person's normal permissions, not mkstemp's owner-only 0600:
a preset exported to a shared drive must be readable by colleagues."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from pixop_desktop.fileio import write_json_atomically, write_text_atomically
from pixop_desktop.presets import export_preset, list_presets

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


@pytest.fixture
def umask():
    """Set the process umask for one test, then put the old one back."""
    before = os.umask(0o022)
    os.umask(before)
    yield os.umask
    os.umask(before)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_file_gets_0666_less_the_umask(tmp_path, umask):
    umask(0o022)
    assert mode(write_text_atomically(tmp_path / "a.txt", "a")) == 0o644
    umask(0o002)
    assert mode(write_json_atomically(tmp_path / "b.json", {"b": 1})) == 0o664
    umask(0o077)
    assert mode(write_text_atomically(tmp_path / "c.txt", "c")) == 0o600


def test_replacing_a_file_keeps_its_mode(tmp_path, umask):
    umask(0o022)
    target = tmp_path / "shared.json"
    write_json_atomically(target, {"v": 1})
    target.chmod(0o640)
    write_json_atomically(target, {"v": 2})
    assert mode(target) == 0o640 and target.read_text(encoding="utf-8").strip().endswith("}")
    assert [p.name for p in tmp_path.iterdir()] == ["shared.json"]  # no temporary file left behind


def test_an_exported_preset_is_readable_by_colleagues(tmp_path, umask):
    umask(0o022)
    written = export_preset(list_presets()[0].name, tmp_path / "for the team.json")
    assert mode(written) == 0o644
