"""The answer to the Mimir set-up call, read leniently (seed 000 names none of its fields).

The seed says only that the integration lives ``daysToLive`` days and that manual steps "will
be returned in the response". So several spellings are accepted for each (see
``docs/pixop-api-guesses.md``), at the top level or under one wrapping object, and an answer
without an expiry gets the one the seed implies: now plus the days asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from pixop_desktop.api.models_base import parse_lenient_datetime

EXPIRY_KEYS = ("expiresAt", "expiryDate", "expiresOn", "expirationDate", "expiry", "validUntil", "ttlExpiresAt")
STEP_KEYS = ("manualSteps", "manualActions", "requiredManualSteps", "manualStepsRequired", "steps", "instructions")
STEP_TEXT_KEYS = ("description", "text", "step", "message", "title")
WRAPPERS = ("integration", "mapping", "mimirSetup", "result", "data")
MAX_STEPS, MAX_STEP_CHARS = 50, 500


@dataclass(frozen=True)
class MimirReply:
    expires_at: datetime
    expiry_stated: bool                  # False: worked out from daysToLive, Pixop did not say
    manual_steps: list[str]
    created: bool | None                 # None when Pixop did not say


def _layers(raw: dict) -> list[dict]:
    """The answer itself, then any one wrapping object it holds."""
    return [raw] + [raw[key] for key in WRAPPERS if isinstance(raw.get(key), dict)]


def _first(raw: dict, keys: tuple[str, ...]):
    for layer in _layers(raw):
        for key in keys:
            if layer.get(key) not in (None, "", []):
                return layer[key]
    return None


def step_lines(value) -> list[str]:
    """Manual steps as short lines (server text is untrusted: strings only, one line, bounded)."""
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    steps = []
    for item in items:
        if isinstance(item, dict):
            item = next((item[k] for k in STEP_TEXT_KEYS if isinstance(item.get(k), str)), None)
        if isinstance(item, str) and item.strip():
            steps.append(" ".join(item.split())[:MAX_STEP_CHARS])
    return steps[:MAX_STEPS]


def read_reply(raw: object, days_to_live: int, now: datetime | None = None) -> MimirReply:
    raw = raw if isinstance(raw, dict) else {}
    try:
        stated = parse_lenient_datetime(_first(raw, EXPIRY_KEYS))
    except (TypeError, ValueError):
        stated = None
    now = now or datetime.now(timezone.utc)
    created = _first(raw, ("created",))
    return MimirReply(stated or now + timedelta(days=days_to_live), stated is not None,
                      step_lines(_first(raw, STEP_KEYS)), created if isinstance(created, bool) else None)
