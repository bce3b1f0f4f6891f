"""``pixop-desktop watch``: a saved rule and ``watch FOLDER`` share the folder's ledger."""

from __future__ import annotations

import pytest

from pixop_desktop import cli
from pixop_desktop.watch.rules import WatchRule, save_rules
from tests.fixtures.clips import make_clip

from .test_watch_cli import _lines

pytestmark = pytest.mark.timeout(120)


def test_watch_folder_after_a_saved_rule_for_it_sends_nothing_again(signed_in, tmp_path, capsys):  # noqa: F811
    incoming = tmp_path / "in"
    make_clip(incoming / "a.mp4", seconds=1, width=64, height=48, fps=5)
    make_clip(incoming / "slow.mp4", seconds=2, width=64, height=48, fps=5)
    save_rules([WatchRule(folder=str(incoming), name="Saved", settle_seconds=0.1)])
    assert cli.main(["watch", "--once", "--poll-max", "0.2"]) == 0
    assert len(_lines(capsys.readouterr().out, "submitted")) == 2
    (incoming / "a.mp4").rename(incoming / "renamed.mp4")
    assert cli.main(["watch", str(incoming), "--once", "--settle", "0.1", "--poll", "--poll-max", "0.2"]) == 0
    assert capsys.readouterr().out.strip() == ""  # the folder's files are known, whichever rule sent them
    assert sum(v.kind == "original" for v in signed_in.state.videos()) == 2
