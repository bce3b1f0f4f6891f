"""v1 accounts service: tokens, account details, secrets, password change."""

from __future__ import annotations

import secrets

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from pixop_desktop.sandbox import auth
from pixop_desktop.sandbox.common import ctx_of, forbidden_team, json_body
from pixop_desktop.sandbox.errors import bad_request
from pixop_desktop.sandbox.store import now_text


def user_json(user: dict) -> dict:
    return {
        "id": user["id"], "name": user["name"], "email": user["email"],
        "emailConfirmed": True, "authSignatureMethod": auth.ALGORITHM,
        "authSignaturePublicKey": None, "authSignaturePublicKeyId": user["authSecretId"],
        "banned": bool(user.get("banned")), "bannedReason": None, "bannedDate": None,
        "apiRequestSignatureSecret": user["signatureSecret"],
        "apiRequestSignatureMethod": "HmacSHA256",
        "dateCreated": user["dateCreated"], "timeLastUpdated": user["timeLastUpdated"],
    }


def team_json(team: dict) -> dict:
    return {key: team[key] for key in ("id", "name", "dateCreated", "timeLastUpdated")}


async def get_token(request: Request) -> JSONResponse:
    ctx = ctx_of(request)
    user = auth.basic_user(ctx, request)
    team_id = request.query_params.get("team-id") or user["teams"][0]
    if team_id not in user["teams"]:
        raise forbidden_team()
    return JSONResponse({"userId": user["id"], "teamId": team_id,
                         "jwtToken": auth.issue_token(ctx, user, team_id)})


async def check_token(request: Request) -> JSONResponse:
    ctx = ctx_of(request)
    user, team = auth.bearer_identity(ctx, request)
    others = [team_json(ctx.store.teams[t]) for t in user["teams"] if t != team["id"]]
    return JSONResponse({"user": user_json(user), "team": team_json(team), "otherTeams": others})


async def account(request: Request) -> JSONResponse:
    user, team = auth.bearer_identity(ctx_of(request), request)
    return JSONResponse({"user": user_json(user), "team": team_json(team)})


def _touch(ctx, user: dict, **changes) -> None:
    with ctx.store.lock:
        user.update(changes, timeLastUpdated=now_text())
    ctx.store.save()


async def generate_auth_secret(request: Request) -> JSONResponse:
    ctx = ctx_of(request)
    user, _ = auth.bearer_or_basic(ctx, request)
    _touch(ctx, user, authSecretId=secrets.token_hex(8))
    return JSONResponse({"user": user_json(user)})


async def generate_signature_secret(request: Request) -> JSONResponse:
    ctx = ctx_of(request)
    user, _ = auth.bearer_or_basic(ctx, request)
    _touch(ctx, user, signatureSecret=secrets.token_hex(16))
    return JSONResponse({"user": user_json(user)})


async def update_password(request: Request) -> JSONResponse:
    ctx = ctx_of(request)
    user, _ = auth.bearer_or_basic(ctx, request)
    new = (await json_body(request)).get("newPassword")
    if not isinstance(new, str) or len(new) < 8:
        raise bad_request("newPassword must be a text of at least 8 characters.")
    _touch(ctx, user, password=new)
    return JSONResponse({"user": user_json(user)})


ROUTES = [
    Route("/accounts/v1/token", get_token, methods=["GET"]),
    Route("/accounts/v1/token", check_token, methods=["POST"]),
    Route("/accounts/v1/account", account, methods=["GET"]),
    Route("/accounts/v1/generate-auth-secret", generate_auth_secret, methods=["GET"]),
    Route("/accounts/v1/generate-signature-secret", generate_signature_secret, methods=["GET"]),
    Route("/accounts/v1/update-password", update_password, methods=["POST"]),
]
