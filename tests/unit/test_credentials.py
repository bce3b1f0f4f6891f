"""CredentialStore: backend detection, environment first, session-only by choice, and the real keyring."""

from __future__ import annotations

import os
import uuid

import keyring
import keyring.errors
import pytest
from keyring.backends import SecretService, chainer, fail, null

from pixop_desktop.credentials import (
    CredentialError, CredentialSource, CredentialStore, KeyringLockedError, NoKeyringError,
    backend_display_name, backend_is_usable, service_name)
from pixop_desktop.credentials import _translate

needs_keyring = pytest.mark.skipif(
    not os.environ.get("DBUS_SESSION_BUS_ADDRESS"),
    reason="no D-Bus session: run through `make test` (scripts/with-test-session.sh) for the real keyring")


class EmptyChainer(chainer.ChainerBackend):
    """A chainer that found no backend at all (what keyring gives on a bare server)."""

    backends = []


def unique_server() -> str:
    return f"https://test-{uuid.uuid4().hex[:12]}.example.org"


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), EmptyChainer()])
def test_fail_null_and_empty_chainer_mean_no_keyring(backend):
    store = CredentialStore(unique_server(), backend=backend, environ={})
    assert not store.keyring_available
    assert store.backend_name == "no keyring"
    assert "no keyring" in store.describe()
    with pytest.raises(NoKeyringError) as caught:
        store.save(email="ana@example.com", password="pw-123456")
    assert caught.value.title == "No keyring"
    assert "this session only" in caught.value.message
    assert store.load().is_empty  # nothing was written anywhere


def test_session_only_is_an_explicit_in_memory_choice():
    store = CredentialStore(unique_server(), backend=fail.Keyring(), environ={})
    store.use_session_only()
    assert store.save(email="ana@example.com", password="pw-123456") is CredentialSource.SESSION
    loaded = store.load()
    assert (loaded.email, loaded.password, loaded.source) == ("ana@example.com", "pw-123456",
                                                              CredentialSource.SESSION)
    assert "pw-123456" not in repr(loaded)
    assert CredentialStore(store.server, backend=fail.Keyring(), environ={}).load().is_empty
    store.delete()
    assert store.load().is_empty


def test_environment_variables_win_field_by_field():
    environ = {"PIXOP_EMAIL": "env@example.com", "PIXOP_PASSWORD": "env-password"}
    store = CredentialStore(unique_server(), backend=fail.Keyring(), environ=environ)
    store.use_session_only()
    store.save(email="stored@example.com", password="stored-password", api_key="stored-key")
    loaded = store.load()
    assert (loaded.email, loaded.password, loaded.api_key) == ("env@example.com", "env-password", "stored-key")
    assert loaded.source is CredentialSource.ENVIRONMENT
    assert "environment" in store.describe()


def test_environment_works_without_any_keyring():
    store = CredentialStore(unique_server(), backend=fail.Keyring(), environ={"PIXOP_API_KEY": "k-1234"})
    loaded = store.load()
    assert loaded.api_key == "k-1234" and not loaded.can_sign_in


def test_service_name_is_per_server_root():
    assert service_name("https://api.pixop.com/") == "Pixop Desktop: https://api.pixop.com"


def test_locked_keyring_becomes_a_clear_error():
    error = _translate(keyring.errors.KeyringLocked("Failed to unlock the collection!"), "Secret Service")
    assert isinstance(error, KeyringLockedError)
    assert error.title == "Keyring is locked"
    assert "Secret Service" in error.message and "Unlock" in error.message


def test_dbus_failures_become_a_clear_error():
    error = _translate(ConnectionRefusedError(111, "Connection refused"), "Secret Service")
    assert isinstance(error, CredentialError)
    assert error.title == "Keyring not reachable"
    assert "D-Bus" in error.message


def test_backend_names_people_recognise():
    assert backend_display_name(SecretService.Keyring()) == "Secret Service"
    assert backend_is_usable(SecretService.Keyring())
    assert not backend_is_usable(fail.Keyring())


@pytest.mark.keyring
@needs_keyring
def test_real_keyring_is_secret_service():
    store = CredentialStore(unique_server(), environ={})
    assert isinstance(keyring.get_keyring(), (SecretService.Keyring, chainer.ChainerBackend))
    assert store.keyring_available
    assert store.backend_name == "Secret Service"
    assert store.describe() == "Saved in Secret Service."


@pytest.mark.keyring
@needs_keyring
def test_real_keyring_store_read_back_delete():
    store = CredentialStore(unique_server(), environ={})
    try:
        assert store.save(email="ana@example.com", password="real-pw-1", api_key="real-key-1") \
            is CredentialSource.KEYRING
        # another store object (another process, in real life) reads the same entries
        loaded = CredentialStore(store.server, environ={}).load()
        assert (loaded.email, loaded.password, loaded.api_key, loaded.source) == (
            "ana@example.com", "real-pw-1", "real-key-1", CredentialSource.KEYRING)
        assert keyring.get_password(store.service, "password") == "real-pw-1"
        # secrets are per server root
        assert CredentialStore(unique_server(), environ={}).load().is_empty
        # the environment still wins over the keyring
        env_store = CredentialStore(store.server, environ={"PIXOP_PASSWORD": "from-env"})
        assert env_store.load().password == "from-env"
    finally:
        store.delete()
    assert store.load().is_empty
    assert keyring.get_password(store.service, "password") is None
    store.delete()  # deleting twice is fine
