"""Two machines watching one network share: two ``watch`` processes with separate job stores
(two app homes) on one folder send each file exactly once (claims on the share, then Pixop asked
by fingerprint)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD
from tests.fixtures.clips import make_clip

pytestmark = pytest.mark.timeout(120)
TWICE = '{"resolution": {"tag": "2x"}}'
FILES = ["a.mp4", "b.mp4", "c.mp4", "sub/d.mp4"]


def _watcher(sandbox, home: Path, incoming: Path, out: Path) -> subprocess.Popen:
    env = {**os.environ, "PIXOP_SERVER": sandbox.url, "PIXOP_EMAIL": DEFAULT_EMAIL,
           "PIXOP_PASSWORD": DEFAULT_PASSWORD, "PIXOP_DESKTOP_HOME": str(home)}
    return subprocess.Popen(
        [sys.executable, "-m", "pixop_desktop", "watch", str(incoming), "--process", TWICE, "--output", str(out),
         "--once", "--settle", "0.1", "--poll", "--light", "--poll-max", "0.2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=Path(__file__).parents[2])


def test_two_watchers_with_separate_stores_send_each_file_of_one_folder_once(sandbox, tmp_path):
    incoming, out = tmp_path / "share", tmp_path / "out"
    for number, name in enumerate(FILES):
        make_clip(incoming / name, seconds=1, width=64, height=48, fps=5 + number)
    processes = [_watcher(sandbox, tmp_path / f"machine-{n}", incoming, out) for n in (1, 2)]
    outputs = [process.communicate(timeout=100) for process in processes]
    for process, (stdout, stderr) in zip(processes, outputs):
        assert process.returncode == 0, stdout + stderr
    said = "".join(stdout for stdout, _ in outputs)
    sent = sorted(line.split(None, 3)[3].split()[0] for line in said.splitlines() if " submitted " in line)
    assert sent == sorted(FILES), said  # each file submitted by one machine only
    originals = [v for v in sandbox.state.videos() if v.kind == "original"]
    assert len(originals) == len(FILES), [v.name for v in originals]
    assert all(sandbox.state.process_orders(v.id) == 1 for v in originals)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.mp4")) == [
        "a_pixop.mp4", "b_pixop.mp4", "c_pixop.mp4", "sub/d_pixop.mp4"]
    assert not list((incoming / ".pixop-claims").glob("*.claim"))  # every claim given back
