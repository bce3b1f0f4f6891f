"""The blocking calls behind the main window, run on pool threads (no Qt here).

Each returns plain data for the GUI thread; failures propagate as exceptions
with ``.title``/``.message`` and are shown by the window's error banner.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pixop_desktop.connection import NotSignedIn, open_client
from pixop_desktop.credentials import Credentials

#: The window lists at most this many videos per project (the full queue view is a later step).
MAX_VIDEOS_LISTED = 1000


@dataclass
class AccountView:
    """Who we are and what the team has."""

    info: Any  # api.models.TokenInfo: user, team, other_teams
    projects: list[Any] = field(default_factory=list)


@dataclass
class Connected(AccountView):
    client: Any = None


def connect(load_credentials: Callable[[], Credentials], server: str, team_id: str | None) -> Connected:
    """Load credentials (the keyring may be slow or prompt), open a client, fetch the account."""
    credentials = load_credentials()
    if not credentials.can_sign_in:
        raise NotSignedIn(
            "Not signed in",
            f"There is no saved Pixop email and password for {server}. Sign in with "
            "'pixop-desktop login', or set PIXOP_EMAIL and PIXOP_PASSWORD, then press Refresh.")
    client = open_client(server, credentials, team_id)
    try:
        view = load_account(client)
    except BaseException:
        client.close()
        raise
    return Connected(info=view.info, projects=view.projects, client=client)


def load_account(client) -> AccountView:
    return AccountView(info=client.accounts.whoami(), projects=list(client.videos.iter_projects()))


def switch_team(client, team_id: str) -> AccountView:
    client.switch_team(team_id)
    return load_account(client)


def load_videos(client, project_id: str | None) -> list[Any]:
    return list(itertools.islice(client.videos.iter_videos(project_id=project_id), MAX_VIDEOS_LISTED))
