"""Who is calling: HTTP Basic, v1 JWTs (really signed, really expiring) and the API key.

Tokens are HS256 JWTs signed with a per-sandbox random secret, with ``exp``/``nbf``/``iat``,
the user (``sub``) and team (``team``) and the fault "epoch" they were issued in (``epoch``):
``faults.expire_tokens()`` bumps the epoch, which expires every older token at once.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import time
from typing import TYPE_CHECKING

import jwt
from starlette.requests import Request

from pixop_desktop.sandbox.errors import ApiError, V1Error

if TYPE_CHECKING:
    from pixop_desktop.sandbox.context import Context

ALGORITHM = "HS256"


def _auth_error(exception: str, message: str, status: int = 401) -> V1Error:
    return V1Error(status, exception, message)


def _token_error(ctx: Context, exception: str, message: str) -> V1Error:
    """A refused JWT: 401, or 403 under the ``expiry-403`` variant (the body is the same)."""
    return _auth_error(exception, message, 403 if "expiry-403" in ctx.variants else 401)


def parse_basic(request: Request) -> tuple[str, str] | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise _auth_error("AuthException", "The Basic authorization header is malformed.")
    email, sep, password = decoded.partition(":")
    if not sep:
        raise _auth_error("AuthException", "The Basic authorization header is malformed.")
    return email, password


def basic_user(ctx: Context, request: Request) -> dict:
    """The user named by HTTP Basic credentials, or AuthException (401)."""
    credentials = parse_basic(request)
    if credentials is None:
        raise _auth_error("AuthException", "HTTP Basic authentication (email and password) is required.")
    email, password = credentials
    user = ctx.store.user_by_email(email)
    if user is None or not hmac.compare_digest(user["password"].encode(), password.encode()):
        raise _auth_error("AuthException", "The email address or password is not correct.")
    _refuse_banned(user)
    return user


def _refuse_banned(user: dict) -> None:
    if user.get("banned"):
        raise _auth_error("UserBannedException", "This user account has been suspended.", 403)


def issue_token(ctx: Context, user: dict, team_id: str) -> str:
    # Fractional seconds (RFC 7519 allows them): whole seconds would cut up to a second off
    # the lifetime, and a 1-second test token could be expired the moment it is issued.
    now = round(time.time(), 3)
    claims = {"sub": user["id"], "team": team_id, "iat": now, "nbf": now,
              "exp": now + ctx.token_ttl, "epoch": ctx.faults.token_epoch}
    return sign(ctx, claims)


def sign(ctx: Context, claims: dict) -> str:
    """Sign any claims with the sandbox's secret (tests use it to forge odd tokens)."""
    return jwt.encode(claims, ctx.jwt_secret, algorithm=ALGORITHM)


def bearer_identity(ctx: Context, request: Request) -> tuple[dict, dict]:
    """(user, team) from ``Authorization: Bearer <jwt>``, or the documented v1 exception."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _auth_error("NoJWTTokenFoundException",
                          "No JWT token was found in the Authorization header.")
    claims = _decode(ctx, token.strip())
    return _identity_from_claims(ctx, claims)


def _decode(ctx: Context, token: str) -> dict:
    try:
        claims = jwt.decode(token, ctx.jwt_secret, algorithms=[ALGORITHM],
                            options={"require": [], "verify_exp": False, "verify_nbf": False})
    except jwt.InvalidTokenError:
        raise _token_error(ctx, "InvalidJWTTokenFoundException",
                           "The JWT token could not be interpreted.") from None
    now = time.time()
    exp, nbf = claims.get("exp"), claims.get("nbf")
    if exp is None:
        raise _token_error(ctx, "EternalJWTTokenException",
                           "The JWT token has no expiry time, which is not permitted.")
    if not isinstance(exp, (int, float)) or (nbf is not None and not isinstance(nbf, (int, float))):
        raise _token_error(ctx, "InconsistentJWTClaimsException",
                           "The JWT token's times are not numbers.")
    if exp <= now or claims.get("epoch", 0) < ctx.faults.token_epoch:
        raise _token_error(ctx, "ExpiredJWTTokenException", "The JWT token has expired.")
    if nbf is not None and nbf > now:
        raise _token_error(ctx, "PrematureJWTTokenException", "The JWT token is not valid yet.")
    return claims


def _identity_from_claims(ctx: Context, claims: dict) -> tuple[dict, dict]:
    user = ctx.store.users.get(str(claims.get("sub", "")))
    team = ctx.store.teams.get(str(claims.get("team", "")))
    if user is None or team is None or team["id"] not in user["teams"]:
        raise _token_error(ctx, "InconsistentJWTClaimsException",
                           "The JWT token's user and team claims do not match an account.")
    _refuse_banned(user)
    return user, team


def bearer_or_basic(ctx: Context, request: Request) -> tuple[dict, dict]:
    """Some account endpoints accept either; Basic selects the user's default team."""
    if parse_basic(request) is not None:
        user = basic_user(ctx, request)
        return user, ctx.store.teams[user["teams"][0]]
    return bearer_identity(ctx, request)


def api_key_identity(ctx: Context, request: Request) -> tuple[dict, dict]:
    """(user, team) for the current API: ``X-API-Key`` plus optional ``selectTeamId``."""
    key = request.headers.get("x-api-key", "")
    user_id = ctx.api_keys.get(key) if key else None
    if user_id is None:
        message = "The X-API-Key header is missing." if not key else "The API key is not valid."
        raise ApiError(401, message)
    user = ctx.store.users[user_id]
    return user, selected_team(ctx, user, request.query_params.get("selectTeamId"))


def selected_team(ctx: Context, user: dict, team_id: str | None) -> dict:
    if not team_id:
        return ctx.store.teams[user["teams"][0]]
    if team_id not in user["teams"]:
        raise ApiError(403, f"This API key has no access to team {team_id}.",
                       [{"field": "selectTeamId", "value": team_id,
                         "message": "Not a team of this API key."}])
    return ctx.store.teams[team_id]
