"""Seed 000's Mimir words, and what it leaves open read leniently (the set-up method).

Against the sandbox over loopback: the ``mimir-post`` variant answers PUT with 405, and the
client sets the integration up with one POST instead; the three headers are all required.
"""

from __future__ import annotations

import httpx
import pytest

from pixop_desktop import cli
from pixop_desktop.sandbox import DEFAULT_API_KEY

pytestmark = pytest.mark.timeout(60)
PATH = "/api/v1/admin/pixop-mimir-integration"


@pytest.fixture
def mimir_env(sandbox, monkeypatch):
    for name, value in (("PIXOP_SERVER", sandbox.url), ("PIXOP_API_KEY", DEFAULT_API_KEY),
                        ("PIXOP_MIMIR_API_KEY", "mimir-key-123"), ("PIXOP_MIMIR_TENANT", "tenant-a")):
        monkeypatch.setenv(name, value)
    return sandbox


def test_a_server_that_takes_only_post_gets_the_setup_by_post(mimir_env, capsys):
    mimir_env.variants.enable("mimir-post")
    assert httpx.put(f"{mimir_env.url}{PATH}", json={}, headers={
        "x-mimir-api-key": "k", "x-mimir-tenant": "t", "x-pixop-api-key": DEFAULT_API_KEY}).status_code == 405
    assert cli.main(["mimir", "setup", "--configuration", "pc-hd-upscale"]) == 0
    out = capsys.readouterr().out
    assert "connected to the Mimir tenant tenant-a" in out and "Still to do by hand in Mimir:" in out
    mapping = mimir_env.state.mimir_integrations()["tenant-a"]
    assert mapping["daysToLive"] == 90 and mapping["processingConfigurationIds"] == ["pc-hd-upscale"]
    assert cli.main(["mimir", "remove"]) == 0
    assert mimir_env.state.mimir_integrations() == {}


def test_unknown_configuration_ids_by_post_are_named_and_change_nothing(mimir_env, capsys):
    mimir_env.variants.enable("mimir-post")
    assert cli.main(["mimir", "setup", "--configuration", "pc-hd-upscale", "--configuration", "nope-7"]) != 0
    err = capsys.readouterr().err
    assert "nope-7" in err and "pc-hd-upscale" not in err
    assert mimir_env.state.mimir_integrations() == {}


def test_the_pixop_key_header_is_required_as_the_seed_names_it(sandbox):
    response = httpx.put(f"{sandbox.url}{PATH}", json={}, headers={
        "x-mimir-api-key": "k", "x-mimir-tenant": "t", "X-API-Key": DEFAULT_API_KEY})
    assert response.status_code == 400 and "x-pixop-api-key" in response.json()["message"]
    assert sandbox.state.mimir_integrations() == {}
