"""The Library tab shows what the server has without F5: on the first visit, when shown
again after a while, and after a job finished (``mark_stale``)."""

from __future__ import annotations

import pytest

from pixop_desktop.api.client import PixopClient
from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD
from pixop_desktop.ui.library import view as library_view
from tests.gui.queue_window import open_main_window

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def window(qtbot, sandbox):
    window = open_main_window(qtbot, sandbox)
    window.runner.pause_queue()
    window.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: window.library.projects.count() >= 2, timeout=10_000)
    # The connect-time load of "All videos" has been answered (with nothing yet).
    qtbot.waitUntil(lambda: window.tasks.asked("videos") and not window.tasks.busy("videos"),
                    timeout=10_000)
    yield window
    window.shutdown()


def _create(sandbox, name: str) -> None:
    with PixopClient(sandbox.url, email=DEFAULT_EMAIL, password=DEFAULT_PASSWORD) as client:
        client.videos.create(name=name)


def _library_tab(window) -> int:
    return window.tabs.indexOf(window.library)


def test_videos_made_after_connecting_appear_on_the_first_visit(qtbot, sandbox, window):
    assert window.library.video_names() == []
    _create(sandbox, "Made meanwhile")
    window.tabs.setCurrentIndex(_library_tab(window))
    qtbot.waitUntil(lambda: window.library.video_names() == ["Made meanwhile"], timeout=10_000)


def test_shown_again_after_a_while_reloads_and_mark_stale_reloads_at_once(qtbot, sandbox, window, monkeypatch):
    library = window.library
    window.tabs.setCurrentIndex(_library_tab(window))
    qtbot.waitUntil(lambda: library.video_names() == [], timeout=10_000)
    window.tabs.setCurrentIndex(0)
    _create(sandbox, "First")
    window.tabs.setCurrentIndex(_library_tab(window))  # shown again at once: not reloaded yet
    qtbot.wait(200)
    assert library.video_names() == []
    window.tabs.setCurrentIndex(0)
    monkeypatch.setattr(library_view, "STALE_AFTER_S", 0.0)  # "a while" has passed
    window.tabs.setCurrentIndex(_library_tab(window))
    qtbot.waitUntil(lambda: library.video_names() == ["First"], timeout=10_000)
    monkeypatch.setattr(library_view, "STALE_AFTER_S", 3600.0)
    _create(sandbox, "Second")
    library.mark_stale()  # what the window does when a job finishes
    qtbot.waitUntil(lambda: sorted(library.video_names()) == ["First", "Second"], timeout=10_000)
