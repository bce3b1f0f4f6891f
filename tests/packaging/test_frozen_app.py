"""The built bundle itself (dist/pixop-desktop): its --self-test, its CLI, and its window under Xvfb.

Skipped when the bundle is not built; `make test` builds it first, so CI runs these.
"""

from __future__ import annotations

import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.packaging.bundle import frozen_env, frozen_program, needs_display, needs_secret_service
from tests.packaging.screen import await_window, screenshot_until_stable, window_ids

__all__ = ["frozen_program"]  # the fixture

CHECKS = ("qt", "keyring", "clip", "sandbox", "upload", "ingest", "process", "download", "output")


def run_self_test(program: Path, home: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(program), "--self-test"], env=frozen_env(home, QT_QPA_PLATFORM="offscreen", **env),
                          capture_output=True, text=True, timeout=120)


@needs_secret_service
def test_frozen_self_test_passes_and_finds_the_secret_service(frozen_program, app_home):
    started = time.monotonic()
    result = run_self_test(frozen_program, app_home, PIXOP_SELFTEST_EXPECT_KEYRING="Secret Service")
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "frozen bundle" in lines[0]
    for check in CHECKS:
        assert any(line.startswith(f"OK      {check}: ") for line in lines), f"{check} not OK:\n{result.stdout}"
    assert "OK      keyring: Secret Service (keyring.backends.SecretService" in result.stdout
    assert "'offscreen' platform" in result.stdout and "svg" in result.stdout
    assert "320x240" in result.stdout
    assert lines[-1].startswith("RESULT  summary: self-test passed")
    assert elapsed < 20
    assert (app_home / "logs" / "self-test.txt").read_text(encoding="utf-8").splitlines() == lines


def test_frozen_self_test_names_what_failed(frozen_program, app_home):
    result = run_self_test(frozen_program, app_home, PIXOP_SELFTEST_EXPECT_KEYRING="Imaginary Vault")
    assert result.returncode == 1
    assert re.search(r"^FAILED  keyring: expected the Imaginary Vault keyring, found ", result.stdout, re.M)
    assert "self-test FAILED (keyring)" in result.stdout
    assert "OK      output:" in result.stdout  # the other checks still ran


def test_frozen_cli_runs_the_sandbox_until_sigterm(frozen_program, app_home, tmp_path):
    out = tmp_path / "sandbox.out"
    with out.open("w") as sink:
        process = subprocess.Popen([str(frozen_program), "sandbox", "--port", "0", "--data", str(tmp_path / "data")],
                                   env=frozen_env(app_home), stdout=sink, stderr=subprocess.STDOUT)
    try:
        url = _await_match(out, r"Pixop sandbox running at (http://\S+)", process)
        response = httpx.get(f"{url}/accounts/v1/token", auth=("demo@sandbox.pixop.local", "demo-password"))
        assert response.status_code == 200 and response.json()["jwtToken"]
    finally:
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=30)
    assert status == 0, out.read_text()
    assert "Sandbox stopped." in out.read_text()


