"""Failed answers become the right error with words a person can act on."""

from __future__ import annotations

import json
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from pixop_desktop.api import errors as e
from pixop_desktop.api.retry import RetryPolicy

CTX = e.RequestContext("GET", "https://api.pixop.com/videos/v1/video/1", "bearer", "ana@example.com", "video 1")


def err(status, body=b"", headers=None, ctx=CTX):
    if isinstance(body, dict):
        body = json.dumps(body).encode()
    return e.error_from_response(status, httpx.Headers(headers or {}), body, ctx)


def v1(exception, message="x"):
    return {"exception": exception, "errorMessage": message}


def test_every_error_has_a_title_and_message():
    for status in (400, 401, 403, 404, 409, 418, 422, 429, 500, 503):
        error = err(status, b"")
        assert isinstance(error, e.PixopError)
        assert error.title and error.message and error.status_code == status


def test_wrong_password_names_the_account():
    ctx = e.RequestContext("GET", "https://api.pixop.com/accounts/v1/token", "basic", "ana@example.com")
    error = err(401, v1("AuthException", "bad credentials"), ctx=ctx)
    assert isinstance(error, e.WrongCredentials)
    assert error.title == "Wrong email or password"
    assert error.message == "Pixop rejected the password for ana@example.com. Check it in Settings → Account."
    assert error.error_code == "AuthException"


def test_v1_jwt_exceptions():
    assert isinstance(err(401, v1("ExpiredJWTTokenException")), e.TokenExpired)
    assert isinstance(err(401, v1("UserBannedException")), e.AccountBanned)
    assert isinstance(err(403, v1("UserBannedException")), e.AccountBanned)
    premature = err(401, v1("PrematureJWTTokenException"))
    assert type(premature) is e.AuthenticationError and "clock" in premature.message


def test_api_key_rejection():
    ctx = e.RequestContext("GET", "https://api.pixop.com/api/v1/x", "api_key")
    error = err(401, {"statusCode": 401, "message": "Invalid API key"}, ctx=ctx)
    assert isinstance(error, e.WrongCredentials) and "API key" in error.message


def test_current_api_validation_errors():
    body = {
        "timestamp": "2024-01-01T00:00:00Z", "requestId": "req-42", "requestPath": "/v1/videos/in/https",
        "errorCode": 400, "errorCodeEnum": "VALIDATION_FAILED", "message": "Validation failed", "statusCode": 400,
        "validationErrors": [{"field": "url", "value": "http://x", "message": "must use https"},
                             {"field": "name", "value": "", "message": "size must be between 1 and 255"}],
    }
    error = err(400, body)
    assert isinstance(error, e.BadRequest)
    assert error.validation_errors == [("url", "must use https"), ("name", "size must be between 1 and 255")]
    assert error.request_id == "req-42" and error.error_code == "VALIDATION_FAILED"
    assert "url: must use https" in error.message


def test_status_families():
    assert isinstance(err(403, b""), e.PermissionDenied)
    not_found = err(404, v1("NotFound", "no such video"))
    assert isinstance(not_found, e.NotFound) and not_found.message.startswith("Video 1 was not found")
    conflict = err(409, {"message": "Project still has videos", "statusCode": 409})
    assert isinstance(conflict, e.Conflict) and "still has videos" in conflict.message
    assert isinstance(err(502, b"<html>bad gateway</html>"), e.ServerError)
    assert isinstance(err(418, b"teapot"), e.UnexpectedResponse)


def test_non_json_and_html_bodies_are_not_echoed_as_markup():
    error = err(500, b"<html><body><script>alert(1)</script></body></html>")
    assert error.server_message is None and "<" not in error.message
    text = err(500, b"upstream timed out")
    assert text.server_message == "upstream timed out" and "upstream timed out" in text.message


def test_server_text_is_shortened():
    error = err(400, v1("BadRequest", "x" * 5000))
    assert len(error.server_message) <= 301


def test_rate_limit_retry_after_seconds_and_reset_header():
    limited = err(429, b"", {"Retry-After": "7"})
    assert isinstance(limited, e.RateLimited) and limited.retry_after == 7 and "7 seconds" in limited.message
    reset = err(429, b"", {"X-RateLimit-Reset": "12"})
    assert reset.retry_after == 12


