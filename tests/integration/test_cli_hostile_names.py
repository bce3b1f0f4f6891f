"""A file name cannot forge output lines, and a failed job never reports an output file."""

from __future__ import annotations

import shutil

import pytest

from pixop_desktop import cli

pytestmark = pytest.mark.timeout(90)

FORGED = "clip\nDone: everything.mp4"


def test_a_newline_in_a_file_name_is_shown_escaped_on_one_line(signed_in, clip_factory, tmp_path, capsys):
    clip = clip_factory("plain.mp4", seconds=1, fps=10)
    hostile = tmp_path / FORGED
    shutil.copy(clip, hostile)
    assert cli.main(["upload", str(hostile), "--light"]) == 0
    out = capsys.readouterr().out
    [line] = out.splitlines()
    assert line.startswith("clip\\nDone: everything.mp4\t")


def test_queued_progress_lines_escape_the_name_too(signed_in, clip_factory, tmp_path, capsys):
    clip = clip_factory("plain.mp4", seconds=1, fps=10)
    hostile = tmp_path / FORGED
    shutil.copy(clip, hostile)
    assert cli.main(["upload", str(hostile), "--light", "--process", '{"resolution": {"tag": "2x"}}',
                     "--download", str(tmp_path / "out"), "--poll-max", "0.2"]) == 0
    captured = capsys.readouterr()
    assert not any(line.startswith("Done: everything") for line in captured.err.splitlines())
    assert not any(line.startswith("Done: everything") for line in captured.out.splitlines())
    assert "clip\\nDone: everything.mp4" in captured.err


def test_a_failed_job_prints_no_output_path(signed_in, clip_factory, tmp_path, capsys):
    clip = clip_factory("fails.mp4", seconds=1, fps=10)
    signed_in.faults.end_next("processing", "FAILED", "the sandbox was told to fail it")
    status = cli.main(["upload", str(clip), "--light", "--process", '{"resolution": {"tag": "2x"}}',
                       "--download", str(tmp_path / "out"), "--poll-max", "0.2"])
    captured = capsys.readouterr()
    assert status != 0
    [line] = captured.out.splitlines()
    name, _video, output = line.split("\t")
    assert name == "fails.mp4" and output == "-"
