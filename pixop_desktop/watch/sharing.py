"""A watched folder that other machines may watch too: claims on the share + what Pixop holds.

``RuleWatcher`` asks this before it sends a file: claim it on the share (``claims``), then ask
Pixop whether a video of that content exists already (``on_server``). A file another watcher
holds is left to it and looked at again when its claim is given back or goes stale.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .claims import Claims, Holder
from .on_server import OnServer, ServerIndex

if TYPE_CHECKING:
    from pixop_desktop.api.client import PixopClient

log = logging.getLogger(__name__)


class SharedFolder:
    """One watcher's side of a shared folder."""

    def __init__(self, root: Path, owner: str, client: Callable[[], PixopClient | None],
                 project_id: str | None, stale_after: float | None = None) -> None:
        self.claims = Claims(root, owner, stale_after)
        self.server = ServerIndex(client, project_id)
        self._elsewhere: dict[Path, str] = {}  # file → relative path, while another watcher holds it
        self._no_claims: str | None = None     # why claims cannot be written here (a read-only share)

    def new_pass(self) -> list[Path]:
        """Start a pass: the files another watcher held that are free again (to be offered anew)."""
        self.server.new_pass()
        free = []
        for path, rel_path in list(self._elsewhere.items()):
            holder = self.claims.holder(self.claims.path_for(rel_path))
            if holder is None or time.time() - holder.heartbeat >= self.claims.stale_after:
                del self._elsewhere[path]
                free.append(path)
        return free

    def claim(self, path: Path, rel_path: str) -> Holder | None:
        """Claim the file for this watcher; None when it may be sent, else who holds it.
        A share where no claim can be written (read-only for us) is watched without claims."""
        try:
            holder = self.claims.take(rel_path)
        except OSError as exc:
            if self._no_claims is None:
                log.warning("Cannot write claims in %s (%s): another machine watching this folder "
                            "could send the same files", self.claims.folder, exc)
            self._no_claims = str(exc)
            return None
        if holder is not None:
            self._elsewhere[path] = rel_path
        return holder

    def release(self, rel_path: str) -> None:
        try:
            self.claims.release(rel_path)
        except OSError as exc:  # the share went away: the claim goes stale on its own
            log.info("Could not release the claim on %s: %s", rel_path, exc)

    def keep(self, rel_path: str) -> None:
        try:
            self.claims.keep(rel_path)
        except OSError as exc:
            log.info("Could not refresh the claim on %s: %s", rel_path, exc)

    def on_server(self, print_: str) -> OnServer | None:
        return self.server.find(print_)
