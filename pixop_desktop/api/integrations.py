"""``client.integrations``: the Pixop ⇄ Mimir integration admin endpoint (/api/v1)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .answers import parse_json
from .errors import PixopError
from .models import MimirIntegrationResult

if TYPE_CHECKING:
    from .client import PixopClient

PATH = "/api/v1/admin/pixop-mimir-integration"


class Integrations:
    def __init__(self, client: PixopClient) -> None:
        self._client = client

    def _headers(self, mimir_api_key: str, mimir_tenant: str, pixop_api_key: str | None) -> dict[str, str]:
        key = pixop_api_key or getattr(self._client, "_api_key", None)
        if not (mimir_api_key and mimir_tenant and key):
            raise ValueError("The Mimir API key, the Mimir tenant and a Pixop API key are all needed.")
        return {"x-mimir-api-key": mimir_api_key, "x-mimir-tenant": mimir_tenant, "x-pixop-api-key": key}

    def mimir_setup(self, mimir_api_key: str, mimir_tenant: str, pixop_api_key: str | None = None,
                    days_to_live: int | None = None, mimir_setup: dict[str, Any] | None = None,
                    team_id: str | None = None) -> MimirIntegrationResult:
        """Create or extend the team ↔ tenant mapping (and configure Mimir with ``mimir_setup``)."""
        if days_to_live is not None and days_to_live < 1:
            raise ValueError("days_to_live must be at least 1.")
        body: dict[str, Any] = {}
        if days_to_live is not None:
            body["daysToLive"] = days_to_live
        if mimir_setup is not None:
            body["mimirSetup"] = mimir_setup
        # Not retried on 5xx: a Mimir refusal comes back as 502 with nothing changed, and
        # asking again only repeats it (and delays the person's answer by seconds).
        headers = self._headers(mimir_api_key, mimir_tenant, pixop_api_key)
        try:
            response = self._client.send_api("PUT", PATH, json=body, headers=headers,
                                             team_id=team_id, idempotent=False)
        except PixopError as exc:
            if exc.status_code != 405:
                raise
            # The seed does not name the method; a 405 means PUT was not acted on: POST, once.
            response = self._client.send_api("POST", PATH, json=body, headers=headers,
                                             team_id=team_id, idempotent=False)
        data = parse_json(response)
        data = data if isinstance(data, dict) else {}
        result = MimirIntegrationResult.model_validate(data)
        result.raw = data
        return result

    def mimir_remove(self, mimir_api_key: str, mimir_tenant: str, pixop_api_key: str | None = None,
                     team_id: str | None = None) -> None:
        """Remove the mapping, its webhook and state."""
        self._client.send_api(
            "DELETE", PATH, headers=self._headers(mimir_api_key, mimir_tenant, pixop_api_key),
            team_id=team_id, what="the Mimir integration",
        )
