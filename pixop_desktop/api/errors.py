"""Every way a conversation with Pixop can fail, as one exception tree.

The tree (catch as narrowly as you need)::

    PixopError                      anything that went wrong talking to Pixop
     ├── ConnectionFailed           no connection (DNS, refused, reset, TLS)
     ├── Timeout                    the server stopped answering in time
     ├── InsecureServer             we refused to send credentials over plain HTTP
     ├── AuthenticationError        401: who you are was not accepted
     │    ├── WrongCredentials      e-mail/password or API key rejected
     │    ├── TokenExpired          a JWT expired and renewing it did not help
     │    └── AccountBanned         the account is suspended
     ├── PermissionDenied           403: known, but not allowed
     ├── NotFound                   404
     ├── Conflict                   409: e.g. deleting a project that has videos
     ├── BadRequest                 400/422: .validation_errors [(field, message)]
     ├── RateLimited                429: .retry_after seconds (or None)
     ├── ServerError                5xx: Pixop's side failed
     └── UnexpectedResponse         an answer we cannot understand

Every error carries ``.title`` (a few words) and ``.message`` (one or two plain
sentences that say what to do) for people, plus ``.status_code``,
``.error_code`` (the server's exception name or errorCode), ``.request_id`` and
``.server_message`` (the server's own text, untrusted, shortened) for logs and
support. Server text is never trusted for layout: it is truncated and only
ever shown as plain text.
"""

from __future__ import annotations

import json
import ssl
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from dataclasses import dataclass
from typing import Any

import httpx

from pixop_desktop.errors import UserFacingError

__all__ = [
    "PixopError",
    "ConnectionFailed",
    "Timeout",
    "UntrustedCertificate",
    "UnreadableAnswer",
    "InsecureServer",
    "AuthenticationError",
    "WrongCredentials",
    "TokenExpired",
    "AccountBanned",
    "PermissionDenied",
    "NotFound",
    "Conflict",
    "BadRequest",
    "RateLimited",
    "ServerError",
    "UnexpectedResponse",
    "RequestContext",
    "SessionsRefused",
    "TOKEN_PROBLEMS",
    "refused_token",
    "error_from_response",
    "error_from_transport",
]

_MAX_SERVER_TEXT = 300


class PixopError(UserFacingError):
    """Base of every error raised by the Pixop client."""

    default_title = "Pixop request failed"

    def __init__(
        self,
        message: str,
        *,
        title: str | None = None,
        status_code: int | None = None,
        error_code: str | None = None,
        request_id: str | None = None,
        server_message: str | None = None,
    ) -> None:
        super().__init__(title or self.default_title, message)
        self.status_code = status_code
        self.error_code = error_code
        self.request_id = request_id
        self.server_message = server_message



class ConnectionFailed(PixopError):
    default_title = "Cannot reach Pixop"


class Timeout(PixopError):
    default_title = "Pixop is not answering"


class UntrustedCertificate(ConnectionFailed):
    default_title = "Connection not trusted"


class UnreadableAnswer(ConnectionFailed):
    default_title = "Unreadable answer"


class InsecureServer(PixopError):
    default_title = "Insecure server address"


class AuthenticationError(PixopError):
    default_title = "Not signed in to Pixop"


class WrongCredentials(AuthenticationError):
    default_title = "Wrong email or password"


class TokenExpired(AuthenticationError):
    default_title = "Pixop session expired"


class SessionsRefused(PixopError):
    """Pixop refused every new session token in a row although signing in worked: tokens revoked
    as fast as they are issued, or a clock far off. Not the person's password, so a job tries
    again later (``retry.is_transient``) instead of asking them to sign in."""

    default_title = "Pixop keeps refusing the session"


class AccountBanned(AuthenticationError):
    default_title = "Pixop account suspended"


class PermissionDenied(PixopError):
    default_title = "Not allowed"


class NotFound(PixopError):
    default_title = "Not found on Pixop"


class Conflict(PixopError):
    default_title = "Pixop refused the change"


