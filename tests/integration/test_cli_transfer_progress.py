"""The CLI's transfer progress: a rich bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import io

from pixop_desktop.commands import progress
from pixop_desktop.commands.progress import transfer_progress
from pixop_desktop.services.words import format_size


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_when_not_a_terminal(monkeypatch):
    monkeypatch.setattr(progress, "PLAIN_INTERVAL", 0.0)  # a line per report
    out = io.StringIO()
    with transfer_progress("Uploading clip.mp4", stream=out) as report:
        report(0, 4_000_000)
        report(1_000_000, 4_000_000)
        report(4_000_000, 4_000_000)
    assert out.getvalue().splitlines() == [
        "Uploading clip.mp4: 0% (0 B of 4.0 MB)",
        "Uploading clip.mp4: 25% (1.0 MB of 4.0 MB)",
        "Uploading clip.mp4: 100% (4.0 MB of 4.0 MB)",
    ]


def test_plain_lines_are_rate_limited_but_the_last_is_always_shown():
    out = io.StringIO()
    with transfer_progress("Downloading v1", stream=out) as report:
        for done in range(0, 1_000_001, 1000):
            report(done, None)
    assert out.getvalue().splitlines() == ["Downloading v1: 0 B", "Downloading v1: 1.0 MB"]


def test_a_bar_on_a_terminal():
    out = _Terminal()
    with transfer_progress("Uploading clip.mp4", stream=out) as report:
        report(2_000_000, 4_000_000)
    text = out.getvalue()
    assert "Uploading clip.mp4" in text and "4.0" in text and "\n" in text


def test_format_size():
    assert [format_size(n) for n in (999, 1500, 2_500_000, 3 * 10**12)] == [
        "999 B", "1.5 KB", "2.5 MB", "3.0 TB"]
