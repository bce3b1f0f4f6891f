"""``pixop-desktop sandbox`` explains bad arguments plainly and prints every login it accepts.

Each case runs the real command in a subprocess, as a user would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import httpx
import pytest

from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD, Sandbox


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "pixop_desktop", "sandbox", *args]


def _refused(*args: str) -> str:
    """Run a sandbox that must refuse to start; its stderr."""
    done = subprocess.run(_command("--port", "0", *args), capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Unexpected error" not in done.stderr and "Traceback" not in done.stderr
    assert "cannot listen" not in done.stderr
    return done.stderr


def test_data_pointing_at_a_file_is_named_as_such(tmp_path):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    assert f"--data {a_file} is a file, not a folder" in _refused("--data", str(a_file))


def test_a_data_folder_that_cannot_be_created_is_explained(tmp_path):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    err = _refused("--data", str(a_file / "sandbox"))
    assert f"cannot create the data folder {a_file / 'sandbox'}" in err


@pytest.mark.parametrize("port", ["99999", "-1", "eighty"])
def test_a_port_out_of_range_is_a_plain_usage_error(tmp_path, port):
    err = _refused("--data", str(tmp_path), "--port", port)
    assert "--port: must be a whole number from 0 to 65535" in err and "OverflowError" not in err


@pytest.mark.parametrize("ttl", ["0", "-5"])
def test_a_token_lifetime_below_one_second_is_refused(tmp_path, ttl):
    assert "--token-ttl: must be a whole number of seconds, at least 1" in _refused(
        "--data", str(tmp_path), "--token-ttl", ttl)


def test_user_with_the_demo_email_is_refused_not_ignored(tmp_path):
    err = _refused("--data", str(tmp_path), "--user", f"{DEFAULT_EMAIL.upper()}:other")
    assert "is the demo user" in err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_wildcard_host_prints_a_loopback_url_every_login_and_a_warning(tmp_path):
    process = subprocess.Popen(
        _command("--host", "0.0.0.0", "--port", "0", "--data", str(tmp_path),
                 "--user", "ana@example.com:ana-pw", "--user", "bo@example.com:bo-pw"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        lines = []
        while not lines or not lines[-1].startswith("Press Ctrl+C"):
            line = process.stdout.readline()
            assert line, process.stderr.read()
            lines.append(line)
        url = lines[0].rsplit(" ", 1)[1].strip()
        assert url.startswith("http://127.0.0.1:"), lines[0]
        banner = "".join(lines)
        for email, password in ((DEFAULT_EMAIL, DEFAULT_PASSWORD), ("ana@example.com", "ana-pw"),
                                ("bo@example.com", "bo-pw")):
            assert email in banner and password in banner
            assert httpx.get(f"{url}/accounts/v1/token", auth=(email, password)).status_code == 200
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "other computers can reach the sandbox" in err and DEFAULT_PASSWORD in err


def test_the_shown_url_of_loopback_and_ipv6_wildcard_binds(tmp_path):
    from pixop_desktop.sandbox import cli

    assert cli._shown_url("127.0.0.1", 5, "http://127.0.0.1:5") == "http://127.0.0.1:5"
    assert cli._shown_url("::", 5, "http://[::]:5") == "http://[::1]:5"


def test_a_kept_user_given_again_gets_the_new_password(tmp_path):
    with Sandbox(data_dir=tmp_path, users=["ana@example.com:old"]):
        pass
    with Sandbox(data_dir=tmp_path, users=["ana@example.com:new"]) as server:
        token = f"{server.url}/accounts/v1/token"
        assert httpx.get(token, auth=("ana@example.com", "new")).status_code == 200
        assert httpx.get(token, auth=("ana@example.com", "old")).status_code == 401
