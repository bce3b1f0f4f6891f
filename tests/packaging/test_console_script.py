"""``pixop-desktop-cli`` is installed as a console script (on Windows the gui-script prints nothing)."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path


def test_the_console_entry_point_is_installed_and_runs_the_same_main():
    console = {ep.name: ep for ep in entry_points(group="console_scripts")}
    gui = {ep.name: ep for ep in entry_points(group="gui_scripts")}
    assert "pixop-desktop-cli" in console, "reinstall: .venv/bin/python -m pip install -e '.[dev]'"
    assert console["pixop-desktop-cli"].value == gui["pixop-desktop"].value == "pixop_desktop.cli:main"


def test_the_console_script_prints_its_version():
    script = Path(sys.executable).with_name("pixop-desktop-cli" + (".exe" if sys.platform == "win32" else ""))
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip(), (done.stdout, done.stderr)
