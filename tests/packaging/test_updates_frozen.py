"""The real frozen bundle updates itself: ``pixop-desktop update`` (tufup inside the bundle) finds,
downloads and verifies the next version from a loopback server, and the next start of the
program (the frozen entry point) puts it in place and runs it.

The installed copy is the bundle `make test` builds (hard-linked into a temporary folder, with
the test's trusted root where a release build carries its own). The next version is a small
stand-in whose program is a shell script that says which version it is: building a second
PyInstaller bundle would take a minute, and the old copy's code path is what is under test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.bundle import frozen_env, frozen_program  # noqa: F401 (a fixture)
from tests.packaging.update_repo import Server, release

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle's layout")


def _install_copy(bundle: Path, target: Path) -> Path:
    """The bundle as an installed copy: hard links (fast; the update renames folders, never edits files)."""
    target.parent.mkdir(parents=True)
    if subprocess.run(["cp", "-al", str(bundle), str(target)], capture_output=True).returncode != 0:
        shutil.rmtree(target, ignore_errors=True)  # another file system: copy instead
        shutil.copytree(bundle, target, symlinks=True)
    return target


def _next_version(folder: Path, version: str) -> Path:
    folder.mkdir()
    program = folder / "pixop-desktop"
    program.write_text(f'#!/bin/sh\necho "running {version}: $*"\n', encoding="utf-8")
    program.chmod(0o755)
    return folder


@pytest.mark.slow
def test_the_frozen_app_downloads_verifies_and_starts_the_next_version(frozen_program, tmp_path):  # noqa: F811
    keys, repo = tmp_path / "keys", tmp_path / "repo"
    root = release.create_keys(keys, repo, ship_root=None)
    release.publish(_next_version(tmp_path / "build-99.0.0", "99.0.0"), "99.0.0", keys, repo)
    installed = _install_copy(frozen_program.parent, tmp_path / "opt" / "pixop-desktop")
    (installed / "_internal" / "resources" / "update-root.json").unlink(missing_ok=True)
    shutil.copyfile(root, installed / "_internal" / "resources" / "update-root.json")
    server = Server(repo)
    try:
        env = frozen_env(tmp_path / "home", PIXOP_UPDATE_URL=server.url, NO_PROXY="127.0.0.1")
        program = installed / "pixop-desktop"
        staged = subprocess.run([str(program), "update"], env=env, capture_output=True, text=True, timeout=120)
        assert staged.returncode == 0, staged.stdout + staged.stderr
        assert "Pixop Desktop 99.0.0 is downloaded and verified" in staged.stdout
        started = subprocess.run([str(program), "--version"], env=env, capture_output=True, text=True, timeout=60)
        assert started.stdout.strip() == "running 99.0.0: --version", started.stdout + started.stderr
        assert not installed.with_name("pixop-desktop.old").exists()
        assert os.listdir(installed) == ["pixop-desktop"]
    finally:
        server.close()
