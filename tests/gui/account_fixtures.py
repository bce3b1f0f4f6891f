"""Fixtures for the welcome and settings tests: a keyring-less computer, a clean session memory."""

from __future__ import annotations

import os

import keyring
import pytest
from keyring.backends import fail

from pixop_desktop.ui.settings.account_form import forget_session_stores

needs_keyring = pytest.mark.skipif(
    not os.environ.get("DBUS_SESSION_BUS_ADDRESS"),
    reason="no D-Bus session: run through `make test` (scripts/with-test-session.sh) for the real keyring")


@pytest.fixture(autouse=True)
def fresh_session_stores():
    forget_session_stores()
    yield
    forget_session_stores()


@pytest.fixture
def no_keyring():
    """This computer has no keyring (keyring's own "fail" backend, as on a bare server)."""
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)
