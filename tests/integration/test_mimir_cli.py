"""``pixop-desktop mimir setup|remove|status`` against the sandbox's Mimir endpoint (seed 000)."""

from __future__ import annotations

import json
import os
import uuid

import keyring
import pytest

from pixop_desktop import cli
from pixop_desktop.credentials import CredentialSource
from pixop_desktop.imports.mimir_store import MimirSecretStore
from pixop_desktop.paths import config_dir
from pixop_desktop.sandbox import DEFAULT_API_KEY
from tests.fixtures.memory_keyring import MemoryKeyring

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def mimir_env(sandbox, monkeypatch):
    monkeypatch.setenv("PIXOP_SERVER", sandbox.url)
    monkeypatch.setenv("PIXOP_API_KEY", DEFAULT_API_KEY)
    monkeypatch.setenv("PIXOP_MIMIR_API_KEY", "mimir-key-123")
    monkeypatch.setenv("PIXOP_MIMIR_TENANT", "tenant-a")
    return sandbox


def _mapping(sandbox, tenant="tenant-a"):
    return sandbox.ctx.store.mimir.get(tenant)


def test_setup_shows_steps_expiry_and_records_no_secret(mimir_env, capsys):
    assert cli.main(["mimir", "setup", "--configuration", "pc-hd-upscale",
                     "--configuration", "pc-denoise"]) == 0
    out = capsys.readouterr().out
    assert "This Pixop team is connected to the Mimir tenant tenant-a." in out
    assert "The integration expires on" in out and "Still to do by hand in Mimir:" in out
    assert "1. In Mimir, open Settings → Custom actions" in out
    mapping = _mapping(mimir_env)
    assert mapping["daysToLive"] == 90 and mapping["processingConfigurationIds"] == ["pc-hd-upscale", "pc-denoise"]
    record = (config_dir() / "mimir.json").read_text()
    assert "mimir-key-123" not in record and "tenant-a" not in record
    assert json.loads(record)[mimir_env.url]["configuration_ids"] == ["pc-hd-upscale", "pc-denoise"]
    assert cli.main(["mimir", "status"]) == 0
    status = capsys.readouterr().out
    assert "Mimir tenant: tenant-a" in status and "days to live: 90" in status


def test_setup_again_updates_and_reminds_when_expiry_is_near(mimir_env, capsys):
    assert cli.main(["mimir", "setup"]) == 0
    first = _mapping(mimir_env)
    assert cli.main(["mimir", "setup", "--days-to-live", "7"]) == 0
    out = capsys.readouterr().out
    assert "still connected to the Mimir tenant tenant-a" in out
    assert "expires in 6 days" in out or "expires in 7 days" in out
    assert _mapping(mimir_env)["daysToLive"] == 7 and _mapping(mimir_env)["webhookId"] == first["webhookId"]
    assert "Still to do by hand" not in out, "no mimirSetup sent, so no manual steps"
    assert cli.main(["mimir", "status"]) == 0
    assert "Renew it now" in capsys.readouterr().out


def test_unknown_configuration_ids_are_named(mimir_env, capsys):
    assert cli.main(["mimir", "setup", "--configuration", "pc-hd-upscale", "--configuration", "pc-nope",
                     "--configuration", "pc-gone"]) == 1
    err = capsys.readouterr().err
    assert "Unknown processing configurations: Pixop has no processing configuration with the ids pc-nope, pc-gone" in err
    assert _mapping(mimir_env) is None


def test_tenant_of_another_team_is_a_plain_conflict(mimir_env, capsys):
    other = mimir_env.state.team_id("Second Team")
    assert cli.main(["mimir", "setup", "--team", other]) == 0
    assert cli.main(["mimir", "setup"]) == 1
    err = capsys.readouterr().err
    assert "Tenant connected elsewhere: The Mimir tenant tenant-a is already connected to another Pixop team" in err
    assert _mapping(mimir_env)["teamId"] == other


