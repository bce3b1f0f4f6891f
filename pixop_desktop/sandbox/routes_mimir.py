"""Current API admin endpoint: the Pixop ⇄ Mimir integration (seed 000).

The seed names three headers, all required here: ``x-mimir-api-key``, ``x-mimir-tenant`` and
``x-pixop-api-key`` (which authenticates, unless ``X-API-Key`` is sent too). The seed does not say
the set-up call's method: PUT here; with the ``mimir-post`` variant only POST (PUT → 405).
Mimir itself is simulated:
a Mimir API key starting with "invalid" makes "Mimir" refuse, which fails the whole request with
nothing changed (502). Processing configuration ids must be among
``KNOWN_PROCESSING_CONFIGURATIONS``; unknown ids → 400 naming them. A tenant already mapped to
another team → 409.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from pixop_desktop.sandbox import auth
from pixop_desktop.sandbox.common import ctx_of, json_body
from pixop_desktop.sandbox.errors import ApiError, field_error

KNOWN_PROCESSING_CONFIGURATIONS = {
    "pc-hd-upscale": "Upscale to HD 1080p",
    "pc-4k-upscale": "Upscale to UHD 4K",
    "pc-deinterlace": "Deinterlace to progressive",
    "pc-denoise": "Denoise",
}
DEFAULT_DAYS_TO_LIVE = 90
MANUAL_STEPS = [
    "In Mimir, open Settings → Custom actions and enable the Pixop actions for your users.",
    "In Mimir, grant the approver role to the people who approve Pixop processing jobs.",
]


def _headers(request: Request) -> tuple[str, str]:
    problems = [field_error(name, f"The header {name} is required.")
                for name in ("x-mimir-api-key", "x-mimir-tenant", "x-pixop-api-key")
                if not request.headers.get(name)]
    if problems:
        raise ApiError(400, " ".join(p["message"] for p in problems), problems)
    return request.headers["x-mimir-api-key"], request.headers["x-mimir-tenant"]


def _identity(request: Request):
    ctx = ctx_of(request)
    pixop_key = request.headers.get("x-pixop-api-key")
    if pixop_key and not request.headers.get("x-api-key"):
        ctx_key_user = ctx.api_keys.get(pixop_key)
        if ctx_key_user is None:
            raise ApiError(401, "The x-pixop-api-key is not valid.")
        user = ctx.store.users[ctx_key_user]
        return user, auth.selected_team(ctx, user, request.query_params.get("selectTeamId"))
    return auth.api_key_identity(ctx, request)


def _configuration_ids(setup: object) -> list[str]:
    if setup is None:
        return []
    if not isinstance(setup, dict):
        raise ApiError(400, "mimirSetup must be an object.")
    ids = setup.get("processingConfigurationIds", [])
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ApiError(400, "mimirSetup.processingConfigurationIds must be a list of ids.")
    unknown = [i for i in ids if i not in KNOWN_PROCESSING_CONFIGURATIONS]
    if unknown:
        message = "Unknown processing configuration ids: " + ", ".join(unknown) + "."
        raise ApiError(400, message, [field_error("mimirSetup.processingConfigurationIds",
                                                  message, unknown)])
    return ids


def _days(body: dict) -> int:
    days = body.get("daysToLive", DEFAULT_DAYS_TO_LIVE)
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 3650:
        raise ApiError(400, "daysToLive must be a whole number of days from 1 to 3650.",
                       [field_error("daysToLive", "Must be 1 to 3650.", days)])
    return days


def _method_allowed(request: Request) -> None:
    """PUT normally; only POST with the ``mimir-post`` variant (the seed leaves the method open)."""
    wanted = "POST" if "mimir-post" in ctx_of(request).variants else "PUT"
    if request.method != wanted:
        raise ApiError(405, f"Use {wanted} to set up the Mimir integration.")


async def put_integration(request: Request) -> JSONResponse:
    ctx = ctx_of(request)
    _method_allowed(request)
    user, team = _identity(request)
    mimir_key, tenant = _headers(request)
    body = await json_body(request, lambda m: ApiError(400, m))
    days, setup = _days(body), body.get("mimirSetup")
    config_ids = _configuration_ids(setup)
    existing = ctx.store.mimir.get(tenant)
    if existing and existing["teamId"] != team["id"]:
        raise ApiError(409, f"The Mimir tenant {tenant} is already connected to another Pixop team.")
    if mimir_key.lower().startswith("invalid"):
        raise ApiError(502, "Mimir refused the API key, so nothing was changed. "
                            "Check the Mimir API key and try again.")
    expires = datetime.now(timezone.utc) + timedelta(days=days)
    record = {"tenant": tenant, "teamId": team["id"], "daysToLive": days,
              "expiresAt": expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
              "webhookId": (existing or {}).get("webhookId") or secrets.token_hex(8),
              "processingConfigurationIds": config_ids}
    with ctx.store.lock:
        ctx.store.mimir[tenant] = record
    ctx.store.save()
    response = {**record, "created": existing is None}
    if setup is not None:
        response["manualSteps"] = MANUAL_STEPS
    return JSONResponse(response)


async def delete_integration(request: Request) -> JSONResponse:
    ctx = ctx_of(request)
    _, team = _identity(request)
    _, tenant = _headers(request)
    existing = ctx.store.mimir.get(tenant)
    if existing is None or existing["teamId"] != team["id"]:
        raise ApiError(404, f"No Mimir integration exists for tenant {tenant}.")
    with ctx.store.lock:
        ctx.store.mimir.pop(tenant, None)
    ctx.store.save()
    return JSONResponse({"tenant": tenant, "deleted": True})


ROUTES = [
    Route("/api/v1/admin/pixop-mimir-integration", put_integration, methods=["PUT", "POST"]),
    Route("/api/v1/admin/pixop-mimir-integration", delete_integration, methods=["DELETE"]),
]
