"""A redirected run on a console in a narrow encoding (Windows' cp1252) with non-ASCII names:
the command finishes, and what the encoding cannot hold is shown escaped."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD

pytestmark = pytest.mark.timeout(120)


def test_a_cp1252_stdout_with_cyrillic_and_japanese_names_exits_0(sandbox, clip_factory, tmp_path):
    clip = clip_factory("plain.mp4", seconds=1, fps=10)
    names = ["Интервью.mp4", "インタビュー.mp4", "café.mp4"]
    for name in names:
        shutil.copy(clip, tmp_path / name)
    env = dict(os.environ, PYTHONIOENCODING="cp1252", PIXOP_SERVER=sandbox.url,
               PIXOP_EMAIL=DEFAULT_EMAIL, PIXOP_PASSWORD=DEFAULT_PASSWORD)
    result = subprocess.run([sys.executable, "-m", "pixop_desktop", "upload", "--light",
                             *[str(tmp_path / name) for name in names]],
                            capture_output=True, env=env, timeout=100)
    assert result.returncode == 0, result.stderr.decode("cp1252", "replace")
    out = result.stdout.decode("cp1252")
    assert "\\u0418\\u043d\\u0442" in out  # Cyrillic, escaped
    assert "\\u30a4\\u30f3" in out          # Japanese, escaped
    assert "café.mp4" in out                # what cp1252 holds is written as is
