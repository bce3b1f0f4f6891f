"""One place for the platform's path rules: case and Unicode form in comparisons (macOS and
Windows ignore case; Finder names are NFD), long Windows paths, reserved names."""

from __future__ import annotations

import unicodedata

import pytest

from pixop_desktop.platform_paths import is_reserved_name, long_path, path_key, same_path

NFC = unicodedata.normalize("NFC", "/Users/anna/Pixop/Café/interview.mov")
NFD = unicodedata.normalize("NFD", NFC)


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_case_is_ignored_where_the_disks_ignore_it(platform):
    assert same_path("/Users/anna/Pixop/In", "/users/anna/pixop/in", platform)


def test_case_counts_on_linux():
    assert not same_path("/home/anna/Pixop/In", "/home/anna/pixop/in", "linux")


@pytest.mark.parametrize("platform", ["darwin", "win32", "linux"])
def test_finders_decomposed_names_equal_the_composed_ones(platform):
    assert NFC != NFD and same_path(NFC, NFD, platform)


def test_windows_separators_compare_equal():
    assert path_key("C:/Videos/In", "win32") == path_key(r"c:\videos\in", "win32")


def test_long_windows_paths_get_the_prefix():
    deep = "C:\\" + "\\".join(["folder"] * 40) + "\\clip.mp4"
    assert len(deep) > 260 and long_path(deep, "win32") == "\\\\?\\" + deep
    share = "\\\\server\\share\\" + "\\".join(["folder"] * 40)
    assert long_path(share, "win32") == "\\\\?\\UNC\\server\\share\\" + "\\".join(["folder"] * 40)
    assert long_path("C:\\short\\clip.mp4", "win32") == "C:\\short\\clip.mp4"
    assert long_path("/" + "a" * 300, "darwin") == "/" + "a" * 300


@pytest.mark.parametrize("name", ["CON", "con.mp4", "Lpt1.mov", "NUL .txt", "COM¹.mp4"])
def test_reserved_windows_names(name):
    assert is_reserved_name(name)


@pytest.mark.parametrize("name", ["console.mp4", "clip.mp4", "COM10.mp4"])
def test_ordinary_names(name):
    assert not is_reserved_name(name)


def test_the_ledger_keys_folders_by_these_rules(tmp_path):
    from pixop_desktop.watch.ledger import folder_key

    folder = tmp_path / "Café"
    folder.mkdir()
    assert folder_key(str(folder)) == folder_key(unicodedata.normalize("NFD", str(folder)))
    assert folder_key(str(folder)) == path_key(str(folder.resolve()))
