"""The left-out list shows only the latest drop, once per file, with a neutral heading;
the file dialogs open in the last folder used, else Videos, else home."""

from __future__ import annotations

from pathlib import Path

import pytest

from pixop_desktop.settings import load_settings
from pixop_desktop.ui.intake.drop_zone import DropZone, start_folder
from tests.gui.queue_window import drop_paths, open_main_window

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def window(qtbot, sandbox):
    window = open_main_window(qtbot, sandbox)
    yield window
    window.shutdown()


def _left_out(qtbot, window, paths, expected: int) -> list[str]:
    panel = window.refused_panel
    panel.clear()  # so the wait below sees this drop's answer, not the previous one
    assert drop_paths(qtbot, window.drop_zone, paths)
    qtbot.waitUntil(lambda: len(panel.names()) == expected, timeout=10_000)
    return [panel.list.item(row).text() for row in range(panel.list.count())]


def test_each_drop_replaces_the_list_of_files_left_out(qtbot, window, tmp_path, not_a_video):
    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")
    panel = window.refused_panel
    assert drop_paths(qtbot, window.drop_zone, [not_a_video, empty])
    qtbot.waitUntil(lambda: len(panel.names()) == 2, timeout=10_000)
    assert drop_paths(qtbot, window.drop_zone, [empty])
    qtbot.waitUntil(lambda: panel.names() == ["empty.mp4"], timeout=10_000)
    assert panel.list.count() == 1
    heading = panel.heading.text()
    assert heading.startswith("1 file") and heading.endswith("left out:")
    assert "not videos" not in heading  # an empty file is left out for its own reason, given on its line
    assert panel.list.item(0).text().startswith("empty.mp4 — ")


def test_a_file_dropped_twice_at_once_is_listed_once(qtbot, window, not_a_video):
    lines = _left_out(qtbot, window, [not_a_video, not_a_video], expected=1)
    assert len(lines) == 1 and lines[0].startswith("notes.mp4 — ")


def test_start_folder_prefers_the_last_folder_then_videos_then_home(tmp_path):
    last, videos, home = (tmp_path / name for name in ("last", "videos", "home"))
    for folder in (last, videos, home):
        folder.mkdir()
    assert start_folder(str(last), str(videos), str(home)) == str(last)
    assert start_folder(str(tmp_path / "gone"), str(videos), str(home)) == str(videos)
    assert start_folder("", str(tmp_path / "no-videos"), str(home)) == str(home)
    assert start_folder("", "", str(home)) == str(home)


def test_the_folder_used_is_remembered_across_restarts(qtbot, tmp_path):
    zone = DropZone()
    qtbot.addWidget(zone)
    assert zone.start_folder() != str(Path.cwd()) or Path.cwd() == Path.home()
    zone.remember_folder(str(tmp_path))
    assert load_settings().last_add_folder == str(tmp_path)
    again = DropZone()
    qtbot.addWidget(again)
    assert again.start_folder() == str(tmp_path)
