"""The .deb on this machine: install it, run the installed program's self-test, remove and purge it,
and nothing of it is left (the user's data stays in their home folder).

Uses the bundle `make test` builds (dist/pixop-desktop) and packs it with gzip -1 (a few seconds).
Installs system-wide, so it needs root and dpkg, and runs one at a time (a lock file) even when
several checkouts test at once; it refuses to touch a pixop-desktop someone really installed.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.bundle import ROOT, bundle_program, frozen_env

sys.path.insert(0, str(ROOT / "packaging" / "linux"))
import build_deb  # noqa: E402

# Where the package puts files (and where its maintainer scripts may write caches).
WATCHED = [Path("/opt"), Path("/usr/bin"), Path("/usr/share/applications"), Path("/usr/share/icons/hicolor"),
           Path("/usr/share/doc"), Path("/etc")]
LOCK = Path("/tmp/pixop-desktop-deb-test.lock")

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("dpkg"),
                       reason="needs a Debian-like system (dpkg)"),
    pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() != 0,
                       reason="installing a .deb needs root (run as root, or in a container)"),
]


def _files() -> set[str]:
    found = set()
    for top in WATCHED:
        for folder, dirs, names in os.walk(top):
            found.update(os.path.join(folder, name) for name in names + dirs)
    return found


def _installed() -> bool:
    status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", build_deb.PACKAGE],
                            capture_output=True, text=True).stdout
    return "installed" in status and "not-installed" not in status


def _dpkg(*args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(["dpkg", *args], capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture
def deb(tmp_path) -> Path:
    program = bundle_program()
    if not program.is_file():
        pytest.skip(f"the app bundle is not built ({program} is missing): run `make bundle`")
    return build_deb.build_deb(program.parent, tmp_path, fast=True)


@pytest.mark.slow
def test_the_deb_installs_self_tests_and_removes_cleanly(deb, tmp_path):
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another checkout's run of this test waits here
        if _installed():
            pytest.skip("pixop-desktop is installed on this machine for real: not touching it")
        before = _files()
        _dpkg("-i", str(deb))
        try:
            assert os.path.realpath("/usr/bin/pixop-desktop") == "/opt/pixop-desktop/pixop-desktop"
            entry = Path("/usr/share/applications/pixop-desktop.desktop").read_text(encoding="utf-8")
            assert "MimeType=video/mp4;" in entry and "Exec=pixop-desktop %F" in entry
            assert Path("/usr/share/icons/hicolor/256x256/apps/pixop-desktop.png").is_file()
            assert Path("/usr/share/doc/pixop-desktop/examples/pixop-desktop-watch.service").is_file()
            assert not Path("/opt/pixop-desktop/install.sh").exists()  # the per-user installer stays out

            home = tmp_path / "home"
            result = subprocess.run(["/usr/bin/pixop-desktop", "--self-test"], capture_output=True, text=True,
                                    timeout=120, env=frozen_env(home, QT_QPA_PLATFORM="offscreen"))
            assert result.returncode == 0, result.stdout + result.stderr
            assert "self-test passed" in result.stdout
            assert "/opt/pixop-desktop" in result.stdout  # the installed copy ran, not dist/
        finally:
            _dpkg("-r", build_deb.PACKAGE)
        assert not Path("/opt/pixop-desktop").exists()
        _dpkg("-P", build_deb.PACKAGE)
        assert _files() == before
        assert (home / "logs").is_dir()  # the user's data is theirs: removal never touches it


def test_debian_versions_sort_pre_releases_first():
    assert build_deb.debian_version("0.1.0") == "0.1.0"
    assert build_deb.debian_version("0.2.0rc1") == "0.2.0~rc1"
    older = subprocess.run(["dpkg", "--compare-versions", "0.2.0~rc1", "lt", "0.2.0"])
    assert older.returncode == 0
