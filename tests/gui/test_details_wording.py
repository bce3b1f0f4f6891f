"""Details panel wording: the server's "Added" time in the person's locale, and a
download that is not finished says where the file *will* be saved."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QDateTime, QLocale

from pixop_desktop.api.client import PixopClient
from pixop_desktop.jobs.model import Job, Source, State
from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD
from pixop_desktop.ui.queue.details_panel import local_date_time

pytestmark = pytest.mark.timeout(60)


def _row(panel, label: str) -> str:
    """The value shown next to ``label`` (a table cell is a line of its own in plain text)."""
    lines = [line.strip() for line in panel.browser.toPlainText().splitlines() if line.strip()]
    return lines[lines.index(label) + 1]


def test_added_is_the_local_date_and_time_in_the_locale(qtbot, panel, sandbox):
    with PixopClient(sandbox.url, email=DEFAULT_EMAIL, password=DEFAULT_PASSWORD) as client:
        video = client.videos.create(name="Reel 9")
        created = client.videos.get(video.video_id).date_created
        panel.set_client(client)
        job = Job(Source.local("/videos/reel9.mp4", 10, 1), state=State.DONE, video_id=video.video_id)
        panel.show_job(job)
        qtbot.waitUntil(lambda: "Video on Pixop" in panel.browser.toPlainText(), timeout=10_000)
        panel.shutdown()
    added = _row(panel, "Added")
    expected = QLocale().toString(QDateTime.fromMSecsSinceEpoch(int(created.timestamp() * 1000)),
                                  QLocale.FormatType.ShortFormat)
    assert added == expected
    assert "+00:00" not in added


def test_local_date_time_reads_a_utc_time_as_local():
    moment = datetime(2026, 11, 23, 7, 4, 56, tzinfo=timezone.utc)
    naive = moment.replace(tzinfo=None)
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    assert local_date_time(moment) == local_date_time(naive) == QLocale().toString(local,
                                                                                  QLocale.FormatType.ShortFormat)
    assert local_date_time(None) == ""


def test_an_unfinished_download_says_will_be_saved_as(panel, tmp_path):
    final = tmp_path / "out" / "a_pixop.mp4"
    final.parent.mkdir()
    (final.parent / "a_pixop.mp4.part").write_bytes(b"half")
    job = Job(Source.local("/videos/a.mp4", 10, 1), state=State.RUNNING, output_path=str(final))
    panel.show_job(job)
    assert _row(panel, "Will be saved as") == str(final)
    assert "Result" not in panel.browser.toPlainText()
    final.write_bytes(b"whole")
    done = Job(Source.local("/videos/a.mp4", 10, 1), state=State.DONE, output_path=str(final))
    panel.show_job(done)
    assert _row(panel, "Result") == str(final)
    assert "Will be saved as" not in panel.browser.toPlainText()
