"""``pixop-desktop watch FOLDER --only-new``: the videos already there stay; new or changed ones go later."""

from __future__ import annotations

import pytest

from pixop_desktop import cli
from tests.fixtures.clips import make_clip

pytestmark = pytest.mark.timeout(120)
TWICE = '{"resolution": {"tag": "2x"}}'


def _submitted(out: str) -> list[str]:
    return [line.split()[3] for line in out.splitlines() if line.split()[2:3] == ["submitted"]]


def test_only_new_leaves_the_videos_already_there_and_sends_a_new_one(signed_in, tmp_path, capsys):
    incoming = tmp_path / "in"
    make_clip(incoming / "old1.mp4", seconds=1, width=64, height=48, fps=5)
    make_clip(incoming / "old2.mp4", seconds=1, width=64, height=48, fps=6)
    argv = ["watch", str(incoming), "--process", TWICE, "--leave-on-pixop", "--once", "--settle", "0", "--poll", "--light",
            "--poll-max", "0.2"]
    assert cli.main([*argv, "--only-new"]) == 0
    first = capsys.readouterr()
    assert _submitted(first.out) == [] and "2 file(s) already in" in first.err
    assert signed_in.state.videos() == []

    make_clip(incoming / "new.mp4", seconds=1, width=64, height=48, fps=7)
    make_clip(incoming / "old2.mp4", seconds=1, width=64, height=48, fps=8)  # written again: new content
    assert cli.main(argv) == 0  # a plain run later: the baseline holds, new and changed files go
    assert sorted(_submitted(capsys.readouterr().out)) == ["new.mp4", "old2.mp4"]
    assert sum(v.kind == "original" for v in signed_in.state.videos()) == 2


def test_only_new_needs_a_folder(signed_in, capsys):
    assert cli.main(["watch", "--only-new", "--once"]) == 1
    assert "--only-new needs a FOLDER" in capsys.readouterr().err
