"""``pixop-desktop doctor`` on real files, a real sandbox over loopback and the real keyring."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from email.utils import formatdate

import pytest

from pixop_desktop import cli, paths
from pixop_desktop.credentials import CredentialStore
from pixop_desktop.jobs.model import Job, Source, State, WorkKind
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.presets import presets_dir, save_preset
from pixop_desktop.processing import ProcessingRequest
from pixop_desktop.sandbox import DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_PASSWORD
from pixop_desktop.settings import Settings, load_settings, save_settings, settings_path
from pixop_desktop.watch.rules import WatchRule, rules_path, save_rules
from tests.fixtures.scripted_server import EMAIL, PASSWORD, _serving

needs_keyring = pytest.mark.skipif(
    not os.environ.get("DBUS_SESSION_BUS_ADDRESS"),
    reason="no D-Bus session: run through `make test` (scripts/with-test-session.sh) for the real keyring")

CHECKS = {"settings", "job store", "presets", "watch rules", "keyring", "server"}
REQUEST = ProcessingRequest.from_json({"mediaProcessingParameters": {"container": "MP4", "codec": "H264"}})


def doctor(capsys, *argv):
    status = cli.main(["doctor", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def lines_of(out: str) -> dict[str, list[str]]:
    """Each check's lines: the status word and the sentence."""
    found: dict[str, list[str]] = {}
    for line in out.splitlines():
        status, _, rest = line.partition(" ")
        check, sep, _sentence = rest.strip().partition(": ")
        if sep and status.isupper():
            found.setdefault(check, []).append(status)
    return found


def healthy_home(tmp_path, server: str) -> None:
    save_settings(Settings(server=server, download_folder=str(tmp_path / "results")))
    with JobStore() as store:
        store.add(Job(Source.local(str(tmp_path / "a.mov"), 10, 1)))
    save_preset("Archive look", REQUEST)
    watched, out = tmp_path / "watched", tmp_path / "out"
    watched.mkdir()
    save_rules([WatchRule(folder=str(watched), output_folder=str(out), preset="Archive look")])


def damage_home() -> dict:
    """A queue file of garbage, a preset that is not JSON, settings with a non-UTF-8 byte."""
    queue = paths.data_dir() / "queue.sqlite3"
    queue.write_bytes(b"not a database at all " * 200)
    preset = presets_dir() / "broken.json"
    preset.write_text('{"name": "Broken", "request": ', encoding="utf-8")
    settings = settings_path()
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_bytes(b'{"parallel_uploads": 3, "email": "\xff"}')
    return {path: path.read_bytes() for path in (queue, preset, settings)}


@pytest.mark.keyring
@needs_keyring
def test_a_healthy_home_is_ok_in_every_check(capsys, tmp_path, sandbox):
    healthy_home(tmp_path, sandbox.url)
    store = CredentialStore(sandbox.url)
    store.save(email=DEFAULT_EMAIL, password=DEFAULT_PASSWORD, api_key=DEFAULT_API_KEY)
    try:
        status, out, err = doctor(capsys)
    finally:
        store.delete()
    assert status == 0, out + err
    found = lines_of(out)
    assert set(found) == CHECKS, out
    assert all(statuses == ["OK"] for statuses in found.values()), out
    assert "Saved in Secret Service" in out and f"signed in as {DEFAULT_EMAIL}" in out
    assert "the API key is accepted" in out and out.rstrip().endswith("Everything is fine.")


def test_a_damaged_queue_preset_and_settings_are_repaired_and_each_said(capsys):
    before = damage_home()
    queue, preset, settings = before
    status, out, err = doctor(capsys, "--no-network")
    assert status == 0, out + err
    found = lines_of(out)
    assert found["job store"] == ["REPAIRED"] and found["presets"] == ["REPAIRED"], out
    assert found["settings"] == ["REPAIRED"], out
    # Nothing is lost: each damaged file is kept aside, byte for byte, and said where.
    aside = list(queue.parent.glob("queue.sqlite3.damaged-*"))
    assert [p.read_bytes() for p in aside] == [before[queue]] and str(aside[0]) in out
    assert (preset.parent / "broken.json.bad").read_bytes() == before[preset]
    assert "broken.json.bad" in out and not preset.exists()
    kept = list(settings.parent.glob("settings.json.bad-*"))
    assert [p.read_bytes() for p in kept] == [before[settings]] and str(kept[0]) in out
    # What is left works: a readable queue, valid settings, and a second run finds nothing to do.
    with JobStore() as store:
        assert store.list_jobs() == []
    assert load_settings() == Settings()
    status, out, _ = doctor(capsys, "--no-network")
    assert status == 0 and "REPAIRED" not in out and "PROBLEM" not in out, out


