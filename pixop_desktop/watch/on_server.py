"""What Pixop already holds of a watched file's content, read from the video names.

Every video the app makes from a local file carries the file's fingerprint in its name
(``jobs.fingerprint.name_token``). Before a watcher creates a video it looks here: a video of
the same content that was processed (or is being processed) means the file was paid for
already — the ledger was lost, or a watcher on another machine sent it — and an original with
no processing yet is taken over by the new job instead of uploading again.

One listing of the rule's project per pass at most, however many files arrive together.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from pixop_desktop.api.errors import PixopError
from pixop_desktop.jobs.fingerprint import OnServer, name_token, originals_by_content

if TYPE_CHECKING:
    from pixop_desktop.api.client import PixopClient

log = logging.getLogger(__name__)


class ServerIndex:
    """The project's videos by fingerprint, listed once per pass (``new_pass``) when first asked."""

    def __init__(self, client: Callable[[], PixopClient | None], project_id: str | None) -> None:
        self._client, self.project_id = client, project_id
        self._index: dict[str, OnServer] | None = None
        self.unavailable: str | None = None
        """Why Pixop could not be asked in this pass (None when it was, or was not needed)."""

    def new_pass(self) -> None:
        self._index, self.unavailable = None, None

    def find(self, print_: str) -> OnServer | None:
        """The video of this content on Pixop (one that was processed first), if any."""
        token = name_token(print_)
        if token is None:
            return None
        index = self._listing()
        return index.get(token) if index is not None else None

    def _listing(self) -> dict[str, OnServer] | None:
        if self._index is not None or self.unavailable is not None:
            return self._index
        client = self._client()
        if client is None:
            self.unavailable = "not connected"
            return None
        try:
            videos = list(client.videos.iter_videos(project_id=self.project_id))
        except PixopError as exc:
            self.unavailable = f"{exc.title}: {exc.message}"
            log.warning("Could not ask Pixop which videos it holds already: %s", self.unavailable)
            return None
        index = originals_by_content(videos)
        self._index = index
        return index
