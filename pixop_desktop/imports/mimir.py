"""The Pixop ⇄ Mimir integration (seed 000), in words a person can act on.

``setup_mimir`` creates or extends the mapping between the signed-in Pixop team and a Mimir
tenant for ``days_to_live`` days (default 90), optionally configuring Mimir with the chosen
Pixop processing configurations; it records the expiry (no secrets) for the reminder.
``remove_mimir`` deletes the mapping. Pixop's refusals become :class:`MimirError`:
400 naming the unknown configuration ids, 409 for a tenant mapped to another team, and a Mimir
failure (nothing changed). ``reminder`` says when the integration lapses soon.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from pixop_desktop.api.errors import BadRequest, Conflict, NotFound, PixopError, ServerError
from pixop_desktop.errors import UserFacingError

from .mimir_reply import read_reply
from .mimir_store import MimirRecord, MimirSecrets, delete_record, load_record, save_record

if TYPE_CHECKING:
    from pixop_desktop.api.client import PixopClient

DEFAULT_DAYS_TO_LIVE = 90
MIN_DAYS_TO_LIVE, MAX_DAYS_TO_LIVE = 1, 3650
REMIND_WITHIN_DAYS = 14


class MimirError(UserFacingError):
    """A Mimir setup/remove that did not happen."""

    def __init__(self, title: str, message: str, *, invalid_ids: list[str] | None = None) -> None:
        super().__init__(title, message)
        self.invalid_ids = invalid_ids or []


@dataclass(frozen=True)
class MimirSetupResult:
    tenant: str
    expires_at: datetime | None
    days_to_live: int
    manual_steps: list[str]
    created: bool | None                 # None when Pixop did not say

    def describe(self, now: datetime | None = None, *, with_reminder: bool = True) -> str:
        verb = {True: "connected to", False: "still connected to", None: "connected to"}[self.created]
        lines = [f"This Pixop team is {verb} the Mimir tenant {self.tenant}."]
        if self.expires_at:
            lines.append(f"The integration expires on {format_date(self.expires_at)} unless it is "
                         "renewed (setting it up again, or new Pixop jobs, renew it).")
            if with_reminder and (note := reminder(self.expires_at, now)):
                lines.append(note)
        if self.manual_steps:
            lines.append("Still to do by hand in Mimir:")
            lines += [f"  {n}. {step}" for n, step in enumerate(self.manual_steps, 1)]
        return "\n".join(lines)


def format_date(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def check_days_to_live(days: int) -> str | None:
    if MIN_DAYS_TO_LIVE <= days <= MAX_DAYS_TO_LIVE:
        return None
    # Shown after the title "Days to live": the sentence does not say it again.
    return f"Choose {MIN_DAYS_TO_LIVE} to {MAX_DAYS_TO_LIVE} days (it is {days})."


def reminder(expires_at: datetime | None, now: datetime | None = None,
             within_days: int = REMIND_WITHIN_DAYS) -> str | None:
    """A reminder when the integration has lapsed or lapses within ``within_days``; else None.

    ``expires_at`` is what the last setup was told. Pixop also resets the TTL whenever new
    Pixop jobs are started (seed 000), and its API offers no way to read the current expiry
    (only PUT, which renews, and DELETE), so the words allow for a later real expiry.
    """
    if expires_at is None:
        return None
    now = now or datetime.now(timezone.utc)
    left = expires_at - now
    if left <= timedelta(0):
        return (f"The Mimir integration has expired ({format_date(expires_at)}), so Pixop removed "
                "it — unless Mimir sent new jobs to Pixop since, which renews it. Set it up again "
                "to be sure Mimir stays connected.")
    if left <= timedelta(days=within_days):
        # The nearest whole day: 4 days 23 h (just set up for 5) is "5 days", 3 days 2 h is "3 days".
        days = max(1, math.floor(left.total_seconds() / 86400 + 0.5))
        when = "within a day" if left < timedelta(days=1) else f"in {days} day{'s' if days != 1 else ''}"
        return (f"The Mimir integration expires {when} (around {format_date(expires_at)}, unless "
                "Mimir sent new jobs to Pixop since). Renew it now: set it up again "
                "(Settings → Integrations, or 'pixop-desktop mimir setup').")
    return None


def setup_mimir(client: PixopClient, secrets: MimirSecrets, server: str, *,
                days_to_live: int = DEFAULT_DAYS_TO_LIVE, configure_mimir: bool = False,
                configuration_ids: list[str] | None = None,
                team_id: str | None = None) -> MimirSetupResult:
    """Create or extend the mapping; ``configure_mimir`` (implied by ids) sends ``mimirSetup``."""
    if not secrets.complete:
        raise MimirError("Mimir details missing", "Enter both the Mimir API key and the Mimir tenant.")
    if problem := check_days_to_live(days_to_live):
        raise MimirError("Days to live", problem)
    ids = [i.strip() for i in configuration_ids or [] if i.strip()]
    setup = {"processingConfigurationIds": ids} if (configure_mimir or ids) else None
    try:
        answer = client.integrations.mimir_setup(secrets.api_key, secrets.tenant, days_to_live=days_to_live,
                                                 mimir_setup=setup, team_id=team_id)
    except PixopError as exc:
        raise _plain_error(exc, secrets.tenant, ids) from exc
    reply = read_reply(answer.raw or {}, days_to_live)
    result = MimirSetupResult(secrets.tenant, reply.expires_at, days_to_live, reply.manual_steps, reply.created)
    save_record(MimirRecord(server, result.expires_at.isoformat() if result.expires_at else None,
                            days_to_live, ids, result.manual_steps,
                            datetime.now(timezone.utc).isoformat(timespec="seconds")))
    return result


def remove_mimir(client: PixopClient, secrets: MimirSecrets, server: str, *,
                 team_id: str | None = None) -> None:
    if not secrets.complete:
        raise MimirError("Mimir details missing", "Enter both the Mimir API key and the Mimir tenant.")
    try:
        client.integrations.mimir_remove(secrets.api_key, secrets.tenant, team_id=team_id)
    except NotFound as exc:
        delete_record(server)
        raise MimirError("No Mimir integration", f"This Pixop team has no integration with the Mimir "
                                                 f"tenant {secrets.tenant}, so there was nothing to remove.") from exc
    except PixopError as exc:
        raise _plain_error(exc, secrets.tenant, []) from exc
    delete_record(server)


def recorded_setup(server: str) -> MimirRecord | None:
    return load_record(server)


def _plain_error(exc: PixopError, tenant: str, ids: list[str]) -> MimirError | PixopError:
    said = exc.server_message or ""
    if isinstance(exc, Conflict):
        return MimirError("Tenant connected elsewhere",
                          f"The Mimir tenant {tenant} is already connected to another Pixop team. "
                          "Remove the integration from that team first, or sign in to that team.")
    named = [i for i in ids if i in said]  # the seed: the 400 names the invalid ids (wording unknown)
    if isinstance(exc, BadRequest) and ids and (named or "configuration" in said.lower()):
        invalid = named or ids
        return MimirError("Unknown processing configurations",
                          f"Pixop has no processing configuration with the {'ids' if len(invalid) > 1 else 'id'} "
                          f"{', '.join(invalid)}. Check the ids; nothing was changed.", invalid_ids=invalid)
    if isinstance(exc, ServerError) and exc.status_code == 502:
        detail = f" Pixop said: {' '.join(said.split())[:300]}" if said else ""
        return MimirError("Mimir setup failed",
                          "Mimir could not be set up, so nothing was changed (the mapping and the "
                          f"webhook are as before). Check the Mimir API key and tenant.{detail}")
    return exc
