"""Fixtures shared by the import tests: a real HTTPS source on loopback and a sandbox that may fetch from it."""

from __future__ import annotations

import pytest

from pixop_desktop.sandbox import DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_PASSWORD, Sandbox

from .https_source import serve_https


@pytest.fixture
def source(tmp_path, small_clip):
    """The test clip served over HTTPS with a test certificate (``https_source.serve_https``)."""
    with serve_https(tmp_path, small_clip) as served:
        yield served


@pytest.fixture
def private_sandbox(tmp_path, source, monkeypatch):
    """A sandbox with its private-URL switch that trusts ``source``; the CLI is pointed at it (with the
    CLI's matching test-only switch PIXOP_ALLOW_PRIVATE_IMPORT_URLS=1)."""
    with Sandbox(data_dir=tmp_path / "sandbox", allow_private_urls=True, import_ca_file=source.ca_file) as server:
        for name, value in (("PIXOP_SERVER", server.url), ("PIXOP_EMAIL", DEFAULT_EMAIL),
                            ("PIXOP_PASSWORD", DEFAULT_PASSWORD), ("PIXOP_API_KEY", DEFAULT_API_KEY),
                            ("PIXOP_ALLOW_PRIVATE_IMPORT_URLS", "1")):
            monkeypatch.setenv(name, value)
        yield server


@pytest.fixture
def import_cli_env(shared_sandbox, monkeypatch):
    """The CLI on the shared sandbox with an API key, and the private-URL switch off (rules apply)."""
    monkeypatch.setenv("PIXOP_SERVER", shared_sandbox.url)
    monkeypatch.setenv("PIXOP_API_KEY", DEFAULT_API_KEY)
    monkeypatch.delenv("PIXOP_ALLOW_PRIVATE_IMPORT_URLS", raising=False)
    return shared_sandbox
