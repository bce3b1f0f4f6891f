"""The v1 JWT lifecycle: fetch with Basic auth, renew before expiry.

We are not the verifier of Pixop's tokens, so we read ``exp`` (and ``iat``)
from the payload without checking the signature, only to know when to renew.
A token we cannot read is assumed to live the documented 15 minutes.

Renewal happens a margin before expiry proportional to the lifetime (20 %,
at most a minute), so a 15-minute token renews a minute early and a 2-second
test token 0.4 s early. Lifetimes are measured on our monotonic clock from
the moment we asked for the token, so a wrong wall clock does not matter
when the token carries ``iat``.

Thread safety: one lock. The first thread to find the token stale fetches a
new one while the others wait for it; they never fetch one each.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from dataclasses import dataclass
from typing import Callable

DEFAULT_LIFETIME = 15 * 60.0
MAX_MARGIN = 60.0
MARGIN_FRACTION = 0.2


def jwt_claims(token: str) -> dict:
    """The JWT payload as a dict, unverified; {} when it cannot be read."""
    try:
        payload = token.split(".")[1]
        payload += "=" * (-len(payload) % 4)
        data = json.loads(base64.urlsafe_b64decode(payload.encode("ascii")))
    except (IndexError, ValueError, UnicodeError):
        return {}
    return data if isinstance(data, dict) else {}


def token_lifetime(token: str, *, now_wall: float | None = None) -> float:
    """Seconds the token is valid from when it was issued (best effort)."""
    claims = jwt_claims(token)
    exp = claims.get("exp")
    if not isinstance(exp, (int, float)) or isinstance(exp, bool):
        return DEFAULT_LIFETIME
    iat = claims.get("iat")
    if isinstance(iat, (int, float)) and not isinstance(iat, bool) and exp > iat:
        return float(exp - iat)
    now_wall = time.time() if now_wall is None else now_wall
    return max(0.0, float(exp) - now_wall)


def renewal_margin(lifetime: float) -> float:
    return min(MAX_MARGIN, lifetime * MARGIN_FRACTION)


@dataclass(frozen=True)
class HeldToken:
    """A JWT with the monotonic time after which we renew it."""

    jwt: str
    team_id: str | None
    user_id: str | None
    renew_at: float


class TokenKeeper:
    """Holds the current JWT and renews it; ``fetch`` returns (jwt, team, user)."""

    def __init__(
        self,
        fetch: Callable[[str | None], tuple[str, str | None, str | None]],
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetch = fetch
        self._clock = clock
        self._lock = threading.Lock()
        self._held: HeldToken | None = None
        self._team_id: str | None = None

    @property
    def current(self) -> HeldToken | None:
        return self._held

    def select_team(self, team_id: str | None) -> None:
        """Use ``team_id`` from the next token on (drops the current token)."""
        with self._lock:
            self._team_id = team_id
            self._held = None

    def jwt(self) -> str:
        """A JWT that is not about to expire, fetching one if needed."""
        with self._lock:
            held = self._held
            if held is None or self._clock() >= held.renew_at:
                held = self._renew_locked()
            return held.jwt

    def renew(self) -> HeldToken:
        """Fetch a new token now."""
        with self._lock:
            return self._renew_locked()

    def switch(self, team_id: str | None) -> HeldToken:
        """Get a token for ``team_id`` and only then make it current.

        If Pixop refuses (not a member of that team), nothing changes.
        """
        with self._lock:
            held = self._renew_locked(team_id)
            self._team_id = team_id
            return held

    def discard(self, jwt: str) -> None:
        """The server said ``jwt`` expired: forget it, unless already replaced."""
        with self._lock:
            if self._held is not None and self._held.jwt == jwt:
                self._held = None

    def _renew_locked(self, team_id: str | None | object = ...) -> HeldToken:
        asked_at = self._clock()
        wanted = self._team_id if team_id is ... else team_id
        jwt, team_id, user_id = self._fetch(wanted)  # type: ignore[arg-type]
        lifetime = token_lifetime(jwt)
        renew_at = asked_at + lifetime - renewal_margin(lifetime)
        self._held = HeldToken(jwt=jwt, team_id=team_id, user_id=user_id, renew_at=renew_at)
        return self._held
