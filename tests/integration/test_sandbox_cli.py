"""``pixop-desktop sandbox`` runs until SIGTERM/SIGINT, prints where and how to log in, exits 0."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import httpx
import pytest

from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_cli_serves_until_signalled(tmp_path, sig):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "pixop_desktop.sandbox.cli", "--port", "0", "--data", str(tmp_path),
         "--user", "ana@example.com:ana-password", "--api-key", "cli-key"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        first = process.stdout.readline()
        assert first.startswith("Pixop sandbox running at http://127.0.0.1:"), first
        url = first.rsplit(" ", 1)[1].strip()
        banner = "".join(process.stdout.readline() for _ in range(4))
        assert DEFAULT_EMAIL in banner and DEFAULT_PASSWORD in banner and "cli-key" in banner
        assert httpx.get(f"{url}/accounts/v1/token", auth=("ana@example.com", "ana-password")).status_code == 200
        assert httpx.get(f"{url}/api/v1/input-locations/s3", headers={"X-API-Key": "cli-key"}).status_code == 200
        process.send_signal(sig)
        out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "Sandbox stopped." in out
    assert (tmp_path / "state.json").exists()


def test_cli_rejects_a_malformed_user(tmp_path):
    from pixop_desktop.sandbox import cli
    import argparse

    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    args = parser.parse_args(["--port", "0", "--data", str(tmp_path), "--user", "no-colon"])
    assert cli.run(args) == 2
