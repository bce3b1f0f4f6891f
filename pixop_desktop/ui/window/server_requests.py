"""The blocking calls behind the main window, run on pool threads (no Qt here).

Each returns plain data for the GUI thread; failures propagate as
``UserFacingError``s and are shown by the window's error banner. Signing in
and the account are the services' (``services.connection``), shared with the
command line; what is the window's own is what to do once signed in, and the
library's video list.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from pixop_desktop.credentials import Credentials
from pixop_desktop.services.connection import Connected, connect_account

#: The window lists at most this many videos per project (the full queue view is a later step).
MAX_VIDEOS_LISTED = 1000


def connect(load_credentials: Callable[[], Credentials], server: str, team_id: str | None) -> Connected:
    """Load credentials (the keyring may be slow or prompt), open a client, fetch the account."""
    return connect_account(load_credentials, server, team_id, then="press Refresh")


def load_videos(client, project_id: str | None) -> list[Any]:
    return list(itertools.islice(client.videos.iter_videos(project_id=project_id), MAX_VIDEOS_LISTED))
