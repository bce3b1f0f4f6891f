"""``pixop-desktop watch``: --once in-process, and a real process stopped by SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pixop_desktop import cli
from pixop_desktop.jobs.model import State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD
from tests.fixtures.clips import make_clip

from .jobs_helpers import video_shape

pytestmark = pytest.mark.timeout(120)
TWICE = '{"resolution": {"tag": "2x"}}'


def _lines(out: str, kind: str) -> list[str]:
    return [line.split(None, 3)[3] for line in out.splitlines() if line.split()[2:3] == [kind]]


def test_watch_once_submits_waits_and_a_second_run_sends_nothing(signed_in, tmp_path, capsys):
    incoming, out = tmp_path / "in", tmp_path / "out"
    make_clip(incoming / "a.mp4", seconds=1, width=64, height=48, fps=5)
    make_clip(incoming / "sub" / "b.mp4", seconds=2, width=64, height=48, fps=5)
    (incoming / "sub" / "b.xml").write_text("<meta/>")
    argv = ["watch", str(incoming), "--process", TWICE, "--output", str(out), "--once", "--settle", "0.1",
            "--poll", "--light", "--poll-max", "0.2"]
    assert cli.main(argv) == 0
    first = capsys.readouterr().out
    assert sorted(path.split()[0] for path in _lines(first, "submitted")) == ["a.mp4", "sub/b.mp4"]
    assert _lines(first, "skipped") == ["sub/b.xml  not a video"]
    assert len(_lines(first, "done")) == 2
    assert video_shape(out / "sub" / "b_pixop.mp4")[:2] == (128, 96)
    assert (incoming / "sub" / "b.xml").exists()
    assert cli.main(argv) == 0
    second = capsys.readouterr().out
    assert second.strip() == "", second  # nothing new: nothing arrives, nothing is sent
    assert sum(v.kind == "original" for v in signed_in.state.videos()) == 2


def test_watch_with_processing_asks_where_the_results_go(signed_in, tmp_path, capsys):
    assert cli.main(["watch", str(tmp_path), "--process", TWICE, "--once"]) == 1
    err = capsys.readouterr().err.strip()
    assert "--output DIR downloads them, --leave-on-pixop keeps them on Pixop" in err


def test_watch_refuses_an_unknown_preset_at_start(signed_in, tmp_path, capsys):
    assert cli.main(["watch", str(tmp_path), "--preset", "no such preset", "--once"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("pixop-desktop: Watch rule not usable:") and "no such preset" in err


def test_sigterm_stops_the_watcher_cleanly_and_leaves_the_job_resumable(signed_in, tmp_path, app_home):
    incoming = tmp_path / "in"
    incoming.mkdir()
    signed_in.faults.limit_rate(200_000)  # a slow upload: the job is in flight when we stop
    env = {**os.environ, "PIXOP_SERVER": signed_in.url, "PIXOP_EMAIL": DEFAULT_EMAIL,
           "PIXOP_PASSWORD": DEFAULT_PASSWORD, "PIXOP_DESKTOP_HOME": str(app_home)}
    process = subprocess.Popen(
        [sys.executable, "-m", "pixop_desktop", "watch", str(incoming), "--process", TWICE,
         "--output", str(tmp_path / "out"), "--settle", "0.2", "--rescan", "0.2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=Path(__file__).parents[2])
    try:
        make_clip(incoming / "big.mp4", seconds=20, width=320, height=240, fps=25)
        seen = []
        for line in process.stdout:  # plain lines, one per event
            seen.append(line)
            if " submitted " in line:
                break
        assert any("arrived" in line and "big.mp4" in line for line in seen), seen
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not signed_in.state.videos():
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "stopped; work in flight resumes next time" in err
    with JobStore() as store:
        [job] = store.list_jobs()
    assert job.state is State.QUEUED and job.watch_rule_id.startswith("cli-")  # back in the queue, resumable


def test_watch_without_a_folder_runs_the_rules_saved_in_the_app(signed_in, tmp_path, capsys):
    from pixop_desktop.watch.rules import WatchRule, save_rules

    incoming = [tmp_path / "a", tmp_path / "b"]
    make_clip(incoming[0] / "one.mp4", seconds=1, width=64, height=48, fps=5)
    make_clip(incoming[1] / "two.mp4", seconds=2, width=64, height=48, fps=5)
    save_rules([WatchRule(folder=str(incoming[0]), name="A", settle_seconds=0.1),
                WatchRule(folder=str(incoming[1]), name="B", settle_seconds=0.1, paused=True)])
    assert cli.main(["watch", "--once", "--poll-max", "0.2"]) == 0
    out = capsys.readouterr().out
    assert _lines(out, "submitted") == ["one.mp4  job 1"] and "two.mp4" not in out  # B is paused
    assert cli.main(["watch", "--once", str(tmp_path / "missing")]) == 1
    assert "is not a folder" in capsys.readouterr().err
