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
"""

from __future__ import annotations

import random as _random
from dataclasses import dataclass, field
from typing import Callable

import httpx

from .errors import certificate_problem, parse_retry_after

RETRYABLE_STATUS = frozenset({408, 429, 500, 502, 503, 504})
SAFE_FOR_ANY_REQUEST_STATUS = frozenset({408, 429, 503})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "DELETE", "PUT"})

# Errors raised before a single byte of the request could have been acted on.
_NOT_SENT_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@dataclass
class RetryPolicy:
    max_retries: int = 4
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 120.0
    random: Callable[[], float] = field(default=_random.random)

    def should_retry_status(self, status: int, *, idempotent: bool) -> bool:
        if idempotent:
            return status in RETRYABLE_STATUS or status > 504
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


def default_idempotent(method: str) -> bool:
    """HTTP's view; callers override it where Pixop differs (PUT /video creates)."""
    return method.upper() in IDEMPOTENT_METHODS