class BadRequest(PixopError):
    default_title = "Pixop rejected the request"

    def __init__(self, message: str, *, validation_errors: list[tuple[str, str]] | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.validation_errors: list[tuple[str, str]] = list(validation_errors or [])


class RateLimited(PixopError):
    default_title = "Too many requests"

    def __init__(self, message: str, *, retry_after: float | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.retry_after = retry_after


class ServerError(PixopError):
    default_title = "Pixop had a problem"


class UnexpectedResponse(PixopError):
    default_title = "Unexpected answer from Pixop"


@dataclass(frozen=True)
class RequestContext:
    """What we were doing, so messages can name it (never holds secrets)."""

    method: str
    url: str
    auth: str = "none"  # "basic" | "bearer" | "api_key" | "none"
    email: str | None = None
    what: str | None = None  # e.g. "video 1234", for NotFound messages


@dataclass
class _ServerFailure:
    """The interesting parts of an error body, whichever API style sent it."""

    code: str | None = None
    text: str | None = None
    request_id: str | None = None
    validation: list[tuple[str, str]] | None = None


def _clip(text: Any) -> str | None:
    if text is None:
        return None
    text = " ".join(str(text).split())
    return text[:_MAX_SERVER_TEXT] + ("…" if len(text) > _MAX_SERVER_TEXT else "")


def _parse_failure(body: bytes, headers: httpx.Headers) -> _ServerFailure:
    """Read a v1 ``{exception, errorMessage}`` or current-API error body."""
    failure = _ServerFailure(request_id=_clip(headers.get("x-request-id")))
    try:
        data = json.loads(body) if body else None
    except (ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict):
        text = body[:_MAX_SERVER_TEXT * 2].decode("utf-8", "replace") if body else None
        failure.text = _clip(text) if text and "<" not in text[:20] else None
        return failure
    if "exception" in data or "errorMessage" in data:
        failure.code = _clip(data.get("exception"))
        failure.text = _clip(data.get("errorMessage"))
        return failure
    failure.code = _clip(data.get("errorCodeEnum") or data.get("errorCode") or data.get("error"))
    failure.text = _clip(data.get("message") or data.get("detail"))
    failure.request_id = _clip(data.get("requestId")) or failure.request_id
    items = data.get("validationErrors")
    if isinstance(items, list):
        failure.validation = [
            (_clip(item.get("field")) or "", _clip(item.get("message")) or "")
            for item in items
            if isinstance(item, dict)
        ]
    return failure


def parse_retry_after(headers: httpx.Headers) -> float | None:
    """Seconds to wait from Retry-After (seconds or HTTP date) or X-RateLimit-Reset."""
    value = headers.get("retry-after")
    if value:
        value = value.strip()
        try:
            return max(0.0, float(value))
        except ValueError:
            pass
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            when = None
        if when is not None:
            if when.tzinfo is None:
                when = when.replace(tzinfo=timezone.utc)
            return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
    reset = headers.get("x-ratelimit-reset")
    if reset:
        try:
            return max(0.0, float(reset.strip()))
        except ValueError:
            return None
    return None


_V1_AUTH_EXPIRED = {"ExpiredJWTTokenException"}
_V1_BANNED = {"UserBannedException"}
# Refusals of the token itself, not of the user: a new token (from the kept credentials) may
# cure them. Pixop may send them with 401 or 403; the body names the exception either way.
TOKEN_PROBLEMS = frozenset({"ExpiredJWTTokenException", "InvalidJWTTokenFoundException",
                            "PrematureJWTTokenException", "InconsistentJWTClaimsException",
                            "NoJWTTokenFoundException", "EternalJWTTokenException"})


def refused_token(status: int, body: bytes) -> bool:
    """Does this answer refuse the JWT (so signing in again may help)? Never for a banned user."""
    if status not in (401, 403):
        return False
    code = _parse_failure(body, httpx.Headers()).code
    if code in _V1_BANNED:
        return False
    return status == 401 or code in TOKEN_PROBLEMS


def _auth_error(ctx: RequestContext, failure: _ServerFailure, kw: dict[str, Any]) -> PixopError:
    if failure.code in _V1_BANNED:
        return AccountBanned(
            "Pixop has suspended this account. Contact Pixop support to restore access.", **kw
        )
    if ctx.auth == "basic":
        who = ctx.email or "this account"
        return WrongCredentials(
            f"Pixop rejected the password for {who}. Check it in Settings → Account.", **kw
        )
    if ctx.auth == "api_key":
        return WrongCredentials(
            "Pixop rejected the API key. Check it in Settings → Account.",
            title="Wrong API key",
            **kw,
        )
    if failure.code in _V1_AUTH_EXPIRED:
        return TokenExpired(
            "Your Pixop session expired and could not be renewed. Sign in again in Settings → Account.",
            **kw,
        )
    if failure.code == "PrematureJWTTokenException":
        return AuthenticationError(
            "Pixop says the session is not valid yet. Check that this computer's clock is right.",
            **kw,
        )
    return AuthenticationError(
        "Pixop did not accept the sign-in. Sign in again in Settings → Account.", **kw
    )


def error_from_response(
    status: int, headers: httpx.Headers, body: bytes, ctx: RequestContext
) -> PixopError:
    """Translate a failed HTTP answer into the right error with plain words."""
    failure = _parse_failure(body, headers)
    kw: dict[str, Any] = dict(
        status_code=status,
        error_code=failure.code,
        request_id=failure.request_id,
        server_message=failure.text,
    )
    said = f" Pixop said: {failure.text}" if failure.text else ""
    if status == 401:
        return _auth_error(ctx, failure, kw)
    if status == 403:
        if failure.code in _V1_BANNED or (ctx.auth == "bearer" and failure.code in TOKEN_PROBLEMS):
            return _auth_error(ctx, failure, kw)
        return PermissionDenied(
            "Your Pixop account is not allowed to do this. Check the team selected in Settings → Account." + said,
            **kw,
        )
    if status == 404:
        thing = ctx.what or "What you asked for"
        return NotFound(f"{thing[0].upper()}{thing[1:]} was not found on Pixop. It may have been deleted.", **kw)
    if status == 409:
        return Conflict(failure.text or "The change conflicts with what Pixop already holds.", **kw)
    if status in (400, 413, 422):
        fields = failure.validation or []
        detail = "; ".join(f"{f}: {m}" if f else m for f, m in fields) or failure.text
        # The title already says Pixop rejected it: the message is the why (and the field).
        message = detail or "Pixop did not say why. Check what you entered and try again."
        return BadRequest(message, validation_errors=fields, **kw)
    if status == 429:
        retry_after = parse_retry_after(headers)
        wait = f" Try again in {int(retry_after + 0.999)} seconds." if retry_after else " Try again in a minute."
        return RateLimited("Pixop asked us to slow down." + wait, retry_after=retry_after, **kw)
    if status >= 500:
        return ServerError(
            f"Pixop could not complete the request (HTTP {status}). Try again later." + said, **kw
        )
    return UnexpectedResponse(f"Pixop answered with HTTP {status}, which we did not expect." + said, **kw)


def error_from_transport(exc: httpx.TransportError, ctx: RequestContext) -> PixopError:
    """Translate an httpx transport failure (no HTTP answer at all)."""
    host = httpx.URL(ctx.url).host or "the server"
    if isinstance(exc, httpx.TimeoutException):
        return Timeout(
            f"{host} did not answer in time. Check your internet connection and try again."
        )
    if (untrusted := certificate_problem(exc)) is not None:
        return UntrustedCertificate(
            f"{host} showed a security certificate this computer does not trust ({untrusted}). "
            "If your organisation inspects secure connections, ask IT to install its certificate on "
            "this computer; Pixop Desktop never turns certificate checks off."
        )
    if isinstance(exc, httpx.RemoteProtocolError):
        return UnreadableAnswer(
            f"{host} sent an answer that could not be read ({_first_line(exc)}). A proxy or firewall "
            "may be changing the traffic; try another network, or ask IT."
        )
    return ConnectionFailed(
        f"Could not connect to {host}. Check your internet connection and the server address in Settings."
    )


def certificate_problem(exc: BaseException) -> str | None:
    """The verifier's reason when the failure (or what caused it) is an untrusted certificate."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, ssl.SSLCertVerificationError):
            return exc.verify_message or "certificate verify failed"
        if "CERTIFICATE_VERIFY_FAILED" in str(exc):
            return "certificate verify failed"
        exc = exc.__cause__ or exc.__context__
    return None


def _first_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:120] or type(exc).__name__
