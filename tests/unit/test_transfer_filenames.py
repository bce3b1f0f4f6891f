"""Safe local names from untrusted Content-Disposition headers; numbered names; no overwrite."""

from __future__ import annotations

import pytest

from pixop_desktop.sandbox.downloads import content_disposition
from pixop_desktop.api.offered_names import (
    MAX_NAME_BYTES, filename_from_content_disposition, name_from_content_disposition,
)
from pixop_desktop.transfer.filenames import move_without_overwrite, numbered_names, safe_file_name, unused_path


@pytest.mark.parametrize("offered, safe", [
    ("../../etc/passwd", "passwd"),
    ("..\\..\\windows\\system32\\evil.mp4", "evil.mp4"),
    ("CON.mp4", "_CON.mp4"),
    ("con", "_con"),
    ("LPT1.tar.gz", "_LPT1.tar.gz"),
    ("CON .mp4", "_CON .mp4"),
    ("sub/dir/name.mp4", "name.mp4"),
    ("nul\x00byte.mp4", "nul_byte.mp4"),
    ("a<b>c:d\"e|f?g*h.mov", "a_b_c_d_e_f_g_h.mov"),
    (".hidden.mp4", "hidden.mp4"),
    ("trailing dots...", "trailing dots"),
    ("Interview ünïcode.mp4", "Interview ünïcode.mp4"),
    ("tab\tand\nnewline.mp4", "tab_and_newline.mp4"),
])
def test_hostile_names_become_bare_safe_names(offered, safe):
    assert name_from_content_disposition(content_disposition(offered)) == safe


@pytest.mark.parametrize("offered", ["..", "...", "/", "\\", " . ", "a/..", ""])
def test_nothing_usable_gives_the_fallback(offered):
    assert name_from_content_disposition(content_disposition(offered)) is None
    assert safe_file_name(offered, "video-12.mp4") == "video-12.mp4"
    assert safe_file_name(offered, "..") == "download"


def test_filename_star_wins_over_the_ascii_fallback():
    header = "attachment; filename=\"caf_.mp4\"; filename*=UTF-8''caf%C3%A9.mp4"
    assert filename_from_content_disposition(header) == "café.mp4"
    assert filename_from_content_disposition('attachment; filename="a\\"b.mp4"') == 'a"b.mp4'
    assert filename_from_content_disposition("attachment; filename=plain.mov") == "plain.mov"
    assert filename_from_content_disposition("attachment") is None
    assert filename_from_content_disposition(None) is None


def test_long_names_are_cut_keeping_the_extension():
    name = safe_file_name("é" * 300 + ".mp4", "x")
    assert name.endswith(".mp4") and len(name.encode()) <= MAX_NAME_BYTES
    name.encode("utf-8").decode("utf-8")  # never cut inside a character


def test_numbered_names():
    names = numbered_names("clip.mp4")
    assert [next(names) for _ in range(3)] == ["clip.mp4", "clip (2).mp4", "clip (3).mp4"]


def test_unused_path_skips_taken_names_and_parts(tmp_path):
    (tmp_path / "clip.mp4").write_bytes(b"1")
    (tmp_path / "clip (2).mp4.part").write_bytes(b"2")
    assert unused_path(tmp_path, "clip.mp4") == tmp_path / "clip (2).mp4"
    assert unused_path(tmp_path, "clip.mp4", also_avoid=(".part",)) == tmp_path / "clip (3).mp4"


def test_move_without_overwrite_never_replaces_a_file(tmp_path):
    (tmp_path / "clip.mp4").write_bytes(b"theirs")
    source = tmp_path / "clip.mp4.part"
    source.write_bytes(b"ours")
    final = move_without_overwrite(source, tmp_path, "clip.mp4")
    assert final == tmp_path / "clip (2).mp4"
    assert final.read_bytes() == b"ours" and not source.exists()
    assert (tmp_path / "clip.mp4").read_bytes() == b"theirs"
