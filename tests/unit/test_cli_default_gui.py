"""``pixop-desktop PATH...`` (the menu entry's %F, Windows "Open with") opens the GUI with those paths."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pixop_desktop import cli


def parse(*argv):
    parser, _modules = cli.build_parser()
    return parser.parse_args(cli.with_default_command(list(argv)))


def test_a_bare_file_opens_the_gui_with_it():
    args = parse("a.mp4")
    assert args.command == "gui" and args.paths == ["a.mp4"] and not args.sandbox


def test_common_options_before_the_paths_are_kept():
    args = parse("--server", "https://api.pixop.com", "a.mp4", "dir")
    assert args.command == "gui" and args.paths == ["a.mp4", "dir"]
    assert args.server == "https://api.pixop.com"
    args = parse("--team", "frobnicate", "-v", "--sandbox", "clips/reel")
    assert (args.command, args.team, args.verbose, args.sandbox, args.paths) == (
        "gui", "frobnicate", True, True, ["clips/reel"])
    args = parse("--serv=https://x.example", "take.mov")  # argparse's abbreviations too
    assert args.command == "gui" and args.server == "https://x.example" and args.paths == ["take.mov"]


def test_an_existing_file_or_folder_without_extension_counts_as_a_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "footage").mkdir()
    (tmp_path / "README").write_text("x")
    assert parse("footage", "README").paths == ["footage", "README"]


def test_paths_after_a_double_dash_even_if_they_look_like_options():
    args = parse("--", "-odd name.mp4")
    assert args.command == "gui" and args.paths == ["-odd name.mp4"]


def test_without_arguments_or_with_only_options_it_is_still_the_gui():
    assert cli.with_default_command([]) == []
    assert cli.with_default_command(["-v"]) == ["-v"]
    assert cli.with_default_command(["--sandbox"]) == ["gui", "--sandbox"]  # was an argparse error
    assert parse("--server", "http://h", "--sandbox").sandbox
    assert cli.with_default_command(["-psn_0_12345"]) == []  # old macOS Finder argument


def test_subcommands_are_unchanged():
    argv = ["--server", "http://127.0.0.1:9", "upload", "a.mp4"]
    assert cli.with_default_command(argv) == argv
    args = parse(*argv)
    assert args.command == "upload"
    args = parse("gui", "--sandbox", "x.mp4")
    assert args.command == "gui" and args.paths == ["x.mp4"]


def test_a_nonsense_word_is_a_one_line_usage_error(capsys):
    assert cli.main(["frobnicate"]) == cli.EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("pixop-desktop: invalid choice: 'frobnicate' ")


@pytest.mark.parametrize("word", ["uplaod", "queue2"])
def test_misspelt_commands_are_not_taken_for_files(word):
    with pytest.raises(cli._NotACommand):
        cli.with_default_command(["-v", word])


def test_the_real_entry_point_refuses_a_nonsense_word(tmp_path):
    env = {**os.environ, "PIXOP_DESKTOP_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "pixop_desktop", "frobnicate"], capture_output=True,
                          text=True, env=env, timeout=60)
    assert done.returncode == cli.EXIT_USAGE
    assert done.stderr.strip().splitlines() == [done.stderr.strip()] and "frobnicate" in done.stderr
