"""``--connections N`` on every command that downloads: ``download``, ``run-queue``, ``watch``
and ``upload --process/--preset --download``; each run applies it to its downloads."""

from __future__ import annotations

import pytest

from pixop_desktop import cli
from pixop_desktop.commands._common import connected
from pixop_desktop.transfer.segments import DEFAULT_CONNECTIONS, default_connections, set_default_connections

COMMANDS = [
    ["download", "VIDEO"],
    ["run-queue"],
    ["watch", "FOLDER", "--leave-on-pixop"],
    ["upload", "clip.mp4", "--preset", "Upscale SD to HD", "--download", "OUT"],
]


@pytest.mark.parametrize("words", COMMANDS, ids=lambda words: words[0])
def test_each_downloading_command_applies_its_connections(words, signed_in):
    parser, _ = cli.build_parser()
    args = parser.parse_args([*words, "--connections", "3"])
    try:
        with connected(args) as (_client, _ctx):
            assert default_connections() == 3
    finally:
        set_default_connections(DEFAULT_CONNECTIONS)


@pytest.mark.parametrize("words", COMMANDS, ids=lambda words: words[0])
def test_a_count_out_of_range_is_refused(words, capsys):
    parser, _ = cli.build_parser()
    with pytest.raises(SystemExit) as refused:
        parser.parse_args([*words, "--connections", "17"])
    assert refused.value.code == 2 and "from 1 to 16" in capsys.readouterr().err