def test_retry_after_http_date():
    when = datetime.now(timezone.utc) + timedelta(seconds=30)
    seconds = e.parse_retry_after(httpx.Headers({"Retry-After": format_datetime(when, usegmt=True)}))
    assert 28 <= seconds <= 30
    past = datetime.now(timezone.utc) - timedelta(seconds=30)
    assert e.parse_retry_after(httpx.Headers({"Retry-After": format_datetime(past, usegmt=True)})) == 0
    assert e.parse_retry_after(httpx.Headers({"Retry-After": "soon"})) is None


def test_transport_errors():
    request = httpx.Request("GET", "https://api.pixop.com/x")
    timeout = e.error_from_transport(httpx.ReadTimeout("slow", request=request), CTX)
    assert isinstance(timeout, e.Timeout) and "api.pixop.com" in timeout.message
    failed = e.error_from_transport(httpx.ConnectError("refused", request=request), CTX)
    assert isinstance(failed, e.ConnectionFailed)


# --- retry policy decisions and delays ---------------------------------------------------


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_idempotent_requests_retry_transient_statuses(status):
    assert RetryPolicy().should_retry_status(status, idempotent=True)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
def test_client_errors_are_never_retried(status):
    assert not RetryPolicy().should_retry_status(status, idempotent=True)
    assert not RetryPolicy().should_retry_status(status, idempotent=False)


def test_non_idempotent_requests_retry_only_when_the_server_did_not_act():
    policy = RetryPolicy()
    assert [s for s in (408, 429, 500, 502, 503, 504) if policy.should_retry_status(s, idempotent=False)] == [408, 429, 503]
    request = httpx.Request("POST", "https://api.pixop.com/x")
    assert policy.should_retry_exception(httpx.ConnectError("x", request=request), idempotent=False)
    assert policy.should_retry_exception(httpx.ConnectTimeout("x", request=request), idempotent=False)
    assert not policy.should_retry_exception(httpx.ReadError("reset", request=request), idempotent=False)
    assert not policy.should_retry_exception(httpx.RemoteProtocolError("gone", request=request), idempotent=False)
    assert policy.should_retry_exception(httpx.ReadError("reset", request=request), idempotent=True)


def test_backoff_is_exponential_capped_and_jittered():
    top = RetryPolicy(random=lambda: 0.0)
    assert [top.delay(n) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    low = RetryPolicy(random=lambda: 1.0)
    assert [low.delay(n) for n in range(3)] == [0.375, 0.75, 1.5]


def test_retry_after_wins_but_is_capped():
    policy = RetryPolicy(max_retry_after=60)
    assert policy.delay(0, httpx.Headers({"Retry-After": "3"})) == 3
    assert policy.delay(3, httpx.Headers({"Retry-After": "0"})) == 0
    assert policy.delay(0, httpx.Headers({"Retry-After": "86400"})) == 60


def _v1_body(exception: str) -> bytes:
    return json.dumps({"exception": exception, "errorMessage": "x"}).encode()


@pytest.mark.parametrize("status, exception, refused", [
    (401, "ExpiredJWTTokenException", True), (403, "ExpiredJWTTokenException", True),
    (403, "InvalidJWTTokenFoundException", True), (403, "PrematureJWTTokenException", True),
    (403, "InconsistentJWTClaimsException", True), (401, "AuthException", True),
    (403, "AuthException", False), (403, "UserBannedException", False),
    (401, "UserBannedException", False), (404, "ExpiredJWTTokenException", False),
])
def test_refused_token(status, exception, refused):
    assert e.refused_token(status, _v1_body(exception)) is refused


def test_a_403_naming_an_expired_token_is_a_session_problem_not_a_permission():
    ctx = e.RequestContext("GET", "https://api.pixop.com/videos/v1/projects", "bearer")
    error = e.error_from_response(403, httpx.Headers(), _v1_body("ExpiredJWTTokenException"), ctx)
    assert isinstance(error, e.TokenExpired)
    banned = e.error_from_response(403, httpx.Headers(), _v1_body("UserBannedException"), ctx)
    assert isinstance(banned, e.AccountBanned) and "Contact Pixop support" in banned.message
