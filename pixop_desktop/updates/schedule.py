"""What the CLI's ``update`` and the window's start-up/daily check share: where updates come from,
whether a check is due, and one check (plus, when asked, the download) told in one sentence."""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass

from pixop_desktop.errors import UserFacingError
from pixop_desktop.fileio import write_json_atomically
from pixop_desktop.settings import Settings
from pixop_desktop.updates.client import Updater
from pixop_desktop.updates.install import Installation, current_installation, shipped_root_metadata, state_dir
from pixop_desktop.updates.pending import PendingUpdate, pending_update

log = logging.getLogger(__name__)

URL_ENV = "PIXOP_UPDATE_URL"
CHECK_EVERY_SECONDS = 24 * 3600
LAST_CHECK = "last-check.json"


class UpdatesUnavailable(UserFacingError):
    def __init__(self, message: str) -> None:
        super().__init__("Updates are not available", message)


def update_url(settings: Settings) -> str:
    """``$PIXOP_UPDATE_URL``, else the address in Settings, else the one this build shipped with."""
    url = os.environ.get(URL_ENV, "").strip() or settings.update_url.strip()
    if not url:
        root = shipped_root_metadata()
        shipped = root.with_name("update-url.txt") if root else None
        url = shipped.read_text(encoding="utf-8").strip() if shipped and shipped.is_file() else ""
    return url


def updater_for(settings: Settings, installation: Installation | None = None) -> Updater:
    """The updater for this copy, or UpdatesUnavailable saying why there is none."""
    installation = installation or current_installation()
    if installation is None:
        raise UpdatesUnavailable("This copy runs from source code: update it with git.")
    root = shipped_root_metadata()
    url = update_url(settings)
    if root is None or not url:
        raise UpdatesUnavailable("This build has no update address or update key. Install new versions "
                                 "from the installer your organisation provides.")
    return Updater(url, install_folder=installation.folder, version=installation.version,
                   state_dir=state_dir(), trusted_root=root)


@dataclass(frozen=True)
class CheckResult:
    current: str
    offered: str | None  # a newer verified version, or None
    staged: PendingUpdate | None  # downloaded, verified, waiting for the next start

    def sentence(self) -> str:
        if self.staged is not None:
            return (f"Pixop Desktop {self.staged.version} is downloaded and verified; it is installed "
                    "the next time you start the app.")
        if self.offered is not None:
            return f"Pixop Desktop {self.offered} is available (you have {self.current})."
        return f"Pixop Desktop {self.current} is the newest version."


def check_for_update(updater: Updater, *, download: bool, system_managed: bool = False) -> CheckResult:
    """One check against the server; with ``download``, fetch, verify and stage what it offers.
    Raises UpdateRefused (nothing staged) or UpdatesUnavailable (a copy the system manages)."""
    already = pending_update(updater.state_dir)
    mark_checked()  # also when it fails: the window tries again tomorrow, not every hour
    offered = updater.check()
    if offered is None or not download:
        staged = already if already is not None and offered is not None and already.version == offered else None
        return CheckResult(updater.version, offered, staged)
    if system_managed:
        raise UpdatesUnavailable(f"Pixop Desktop {offered} is available, but this copy was installed by the "
                                 "system (for example with apt): update it the same way.")
    if already is not None and already.version == offered:
        return CheckResult(updater.version, offered, already)
    return CheckResult(updater.version, offered, updater.download())


def due(now: float | None = None) -> bool:
    """A start-up or daily check is due: none in the last day (a clock set back counts as due)."""
    now = time.time() if now is None else now
    try:
        last = float(json.loads((state_dir() / LAST_CHECK).read_text(encoding="utf-8"))["at"])
    except (OSError, ValueError, KeyError, TypeError):
        return True
    return not 0 <= now - last < CHECK_EVERY_SECONDS


def mark_checked(now: float | None = None) -> None:
    write_json_atomically(state_dir() / LAST_CHECK, {"at": time.time() if now is None else now})
