"""The Pixop ⇄ Mimir integration admin endpoint: create, extend, refuse, delete."""

from __future__ import annotations

import httpx
import pytest

from pixop_desktop.sandbox import DEFAULT_API_KEY

PATH = "/api/v1/admin/pixop-mimir-integration"


def _headers(tenant: str = "tenant-a", mimir_key: str = "mimir-key") -> dict:
    return {"x-mimir-api-key": mimir_key, "x-mimir-tenant": tenant, "x-pixop-api-key": DEFAULT_API_KEY}


def test_create_extend_and_delete(sandbox):
    url = f"{sandbox.url}{PATH}"
    created = httpx.put(url, headers=_headers(), json={})
    assert created.status_code == 200, created.text
    body = created.json()
    assert body["daysToLive"] == 90 and body["expiresAt"] and "manualSteps" not in body
    with_setup = httpx.put(url, headers=_headers(), json={
        "daysToLive": 30, "mimirSetup": {"processingConfigurationIds": ["pc-hd-upscale"]}})
    assert with_setup.status_code == 200
    assert with_setup.json()["manualSteps"] and with_setup.json()["daysToLive"] == 30
    assert sandbox.state.mimir_integrations()["tenant-a"]["daysToLive"] == 30
    deleted = httpx.request("DELETE", url, headers=_headers())
    assert deleted.status_code == 200
    assert sandbox.state.mimir_integrations() == {}
    assert httpx.request("DELETE", url, headers=_headers()).status_code == 404


def test_unknown_configuration_ids_are_named(sandbox):
    response = httpx.put(f"{sandbox.url}{PATH}", headers=_headers(), json={
        "mimirSetup": {"processingConfigurationIds": ["pc-hd-upscale", "bogus-1", "bogus-2"]}})
    assert response.status_code == 400
    assert "bogus-1" in response.json()["message"] and "bogus-2" in response.json()["message"]
    assert sandbox.state.mimir_integrations() == {}


def test_tenant_of_another_team_is_409(sandbox):
    url = f"{sandbox.url}{PATH}"
    assert httpx.put(url, headers=_headers(), json={}).status_code == 200
    second = sandbox.state.team_id("Second Team")
    response = httpx.put(url, headers=_headers(), params={"selectTeamId": second}, json={})
    assert response.status_code == 409
    assert sandbox.state.mimir_integrations()["tenant-a"]["teamId"] == sandbox.state.team_id("Demo Team")


def test_mimir_failure_changes_nothing(sandbox):
    url = f"{sandbox.url}{PATH}"
    httpx.put(url, headers=_headers(), json={"daysToLive": 10})
    before = sandbox.state.mimir_integrations()
    response = httpx.put(url, headers=_headers(mimir_key="invalid-key"), json={"daysToLive": 99})
    assert response.status_code == 502 and "Mimir" in response.json()["message"]
    assert sandbox.state.mimir_integrations() == before


@pytest.mark.parametrize("headers, body, status", [
    ({"x-mimir-tenant": "t", "x-pixop-api-key": DEFAULT_API_KEY}, {}, 400),
    ({"x-mimir-api-key": "k", "x-pixop-api-key": DEFAULT_API_KEY}, {}, 400),
    ({"x-mimir-api-key": "k", "x-mimir-tenant": "t", "x-pixop-api-key": "wrong"}, {}, 401),
    (_headers(), {"daysToLive": 0}, 400),
    (_headers(), {"daysToLive": "ten"}, 400),
])
def test_refusals(shared_sandbox, headers, body, status):
    response = httpx.put(f"{shared_sandbox.url}{PATH}", headers=headers, json=body)
    assert response.status_code == status
    assert response.json()["statusCode"] == status
