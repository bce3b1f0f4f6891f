"""Strict test defaults shared by every test.

- Each test gets its own ``PIXOP_DESKTOP_HOME`` so no test touches real files.
- A test that leaves a non-daemon thread running fails (no dangling threads).
- Warnings are errors (see ``filterwarnings`` in pyproject.toml).
"""

from __future__ import annotations

import os
import threading

import pytest

pytest_plugins = [
    "tests.fixtures.clips",
    "tests.fixtures.sandbox",
]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def qapp_cls():
    """pytest-qt's one application is the app's own (files macOS opens arrive as its signal)."""
    from pixop_desktop.ui.app.application import PixopApplication

    return PixopApplication


@pytest.fixture(autouse=True)
def app_home(tmp_path_factory, monkeypatch):
    """An empty app home for each test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PIXOP_DESKTOP_HOME", str(home))
    for name in ("PIXOP_SERVER", "PIXOP_EMAIL", "PIXOP_PASSWORD", "PIXOP_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(autouse=True)
def no_dangling_threads():
    """Fail a test that leaves threads behind it."""
    before = set(threading.enumerate())
    yield
    leftover = []
    for thread in set(threading.enumerate()) - before:
        # The stand-ins Python makes for foreign threads (Qt's thread pool)
        # cannot be joined; Qt's own checks cover those.
        if isinstance(thread, threading._DummyThread):
            continue
        thread.join(timeout=5)
        if thread.is_alive():
            leftover.append(thread.name)
    assert not leftover, f"threads left running: {leftover}"
