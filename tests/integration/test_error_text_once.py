"""Each failure is said once, in plain words: no title repeated by its message, no line printed twice."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pixop_desktop import cli
from pixop_desktop.imports.mimir import reminder
from pixop_desktop.sandbox import DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_PASSWORD, Sandbox
from pixop_desktop.watch.outcomes import reason_line

from .https_source import serve_https
from .test_mimir_cli import mimir_env  # noqa: F401  (the fixture)

pytestmark = pytest.mark.timeout(120)


def test_a_refusal_is_said_once_whatever_words_its_message_opens_with():
    assert reason_line("Pixop rejected the request", "Pixop did not accept the request: name: too long") == (
        "Pixop rejected the request: name: too long")
    assert reason_line("Pixop rejected the request", "Pixop did not accept the request.") == (
        "Pixop rejected the request.")
    assert reason_line("Days to live", "Days to live must be 1 or more.") == "Days to live: must be 1 or more."
    assert reason_line("Not a video", "“x.mp4” is not a video file.") == "Not a video: “x.mp4” is not a video file."


def test_a_refused_import_url_is_one_line(tmp_path, small_clip, monkeypatch, capsys):
    with serve_https(tmp_path, small_clip) as source, Sandbox(
            data_dir=tmp_path / "sandbox", allow_private_urls=True, import_ca_file=source.ca_file) as server:
        for name, value in (("PIXOP_SERVER", server.url), ("PIXOP_EMAIL", DEFAULT_EMAIL),
                            ("PIXOP_PASSWORD", DEFAULT_PASSWORD), ("PIXOP_API_KEY", DEFAULT_API_KEY),
                            ("PIXOP_ALLOW_PRIVATE_IMPORT_URLS", "1")):
            monkeypatch.setenv(name, value)
        assert cli.main(["import-url", f"{source.base}/norange.mp4"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("pixop-desktop: Pixop rejected the request: ") and "range requests" in err
    assert "did not accept" not in err


def test_days_to_live_out_of_range_is_said_once(mimir_env, capsys):  # noqa: F811
    assert cli.main(["mimir", "setup", "--days-to-live", "0"]) == 1
    assert capsys.readouterr().err.strip() == "pixop-desktop: Days to live: Choose 1 to 3650 days (it is 0)."


def test_mimir_setup_for_5_days_says_it_expires_in_5_days(mimir_env, capsys):  # noqa: F811
    assert cli.main(["mimir", "setup", "--days-to-live", "5"]) == 0
    out = capsys.readouterr().out
    assert "expires in 5 days" in out, out


def test_the_countdown_rounds_to_the_nearest_day():
    now = datetime(2025, 1, 1, tzinfo=timezone.utc)
    assert "in 5 days" in reminder(now + timedelta(days=5) - timedelta(seconds=3), now)
    assert "in 1 day " in reminder(now + timedelta(days=1, hours=1), now)
    assert "in 2 days" in reminder(now + timedelta(days=1, hours=13), now)
    assert "in 1 day " in reminder(now + timedelta(days=1), now)
    assert "within a day" in reminder(now + timedelta(hours=23), now)
