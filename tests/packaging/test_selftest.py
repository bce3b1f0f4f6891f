"""``pixop-desktop --self-test`` from source: the same checks the frozen bundle runs."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from pixop_desktop import cli, selftest
from pixop_desktop.commands.self_test import run_self_test
from pixop_desktop.selftest import journey as selftest_journey
from tests.packaging.bundle import needs_secret_service


def test_self_test_from_the_command_line_passes(qapp, capsys, app_home, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert cli.main(["--self-test"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "from source" in lines[0]
    assert str(app_home) in lines[1]  # PIXOP_DESKTOP_HOME is respected
    statuses = {line.split()[1].rstrip(":"): line.split()[0] for line in lines}
    assert all(statuses[name] == "OK" for name in ("qt", "keyring", "upload", "process", "download", "output"))
    assert lines[-1].startswith("RESULT  summary: self-test passed")
    assert (app_home / "logs" / selftest.REPORT_FILE).is_file()
    assert not list(app_home.rglob("*.mp4")), "the clip and result belong in a temp dir, not the app home"


@needs_secret_service
def test_self_test_reports_the_secret_service(qapp, app_home, monkeypatch):
    monkeypatch.setenv(selftest.EXPECT_KEYRING_ENV, "Secret Service")
    out = io.StringIO()
    assert run_self_test(out) == 0
    assert "OK      keyring: Secret Service" in out.getvalue()
    assert "write, read and delete" in out.getvalue()


def test_a_different_keyring_than_expected_fails_and_is_named(qapp, app_home, monkeypatch):
    monkeypatch.setenv(selftest.EXPECT_KEYRING_ENV, "Imaginary Vault")
    out = io.StringIO()
    assert run_self_test(out) == 1
    report = out.getvalue()
    assert "FAILED  keyring: expected the Imaginary Vault keyring" in report
    assert "self-test FAILED (keyring)" in report


def test_a_failing_step_skips_the_rest_of_the_journey(qapp, app_home, monkeypatch):
    # A real failure from FFmpeg, not a stand-in: H.264 in 4:2:0 refuses odd frame sizes.
    monkeypatch.setattr(selftest_journey, "CLIP_SIZE", (7, 5))
    out = io.StringIO()
    assert run_self_test(out) == 1
    report = out.getvalue()
    assert "FAILED  clip:" in report
    for later in ("sandbox", "upload", "ingest", "process", "download", "output"):
        assert f"SKIPPED {later}: an earlier step failed" in report
    assert "self-test FAILED (clip)" in report


def test_a_missing_qt_platform_plugin_is_a_failed_check_not_a_crash(app_home):
    """What a bundle that lost its platform plugin would do: report it, and run the other checks."""
    env = dict(os.environ, QT_QPA_PLATFORM="no-such-platform", PIXOP_DESKTOP_HOME=str(app_home))
    result = subprocess.run([sys.executable, "-m", "pixop_desktop", "--self-test"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAILED  qt: no Qt platform plugin 'no-such-platform'" in result.stdout
    assert "OK      output:" in result.stdout
    assert "self-test FAILED (qt)" in result.stdout
