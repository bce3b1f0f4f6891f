"""The one retry policy of the Pixop client.

What is retried:

- idempotent requests (GET, HEAD, DELETE, an upload to an existing video,
  setting a password, the Mimir PUT...): connection failures, timeouts and
  HTTP 408, 429 and 5xx;
- NON-idempotent requests (creating a project or a video, ordering
  processing, starting an import): only when we know the server did not act
  — the connection could not be opened at all (connect error/timeout, pool
  timeout), or the server answered 408, 429 or 503 (it refused before doing
  anything). A connection reset or a 500/502/504 after the body was sent is
  NOT retried: Pixop may already have created the video or the processing
  order, and a second one would cost the customer twice. The job pipeline
  instead looks at what the server holds before acting again.

Never retried: 400, 401 (the client renews the JWT once, elsewhere), 403,
404, 409 and anything else below 500.

Delays: ``Retry-After`` (seconds or HTTP date) or ``X-RateLimit-Reset`` when
given, capped at ``max_retry_after``; otherwise capped exponential backoff
with jitter. ``sleep`` and ``random`` are injectable so tests never wait.

This module is the one place that says what is temporary (:func:`is_transient`).
Each failure is retried at one level only, so attempts multiply nowhere:

- a request (``PixopClient._send``): at most ``REQUEST_ATTEMPTS`` (5) tries of
  what fails before an answer arrives or with a temporary status;
- a transfer (``transfer/``): a body cut off, stalled or short is resumed, at
  most 8 attempts in a row without progress (5 for a signed link); an error the
  client already retried ends the transfer instead of starting it again;
- a stage (``jobs/runner``): a stage that ended on a temporary error runs again,
  at most ``RetryRule.max_attempts`` (10) times, waits capped at a minute (302 s in all).

The bounds and the worst-case times are in docs/architecture.md ("Retries").
"""

from __future__ import annotations

import random as _random
from dataclasses import dataclass, field
from typing import Callable

import httpx

from .errors import (AuthenticationError, ConnectionFailed, PixopError, SessionsRefused, Timeout, certificate_problem,
                     parse_retry_after)

RETRYABLE_STATUS = frozenset({408, 429, 500, 502, 503, 504})
SAFE_FOR_ANY_REQUEST_STATUS = frozenset({408, 429, 503})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "DELETE", "PUT"})

# Errors raised before a single byte of the request could have been acted on.
_NOT_SENT_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def transient_status(status: int) -> bool:
    """A status that may go away on its own: 408, 429, and 5xx but 501 (not implemented)."""
    return status in RETRYABLE_STATUS or status > 504


def is_transient(error: BaseException) -> bool:
    """May trying again later help? For an error the client raised (after its own retries).

    Transfers ask it to tell a temporary failure from a final one; the runner asks it
    whether to run a stage again. Authentication never is: renewal is the client's job.
    """
    if isinstance(error, SessionsRefused):  # signing in worked: the next run gets new tokens
        return True
    if isinstance(error, AuthenticationError):
        return False
    if isinstance(error, (ConnectionFailed, Timeout)):
        return True
    status = error.status_code if isinstance(error, PixopError) else None
    return status is not None and transient_status(status)


@dataclass
class RetryPolicy:
    max_retries: int = 4
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 120.0
    # The most one request may take with its retries, waits included, before it fails with a
    # plain message: a server that accepts connections and never answers fails in about two
    # minutes, not 5 attempts × the read timeout × every level above. A streamed upload is not
    # held to it (its body may rightly take hours); its attempts are bounded by max_retries.
    budget: float = 120.0
    random: Callable[[], float] = field(default=_random.random)

    def fits(self, started: float, delay: float, now: float) -> bool:
        """Whether a retry after ``delay`` seconds still ends within the request's budget."""
        return now - started + delay <= self.budget

    def should_retry_status(self, status: int, *, idempotent: bool) -> bool:
        if idempotent:
            return transient_status(status)
        return status in SAFE_FOR_ANY_REQUEST_STATUS

    def should_retry_exception(self, exc: Exception, *, idempotent: bool) -> bool:
        if certificate_problem(exc) is not None:  # asking again gets the same certificate
            return False
        if isinstance(exc, _NOT_SENT_ERRORS):
            return True
        if not idempotent:
            return False
        return isinstance(exc, httpx.TransportError) and not isinstance(
            exc, (httpx.UnsupportedProtocol, httpx.LocalProtocolError, httpx.ProxyError)
        )

    def delay(self, retries_done: int, headers: httpx.Headers | None = None) -> float:
        """Seconds to wait before retry number ``retries_done + 1``."""
        if headers is not None:
            told = parse_retry_after(headers)
            if told is not None:
                return min(told, self.max_retry_after)
        backoff = min(self.initial_delay * (2.0**retries_done), self.max_delay)
        return backoff * (1.0 - 0.25 * self.random())


REQUEST_ATTEMPTS = 1 + RetryPolicy.max_retries  # the first try and the default retries


def default_idempotent(method: str) -> bool:
    """HTTP's view; callers override it where Pixop differs (PUT /video creates)."""
    return method.upper() in IDEMPOTENT_METHODS
