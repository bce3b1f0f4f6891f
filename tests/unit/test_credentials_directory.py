"""Credentials from systemd's credentials directory ($CREDENTIALS_DIRECTORY, LoadCredential=)."""

from __future__ import annotations

import uuid

from keyring.backends import null

from pixop_desktop.credentials import CredentialSource, CredentialStore


def unique_server() -> str:
    return f"https://test-{uuid.uuid4().hex[:12]}.example.org"


def test_systemd_credential_files_are_used_when_the_variables_are_unset(tmp_path, caplog):
    from pixop_desktop.logging_setup import redact

    folder = tmp_path / "creds"
    folder.mkdir()
    (folder / "pixop-password").write_text("pw-from-systemd-1\n")
    (folder / "pixop-api-key").write_text("key-from-systemd-1")
    (folder / "pixop-email").write_text("ops@example.com\n")
    environ = {"CREDENTIALS_DIRECTORY": str(folder)}
    store = CredentialStore(unique_server(), backend=null.Keyring(), environ=environ)
    loaded = store.load()
    assert (loaded.email, loaded.password, loaded.api_key) == (
        "ops@example.com", "pw-from-systemd-1", "key-from-systemd-1")
    assert loaded.source is CredentialSource.ENVIRONMENT and loaded.can_sign_in
    assert "pw-from-systemd-1" not in caplog.text and redact("x pw-from-systemd-1") == "x [REDACTED]"
    environ.update(PIXOP_PASSWORD="pw-from-env-1", PIXOP_EMAIL="env@example.com")  # a set variable wins
    loaded = store.load()
    assert (loaded.email, loaded.password, loaded.api_key) == (
        "env@example.com", "pw-from-env-1", "key-from-systemd-1")
    (folder / "pixop-api-key").unlink()
    assert CredentialStore(unique_server(), backend=null.Keyring(), environ={
        "CREDENTIALS_DIRECTORY": str(folder)}).load().api_key is None
    assert CredentialStore(unique_server(), backend=null.Keyring(), environ={
        "CREDENTIALS_DIRECTORY": str(tmp_path / "missing")}).load().is_empty
