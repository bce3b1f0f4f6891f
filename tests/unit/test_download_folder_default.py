"""The default download folder: under PIXOP_DESKTOP_HOME when that is set (tests, a sandbox
try-out), so results never land in the person's real ~/Downloads/Pixop; else Downloads/Pixop."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from pixop_desktop.paths import HOME_ENV, default_download_dir
from pixop_desktop.settings import Settings, load_settings, save_settings


def test_with_a_home_results_go_under_it(tmp_path, monkeypatch):
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    expected = tmp_path.resolve() / "Downloads"
    assert default_download_dir() == expected
    assert Settings().download_folder == str(expected)
    assert load_settings().download_folder == str(expected)  # a fresh home's settings, as the app sees them
    assert not expected.exists()  # made by the first download, not by asking


def test_a_saved_choice_wins(tmp_path, monkeypatch):
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "home"))
    save_settings(Settings(download_folder=str(tmp_path / "mine")))
    assert load_settings().download_folder == str(tmp_path / "mine")


def test_without_a_home_it_is_downloads_pixop(monkeypatch):
    monkeypatch.delenv(HOME_ENV, raising=False)
    assert default_download_dir() == Path(platformdirs.user_downloads_path()) / "Pixop"
    assert Settings().download_folder == str(Path(platformdirs.user_downloads_path()) / "Pixop")
