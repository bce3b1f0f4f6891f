"""Can we reach Pixop right now? One quick, unauthenticated request, for the window's header.

The queue rides out a lost server on its own (retries, ``jobs/runner.RetryRule``), but a
person must see within seconds that nothing moves and why. A job's own retries take longer to
tell (a request is tried for up to two minutes), so the window asks this, cheaply, every few
seconds while it is connected.
"""

from __future__ import annotations

import httpx

PROBE_TIMEOUT = 3.0  # seconds: a server this slow to answer a bare request is as good as gone


def server_reachable(server_url: str, timeout: float = PROBE_TIMEOUT) -> bool:
    """True when the server answers at all (any status but a 5xx "try later"); no credentials sent."""
    try:
        response = httpx.get(server_url.rstrip("/") + "/", timeout=timeout, follow_redirects=False,
                             headers={"Accept-Encoding": "identity"})
    except httpx.HTTPError:
        return False
    return not (response.status_code >= 500 and response.status_code != 501)