def test_mimir_failure_changes_nothing(mimir_env, monkeypatch, capsys):
    assert cli.main(["mimir", "setup", "--days-to-live", "30"]) == 0
    before = dict(_mapping(mimir_env))
    monkeypatch.setenv("PIXOP_MIMIR_API_KEY", "invalid-key")
    assert cli.main(["mimir", "setup", "--days-to-live", "200", "--configuration", "pc-denoise"]) == 1
    err = capsys.readouterr().err
    assert "Mimir setup failed: Mimir could not be set up, so nothing was changed" in err
    assert _mapping(mimir_env) == before


def test_remove_and_remove_again(mimir_env, capsys):
    assert cli.main(["mimir", "setup"]) == 0
    assert cli.main(["mimir", "remove"]) == 0
    assert "was removed" in capsys.readouterr().out and _mapping(mimir_env) is None
    assert cli.main(["mimir", "remove"]) == 1
    assert "No Mimir integration: This Pixop team has no integration with the Mimir tenant tenant-a" \
        in capsys.readouterr().err
    assert cli.main(["mimir", "status"]) == 0
    assert "No Mimir integration has been set up" in capsys.readouterr().out


def test_missing_key_and_tenant_say_what_to_set(sandbox, monkeypatch, capsys):
    monkeypatch.setenv("PIXOP_SERVER", sandbox.url)
    monkeypatch.setenv("PIXOP_API_KEY", DEFAULT_API_KEY)
    for name in ("PIXOP_MIMIR_API_KEY", "PIXOP_MIMIR_TENANT"):
        monkeypatch.delenv(name, raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        assert cli.main(["mimir", "setup"]) == 1
    finally:
        keyring.set_keyring(previous)
    assert "Give the Mimir API key and the Mimir tenant" in capsys.readouterr().err


def test_key_and_tenant_saved_in_the_keyring_after_setup(sandbox, monkeypatch, capsys):
    monkeypatch.setenv("PIXOP_SERVER", sandbox.url)
    monkeypatch.setenv("PIXOP_API_KEY", DEFAULT_API_KEY)
    memory = MemoryKeyring()
    MimirSecretStore(sandbox.url, backend=memory, environ={}).save_mimir("kept-key-1", "tenant-k")
    previous = keyring.get_keyring()
    keyring.set_keyring(memory)
    try:
        assert cli.main(["mimir", "setup", "--tenant", "tenant-b"]) == 0
    finally:
        keyring.set_keyring(previous)
    assert sandbox.ctx.store.mimir["tenant-b"]["teamId"]
    service = "Pixop Desktop Mimir: " + sandbox.url
    assert memory.entries == {(service, "mimir-api-key"): "kept-key-1", (service, "mimir-tenant"): "tenant-b"}
    loaded = MimirSecretStore(sandbox.url, backend=memory, environ={}).load_mimir()
    assert (loaded.api_key, loaded.tenant, loaded.source) == ("kept-key-1", "tenant-b", CredentialSource.KEYRING)
    env_wins = MimirSecretStore(sandbox.url, backend=memory,
                                environ={"PIXOP_MIMIR_API_KEY": "env-key"}).load_mimir()
    assert (env_wins.api_key, env_wins.tenant) == ("env-key", "tenant-b")


@pytest.mark.skipif(not os.environ.get("DBUS_SESSION_BUS_ADDRESS"), reason="no D-Bus session (make test)")
def test_real_keyring_round_trip():
    store = MimirSecretStore(f"https://mimir-{uuid.uuid4().hex[:10]}.example.org", environ={})
    try:
        assert store.save_mimir("real-mimir-key", "real-tenant") is CredentialSource.KEYRING
        loaded = MimirSecretStore(store.server, environ={}).load_mimir()
        assert (loaded.api_key, loaded.tenant) == ("real-mimir-key", "real-tenant")
    finally:
        store.forget_mimir()
    assert MimirSecretStore(store.server, environ={}).load_mimir().api_key is None