def test_dry_run_changes_nothing_and_says_what_a_normal_run_would_do(capsys):
    before = damage_home()
    listing = sorted(paths.data_dir().rglob("*")) + sorted(paths.config_dir().rglob("*"))
    status, out, err = doctor(capsys, "--dry-run", "--no-network")
    assert status == 1, out + err
    found = lines_of(out)
    assert found["job store"] == ["PROBLEM"] and found["presets"] == ["PROBLEM"] and found["settings"] == ["PROBLEM"]
    assert out.lower().count("a normal run") == 3, out
    assert {path: path.read_bytes() for path in before} == before
    after = sorted(paths.data_dir().rglob("*")) + sorted(paths.config_dir().rglob("*"))
    assert [p for p in after if p not in listing and not p.name.startswith("queue.sqlite3-")] == []


def test_an_unreachable_server_fails_with_one_plain_line(capsys, monkeypatch):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("PIXOP_API_KEY", "some-key")
    status, out, err = doctor(capsys, "--server", f"http://127.0.0.1:{port}")
    assert status == 1, out + err
    problem = [line for line in out.splitlines() if line.startswith("PROBLEM")]
    assert problem == [f"PROBLEM   server: http://127.0.0.1:{port}: Cannot reach Pixop. Could not connect to "
                       f"127.0.0.1. Check your internet connection and the server address in Settings."], out
    assert "Traceback" not in out + err


def test_json_output_for_scripts(capsys, sandbox, monkeypatch):
    monkeypatch.setenv("PIXOP_API_KEY", DEFAULT_API_KEY)
    status, out, err = doctor(capsys, "--json", "--server", sandbox.url)
    assert status == 0, out + err
    data = json.loads(out)
    assert set(data) == {"ok", "dryRun", "checks"} and data["ok"] is True and data["dryRun"] is False
    assert {c["check"] for c in data["checks"]} == CHECKS
    for check in data["checks"]:
        assert set(check) == {"check", "status", "message"}
        assert check["status"] in ("ok", "repaired", "warning", "problem") and check["message"]
    server = [c for c in data["checks"] if c["check"] == "server"]
    assert server == [{"check": "server", "status": "ok",
                       "message": f"{sandbox.url} answers; the API key is accepted."}]


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_work_of_a_runner_that_died_goes_back_and_stray_partials_are_listed(capsys, tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    save_settings(Settings(download_folder=str(results)))
    owner = f"{socket.gethostname()}:{dead_pid()}:dead0000"
    with JobStore() as store:
        job_id = store.add(Job(Source.local(str(tmp_path / "a.mov"), 10, 1)))
        store.register_runner(owner)
        store._conn.execute("UPDATE runners SET pid = ? WHERE owner = ?", (int(owner.split(":")[1]), owner))
        [claimed] = store.claim(WorkKind.CONTROL, owner=owner)
        assert claimed.id == job_id and store.state_of(job_id) is State.RUNNING
    stray = results / "old result.mp4.part"
    stray.write_bytes(b"x" * 100)
    (results / "old result.mp4.part.json").write_text('{"url": "/media/v1/video/1"}')

    status, out, err = doctor(capsys, "--no-network")
    assert status == 0, out + err
    assert f"Job {job_id} had been left running" in out and "records of 1 runner" in out
    assert "WARNING   partial downloads: 1 unfinished download(s)" in out and str(stray) in out
    with JobStore() as store:
        assert store.state_of(job_id) is State.QUEUED and store.live_owners() == set()
        assert store._query("SELECT count(*) FROM runners") == [(0,)]
    assert stray.exists()  # listed, never deleted


def test_a_watched_folder_that_is_gone_is_a_problem_naming_it(capsys, tmp_path):
    gone = tmp_path / "share" / "incoming"
    save_rules([WatchRule(name="Incoming", folder=str(gone))])
    gone.mkdir(parents=True)
    gone.rmdir()
    status, out, _ = doctor(capsys, "--no-network")
    assert status == 1
    assert f"PROBLEM   watch rules: The watched folder of “Incoming” ({gone}) is not there." in out
    assert rules_path().exists()


def test_a_server_clock_an_hour_off_is_warned(capsys, monkeypatch):
    def token_info_an_hour_behind(handler):
        body = json.dumps({"user": {"id": "u1", "email": EMAIL}}).encode()
        handler.send_response_only(200)  # without the Date header send_response would add
        handler.send_header("Date", formatdate(time.time() - 3600, usegmt=True))
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
        return "reset"

    for httpd in _serving("clock-server"):
        httpd.on("POST", "/accounts/v1/token", token_info_an_hour_behind)
        monkeypatch.setenv("PIXOP_EMAIL", EMAIL)
        monkeypatch.setenv("PIXOP_PASSWORD", PASSWORD)
        status, out, err = doctor(capsys, "--server", httpd.url)
    assert status == 0, out + err  # a warning, not a failure: signing in worked this time
    assert f"OK        server: {httpd.url} answers; signed in as {EMAIL}." in out
    assert "WARNING   server: This computer's clock is 60 minutes ahead of the server's." in out
