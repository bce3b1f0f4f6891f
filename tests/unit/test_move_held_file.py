"""Moving a file another program holds open (Windows refuses to delete or replace it): the file
stays in one place, and a later try does not leave "NAME (2)" behind."""

from __future__ import annotations

import os

import pytest

from pixop_desktop.transfer.filenames import move_without_overwrite


@pytest.fixture
def held(monkeypatch):
    """Make the named files refuse deletion and replacement, as Windows does for open files."""
    paths: set[str] = set()
    real_unlink, real_replace = os.unlink, os.replace

    def unlink(path, *args, **kwargs):
        if os.fspath(path) in paths:
            raise PermissionError(13, "The process cannot access the file because it is being used")
        return real_unlink(path, *args, **kwargs)

    def replace(source, target, *args, **kwargs):
        if os.fspath(source) in paths:
            raise PermissionError(13, "The process cannot access the file because it is being used")
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    monkeypatch.setattr(os, "replace", replace)
    return paths


def test_a_held_file_stays_in_one_place_and_a_retry_takes_its_own_name(tmp_path, held):
    source = tmp_path / "in" / "clip.mp4"
    source.parent.mkdir()
    source.write_bytes(b"video")
    done = tmp_path / "Done"
    done.mkdir()
    held.add(str(source))
    for _ in range(2):
        with pytest.raises(PermissionError):
            move_without_overwrite(source, done, source.name)
        assert source.exists() and list(done.iterdir()) == []
    held.clear()  # the player closed it
    moved = move_without_overwrite(source, done, source.name)
    assert moved == done / "clip.mp4" and not source.exists()


def test_without_hard_links_a_held_file_leaves_no_empty_reservation(tmp_path, held, monkeypatch):
    def no_links(source, target):
        raise OSError(1, "Operation not permitted")  # FAT, some shares

    monkeypatch.setattr(os, "link", no_links)
    source = tmp_path / "clip.mp4"
    source.write_bytes(b"video")
    done = tmp_path / "Done"
    done.mkdir()
    held.add(str(source))
    with pytest.raises(PermissionError):
        move_without_overwrite(source, done, source.name)
    assert list(done.iterdir()) == []
