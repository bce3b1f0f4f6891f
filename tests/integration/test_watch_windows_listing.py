"""A directory listing that reports no file identity (Windows: scandir's st_dev/st_ino are 0)
must not stop a watched folder from sending its files."""

from __future__ import annotations

import os

import pytest

from pixop_desktop import cli
from tests.fixtures.clips import make_clip

pytestmark = pytest.mark.timeout(90)


class _WindowsEntry:
    """A directory entry as Windows gives it: everything as usual, but ``stat()`` without identity."""

    def __init__(self, entry: os.DirEntry) -> None:
        self._entry = entry

    def __getattr__(self, name):
        return getattr(self._entry, name)

    def stat(self, *, follow_symlinks: bool = True) -> os.stat_result:
        real = self._entry.stat(follow_symlinks=follow_symlinks)
        fields = list(real)
        fields[1] = fields[2] = 0  # st_ino, st_dev
        extra = {name: getattr(real, name) for name in ("st_atime_ns", "st_mtime_ns", "st_ctime_ns")}
        return os.stat_result(fields, extra)


class _WindowsListing:
    """``os.scandir``'s answer (an iterator that is also a context manager) with Windows' entries."""

    def __init__(self, listing) -> None:
        self._listing = listing

    def __iter__(self):
        return (_WindowsEntry(entry) for entry in self._listing)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._listing.close()


def test_watch_once_sends_a_file_whose_listing_has_no_identity(signed_in, tmp_path, monkeypatch, capsys):
    real_scandir = os.scandir

    def windows_scandir(path="."):
        return _WindowsListing(real_scandir(path))

    monkeypatch.setattr(os, "scandir", windows_scandir)
    incoming, out = tmp_path / "in", tmp_path / "out"
    make_clip(incoming / "a.mp4", seconds=1, width=64, height=48, fps=5)
    argv = ["watch", str(incoming), "--process", '{"resolution": {"tag": "2x"}}', "--output", str(out),
            "--once", "--settle", "0.1", "--poll", "--light", "--poll-max", "0.2"]
    assert cli.main(argv) == 0
    printed = capsys.readouterr().out
    assert "submitted" in printed and "done" in printed
    assert sum(v.kind == "original" for v in signed_in.state.videos()) == 1