def test_frozen_version_matches_the_source(frozen_program, app_home):
    from pixop_desktop import __version__

    result = subprocess.run([str(frozen_program), "--version"], env=frozen_env(app_home),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == f"pixop-desktop {__version__}"


class FrozenGui:
    """The frozen app's window on the test session's X display, closed with SIGTERM."""

    def __init__(self, program: Path, home: Path, tmp_path: Path) -> None:
        self.home, self.tmp_path = home, tmp_path
        self.log_file = home / "logs" / "pixop-desktop.log"
        self.output = tmp_path / "gui.out"
        self._before = window_ids()
        with self.output.open("w") as sink:
            self.process = subprocess.Popen([str(program), "gui", "--sandbox"],
                                            env=frozen_env(home, QT_QPA_PLATFORM="xcb"),
                                            stdout=sink, stderr=subprocess.STDOUT)

    def photograph(self, title: str, name: str) -> tuple[Path, str]:
        """Wait for the window titled *title*, photograph the screen; returns (png, sandbox url)."""
        window = await_window(title, self.process, exclude=self._before)
        sandbox_url = _await_match(self.log_file, r"sandbox running at (http://\S+)", self.process)
        shot = screenshot_until_stable(self.tmp_path / name)
        _assert_shows_a_window(shot, window)
        return shot, sandbox_url

    def terminate(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()  # never leave the app running behind the test
            self.process.wait(timeout=10)
            raise AssertionError(f"the app ignored SIGTERM for 30 s:\n{self.output.read_text()}") from None


def _mark_first_run_done(home: Path, monkeypatch) -> None:
    """A returning person: the welcome was completed before (saved with the app's own settings code)."""
    from pixop_desktop.settings import load_settings, save_settings

    monkeypatch.setenv("PIXOP_DESKTOP_HOME", str(home))
    settings = load_settings()
    settings.first_run_done = True
    save_settings(settings)


@needs_display
def test_frozen_main_window_opens_under_xvfb_and_quits_on_sigterm(frozen_program, app_home, tmp_path,
                                                                 monkeypatch):
    _mark_first_run_done(app_home, monkeypatch)
    gui = FrozenGui(frozen_program, app_home, tmp_path)
    try:
        _shot, sandbox_url = gui.photograph("— Pixop Desktop", "frozen-main-window.png")
        assert httpx.get(f"{sandbox_url}/videos/v1/projects").status_code in (200, 401)
    finally:
        status = gui.terminate()
    assert status == 0, gui.output.read_text()
    assert "received SIGTERM: quitting" in gui.log_file.read_text(encoding="utf-8")
    with pytest.raises(httpx.ConnectError):  # the sandbox stopped with the app
        httpx.get(f"{sandbox_url}/videos/v1/projects")


@needs_display
def test_frozen_first_run_welcome_opens_and_sigterm_closes_it(frozen_program, app_home, tmp_path):
    gui = FrozenGui(frozen_program, app_home, tmp_path)
    try:
        gui.photograph("Welcome", "frozen-welcome.png")
    finally:
        status = gui.terminate()
    assert status == 0, gui.output.read_text()
    assert "received SIGTERM: quitting" in gui.log_file.read_text(encoding="utf-8")


def _assert_shows_a_window(shot: Path, window) -> None:
    """The screenshot is a real picture: the window's area has many colours, not one flat fill."""
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 640 and image.height() >= 480
    assert shot.stat().st_size > 10_000
    x, y, width, height = window.geometry
    colours = {image.pixel(x + dx, y + dy) for dx in range(0, width, 7) for dy in range(0, height, 7)
               if 0 <= x + dx < image.width() and 0 <= y + dy < image.height()}
    assert len(colours) > 20, f"the window area looks empty ({len(colours)} colours)"


def _await_match(path: Path, pattern: str, process: subprocess.Popen, timeout: float = 30.0) -> str:
    """Wait for a line matching ``pattern`` in a file the process writes; return group 1."""
    pause = threading.Event()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        if match := re.search(pattern, text):
            return match.group(1)
        if process.poll() is not None:
            raise AssertionError(f"the app exited ({process.returncode}) before printing {pattern!r}:\n{text}")
        pause.wait(0.05)
    raise AssertionError(f"no {pattern!r} in {path} after {timeout:.0f} s")


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="XDG folders are Linux's")
def test_frozen_app_keeps_per_user_files_in_the_xdg_folders(frozen_program, tmp_path):
    env = frozen_env(tmp_path, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
                     XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_STATE_HOME=str(tmp_path / "state"),
                     XDG_DATA_HOME=str(tmp_path / "data"))
    del env["PIXOP_DESKTOP_HOME"]
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # no keyring needed for this one
    result = subprocess.run([str(frozen_program), "--self-test"], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (f"settings in {tmp_path}/config/Pixop Desktop, logs in {tmp_path}/state/Pixop Desktop/log"
            in result.stdout)
    assert (tmp_path / "state" / "Pixop Desktop" / "log" / "pixop-desktop.log").is_file()
