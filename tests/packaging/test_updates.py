"""Signed self-updates end to end, over loopback HTTP: version N finds N+1, verifies it, stages it
and starts as N+1; a tampered archive, unsigned, expired or rolled-back metadata are refused in
plain words and N keeps working.

Two real PyInstaller bundles would take minutes, so N and N+1 are small stand-in "bundles" (a
launcher script and a VERSION file). Everything else is the app's own path: packaging/release.py
publishes them with tufup (real keys, real signatures), and the launcher runs the app's
``apply_pending`` at its start and ``check_for_update`` (tufup's client) when asked, as the
frozen entry point and ``pixop-desktop update`` do.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.bundle import ROOT
from tests.packaging.update_repo import Server, make_stand_in as _bundle, release

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Windows swaps folders with tufup's script after exit")

@pytest.fixture
def world(tmp_path):
    keys, repo = tmp_path / "keys", tmp_path / "repo"
    root = release.create_keys(keys, repo, ship_root=None)
    shutil.copy2(root, tmp_path / "shipped-root.json")  # what the app's build carries
    release.publish(_bundle(tmp_path / "build-1.0.0", "1.0.0"), "1.0.0", keys, repo)
    app = _bundle(tmp_path / "installed" / "app", "1.0.0")
    server = Server(repo)
    env = dict(os.environ, PYTHONPATH=str(ROOT), PIXOP_DESKTOP_HOME=str(tmp_path / "home"),
               UPDATE_URL=server.url, TRUSTED_ROOT=str(tmp_path / "shipped-root.json"),
               NO_PROXY="127.0.0.1", no_proxy="127.0.0.1")

    def run(*args: str) -> str:
        result = subprocess.run([sys.executable, str(app / "launcher.py"), *args], env=env,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    yield dict(keys=keys, repo=repo, app=app, run=run, tmp=tmp_path)
    server.close()


def _publish(world, version: str, **kwargs) -> Path:
    return release.publish(_bundle(world["tmp"] / f"build-{version}", version), version,
                           world["keys"], world["repo"], **kwargs)


def _still_n(world) -> None:
    assert world["run"]().splitlines() == ["running 1.0.0"]
    assert not (world["tmp"] / "home" / "data" / "updates" / "pending.json").exists()


def test_version_n_finds_verifies_and_starts_as_n_plus_1(world):
    assert world["run"]("check").splitlines() == ["running 1.0.0", "Pixop Desktop 1.0.0 is the newest version."]
    _publish(world, "1.1.0")
    assert "Pixop Desktop 1.1.0 is available (you have 1.0.0)." in world["run"]("check")
    assert "1.1.0 is downloaded and verified" in world["run"]("update")
    assert (world["app"] / "VERSION").read_text() == "1.0.0"  # nothing changes while it runs
    assert world["run"]().splitlines() == ["running 1.1.0"]  # the next start swapped and re-executed
    assert (world["app"] / "VERSION").read_text() == "1.1.0"
    assert not world["app"].with_name("app.old").exists()
    assert world["run"]("check").splitlines()[-1] == "Pixop Desktop 1.1.0 is the newest version."


def test_a_tampered_archive_is_refused_and_deleted(world):
    archive = _publish(world, "1.1.0")
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same length, different content
    archive.write_bytes(bytes(data))
    out = world["run"]("update")
    assert "REFUSED The downloaded update does not match its signed description" in out
    assert "The version you have keeps working." in out
    _still_n(world)
    assert not list((world["tmp"] / "home" / "data" / "updates" / "targets").glob("*1.1.0*"))


def test_expired_metadata_is_refused(world):
    _publish(world, "1.1.0", expiration_days=dict(release.EXPIRATION_DAYS, timestamp=-1))
    assert "REFUSED The update server's signed list of versions has expired" in world["run"]("update")
    _still_n(world)


def test_metadata_not_signed_with_the_key_is_refused(world):
    _publish(world, "1.1.0")
    timestamp = world["repo"] / "metadata" / "timestamp.json"
    data = json.loads(timestamp.read_text())
    data["signed"]["version"] += 1  # changed after signing: the signature no longer matches
    timestamp.write_text(json.dumps(data))
    assert "REFUSED The update server's list of versions is not signed with Pixop's key" in world["run"]("update")
    _still_n(world)


def test_rolled_back_metadata_is_refused(world):
    metadata = world["repo"] / "metadata"
    old = world["tmp"] / "metadata-1.0.0"
    shutil.copytree(metadata, old)
    _publish(world, "1.1.0")
    _publish(world, "1.2.0")
    assert "1.2.0 is available" in world["run"]("check")  # this computer has now seen 1.2.0's metadata
    shutil.rmtree(metadata)
    shutil.copytree(old, metadata)  # the server (or someone in between) serves the old state
    assert "REFUSED The update server offered an older list of versions" in world["run"]("update")
    _still_n(world)
