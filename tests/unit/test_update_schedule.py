"""When the app asks the update server, where it asks, and what `pixop-desktop update` says when it
cannot update itself (the end-to-end update is tests/packaging/test_updates.py)."""

from __future__ import annotations

import time

from pixop_desktop import cli
from pixop_desktop.settings import Settings
from pixop_desktop.updates import schedule


def test_a_check_is_due_at_start_then_daily(app_home):
    now = time.time()
    assert schedule.due(now)
    schedule.mark_checked(now)
    assert not schedule.due(now + 3600)
    assert schedule.due(now + schedule.CHECK_EVERY_SECONDS + 1)
    assert schedule.due(now - 60), "a clock set back must not silence the checks"


def test_the_update_address_env_wins_over_settings(monkeypatch):
    settings = Settings(update_url="https://updates.example.com/a")
    assert schedule.update_url(settings) == "https://updates.example.com/a"
    monkeypatch.setenv(schedule.URL_ENV, "https://mirror.example.com/b")
    assert schedule.update_url(settings) == "https://mirror.example.com/b"


def test_update_from_source_says_why_not(capsys):
    assert cli.main(["update", "--check"]) == 1
    err = capsys.readouterr().err
    assert "Updates are not available: This copy runs from source code: update it with git." in err
