"""The command line against a real sandbox: output, exit codes, one-line errors."""

from __future__ import annotations

import io
import os
import sys
from types import SimpleNamespace

import pytest

from pixop_desktop import __version__, cli
from pixop_desktop.api.client import PixopClient
from pixop_desktop.logging_setup import log_file_path
from pixop_desktop.sandbox import DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_PASSWORD
from pixop_desktop.settings import settings_path

needs_keyring = pytest.mark.skipif(
    not os.environ.get("DBUS_SESSION_BUS_ADDRESS"),
    reason="no D-Bus session: run through `make test` for the real keyring")


@pytest.fixture
def demo_env(monkeypatch, sandbox):
    monkeypatch.setenv("PIXOP_SERVER", sandbox.url)
    monkeypatch.setenv("PIXOP_EMAIL", DEFAULT_EMAIL)
    monkeypatch.setenv("PIXOP_PASSWORD", DEFAULT_PASSWORD)
    return sandbox


def run(capsys, *argv):
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(err: str, title: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"pixop-desktop: {title}: "), err
    assert "Traceback" not in err


def test_version(capsys):
    status, out, _ = run(capsys, "--version")
    assert status == 0 and out.strip() == f"pixop-desktop {__version__}"


def test_unknown_subcommand_is_a_usage_error(capsys):
    status, _, err = run(capsys, "frobnicate")
    assert status == 2 and "invalid choice" in err


def test_every_subcommand_has_help(capsys):
    for name, _module in cli.COMMANDS:
        status, out, _ = run(capsys, name, "--help")
        assert status == 0 and "unavailable" not in out, name


def test_account_shows_user_team_and_other_teams(capsys, demo_env):
    status, out, err = run(capsys, "account")
    assert status == 0, err
    assert DEFAULT_EMAIL in out
    assert "Team:        Demo Team (" in out
    assert "Second Team" in out
    assert demo_env.url in out


def test_projects_and_videos_are_listed(capsys, demo_env):
    with PixopClient(demo_env.url, email=DEFAULT_EMAIL, password=DEFAULT_PASSWORD) as client:
        project = client.videos.create_project("Cinema archive")
        client.videos.create(name="Interview take 2", project_id=project.id)
        other = client.videos.create_project("Empty one")
    status, out, err = run(capsys, "projects")
    assert status == 0, err
    assert "Cinema archive" in out and project.id in out and "Empty one" in out
    status, out, err = run(capsys, "videos", "--project", project.id)
    assert status == 0, err
    assert "Interview take 2" in out
    status, out, _ = run(capsys, "videos", "--project", other.id)
    assert "Interview take 2" not in out


def test_json_output_for_scripts(capsys, demo_env):
    import json

    status, out, _ = run(capsys, "projects", "--json")
    assert status == 0
    assert any(p["name"] for p in json.loads(out))
    status, out, _ = run(capsys, "account", "--json")
    data = json.loads(out)
    assert data["user"]["email"] == DEFAULT_EMAIL
    assert "api_request_signature_secret" not in data["user"]


def test_options_work_after_the_subcommand(capsys, demo_env, monkeypatch):
    monkeypatch.delenv("PIXOP_SERVER")
    status, out, err = run(capsys, "account", "--server", demo_env.url)
    assert status == 0, err and demo_env.url in out


def test_team_option_selects_the_other_team(capsys, demo_env):
    with PixopClient(demo_env.url, email=DEFAULT_EMAIL, password=DEFAULT_PASSWORD) as client:
        second = client.accounts.whoami().other_teams[0]
    status, out, err = run(capsys, "--team", second.id, "account")
    assert status == 0, err
    assert f"Team:        {second.name} ({second.id})" in out


def test_not_signed_in_is_one_line(capsys, sandbox):
    status, _, err = run(capsys, "projects", "--server", sandbox.url)
    assert status == 1
    assert_one_line_error(err, "Not signed in")
    assert "pixop-desktop login" in err


def test_wrong_password_is_one_line(capsys, demo_env, monkeypatch):
    monkeypatch.setenv("PIXOP_PASSWORD", "not-the-password")
    status, _, err = run(capsys, "account")
    assert status == 1
    assert "not-the-password" not in err
    assert len(err.strip().splitlines()) == 1 and err.startswith("pixop-desktop: ")


def test_insecure_server_is_refused(capsys, demo_env):
    status, _, err = run(capsys, "--server", "http://pixop.example.org", "projects")
    assert status == 1
    assert_one_line_error(err, "Insecure server address")


def test_ctrl_c_exits_130(capsys):
    def interrupted(_args):
        raise KeyboardInterrupt

    assert cli._run(SimpleNamespace(run=interrupted), SimpleNamespace(command="x")) == 130
    assert capsys.readouterr().err.strip() == ("pixop-desktop: Interrupted — work in flight is kept; "
                                               "run the same command again to go on.")


def test_unexpected_error_is_one_line_and_the_traceback_goes_to_the_log(capsys):
    from pixop_desktop.logging_setup import setup_logging, shutdown_logging

    def broken(_args):
        raise ZeroDivisionError("boom")

    setup_logging()
    try:
        status = cli._run(SimpleNamespace(run=broken), SimpleNamespace(command="x"))
    finally:
        shutdown_logging()
    assert status == 1
    assert_one_line_error(capsys.readouterr().err, "Unexpected error")
    assert "Traceback" in log_file_path().read_text()


def test_api_key_login_refuses_a_wrong_key_before_storing_it(capsys, sandbox, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("wrong-key\n"))
    status, _, err = run(capsys, "login", "--api-key-stdin", "--server", sandbox.url)
    assert status == 1
    assert "wrong-key" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.keyring
@needs_keyring
def test_login_account_logout_with_the_real_keyring(capsys, sandbox, monkeypatch):
    monkeypatch.setenv("PIXOP_EMAIL", DEFAULT_EMAIL)
    monkeypatch.setenv("PIXOP_PASSWORD", DEFAULT_PASSWORD)
    try:
        status, out, err = run(capsys, "login", "--server", sandbox.url)
        assert status == 0, err
        assert "saved in Secret Service" in out
        text = settings_path().read_text()
        assert DEFAULT_PASSWORD not in text and "password" not in text.lower()
        assert DEFAULT_EMAIL in text  # the email is not secret; it is the default next time

        monkeypatch.delenv("PIXOP_EMAIL")
        monkeypatch.delenv("PIXOP_PASSWORD")
        status, out, err = run(capsys, "account")  # the server now comes from the settings
        assert status == 0, err
        assert "Saved in Secret Service." in out and "Demo Team" in out

        monkeypatch.setattr(sys, "stdin", io.StringIO(DEFAULT_API_KEY + "\n"))
        status, out, err = run(capsys, "login", "--api-key-stdin")
        assert status == 0, err
        assert DEFAULT_API_KEY not in settings_path().read_text()
    finally:
        status, out, _ = run(capsys, "logout", "--server", sandbox.url)
    assert status == 0 and "Signed out" in out
    status, _, err = run(capsys, "account")
    assert status == 1
    assert_one_line_error(err, "Not signed in")
