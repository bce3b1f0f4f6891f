"""Check the update server, download and verify an update, stage it for the next start.

TUF (through tufup) does the trust: the metadata must be signed by the keys named in the
trusted ``root.json`` this copy shipped with, must not have expired, and must never be older
than what this computer has already seen (a replayed or rolled-back server is refused); an
archive is kept only if its length and hashes match the signed metadata. Anything less is an
:class:`UpdateRefused` with a plain message, and nothing is staged: the running version goes on.

Layout of ``state_dir`` (in the app's data folder): ``metadata/`` (the trusted metadata, starting
from the shipped root), ``targets/`` (downloaded archives: the current one lets the next update
be a small patch), ``pending/`` + ``pending.json`` (pending.py).
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable
from pathlib import Path

from tuf.api import exceptions as tuf_errors
from tufup.client import Client

from pixop_desktop.errors import UserFacingError
from pixop_desktop.updates import pending

log = logging.getLogger(__name__)

APP_NAME = "pixop-desktop"  # the archives' name on the server: pixop-desktop-<version>.tar.gz
TITLE = "Update not installed"


class UpdateRefused(UserFacingError):
    """The update server or an update failed a check; nothing was installed."""

    def __init__(self, message: str, *, unreachable: bool = False) -> None:
        super().__init__(TITLE, message + " The version you have keeps working.")
        self.unreachable = unreachable  # only the server could not be reached (offline): not alarming


def refusal(exc: Exception, url: str) -> UpdateRefused:
    """What a failed check or download means, in plain words (tuf's own text goes to the log)."""
    log.warning("update refused (%s): %s", type(exc).__name__, exc)
    if isinstance(exc, tuf_errors.ExpiredMetadataError):
        return UpdateRefused("The update server's signed list of versions has expired, so it cannot be "
                             "trusted. Tell whoever publishes Pixop Desktop updates.")
    if isinstance(exc, tuf_errors.BadVersionNumberError):
        return UpdateRefused("The update server offered an older list of versions than this computer has "
                             "already seen (an old copy, or someone replaying it).")
    if isinstance(exc, tuf_errors.LengthOrHashMismatchError):
        return UpdateRefused("The downloaded update does not match its signed description (damaged or "
                             "changed on the way), so it was deleted.")
    if isinstance(exc, (tuf_errors.UnsignedMetadataError, tuf_errors.RepositoryError)):
        return UpdateRefused("The update server's list of versions is not signed with Pixop's key.")
    if isinstance(exc, (tuf_errors.DownloadError, OSError)):
        return UpdateRefused(f"Could not reach the update server at {url}. Check the connection, or try later.",
                             unreachable=True)
    return UpdateRefused(f"Checking for updates failed: {exc}")


class _Client(Client):
    """tufup's client, but a failed refresh is remembered: tufup only logs some of them."""

    refresh_error: Exception | None = None

    def refresh(self) -> None:
        try:
            super().refresh()
        except Exception as exc:
            self.refresh_error = exc
            raise


def _root_version(path: Path) -> int:
    try:
        return int(json.loads(path.read_text(encoding="utf-8"))["signed"]["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0


class Updater:
    """One check (and maybe one download) against ``url`` for the copy in ``install_folder``.

    ``trusted_root`` is the shipped ``root.json``: copied into ``state_dir/metadata`` the first
    time (or when a newer one was installed, e.g. after new keys); from then on TUF's own root
    rotation keeps it current."""

    def __init__(self, url: str, *, install_folder: Path, version: str, state_dir: Path,
                 trusted_root: Path) -> None:
        self.url = url.rstrip("/")
        self.install_folder = install_folder
        self.version = version
        self.state_dir = state_dir
        self.metadata_dir = state_dir / "metadata"
        self.targets_dir = state_dir / "targets"
        for folder in (self.metadata_dir, self.targets_dir):
            folder.mkdir(parents=True, exist_ok=True)
        local_root = self.metadata_dir / "root.json"
        if _root_version(trusted_root) > _root_version(local_root):  # first use, or a reinstall with new keys
            shutil.copy2(trusted_root, local_root)
        self._client: _Client | None = None
        self.offered: str | None = None

    def _new_client(self) -> _Client:
        return _Client(app_name=APP_NAME, app_install_dir=self.install_folder, current_version=self.version,
                       metadata_dir=self.metadata_dir, metadata_base_url=f"{self.url}/metadata/",
                       target_dir=self.targets_dir, target_base_url=f"{self.url}/targets/",
                       extract_dir=pending.stage_folder(self.state_dir), refresh_required=False)

    def check(self) -> str | None:
        """The newer version the server offers (verified metadata), or None when this one is newest."""
        client = self._client = self._new_client()
        try:
            offer = client.check_for_updates()
        except Exception as exc:
            raise refusal(exc, self.url) from exc
        if offer is None and client.refresh_error is not None:
            raise refusal(client.refresh_error, self.url) from client.refresh_error
        self.offered = str(offer.version) if offer is not None else None
        return self.offered

    def download(self, progress: Callable[[int, int], None] | None = None) -> pending.PendingUpdate:
        """Download the offered version, verify it, unpack it into the staging folder and mark it
        ready for the next start. Call :meth:`check` first."""
        if self._client is None or self.offered is None:
            raise RuntimeError("check() found no update to download")
        pending.discard(self.state_dir)
        staged: list[pending.PendingUpdate] = []

        def stage(src_dir: Path, dst_dir: Path, **_kwargs) -> None:  # tufup's "install" step
            staged.append(pending.mark_ready(self.state_dir, self.offered or ""))

        hook = (lambda bytes_downloaded, bytes_expected: progress(bytes_downloaded, bytes_expected)) \
            if progress else None
        try:
            self._client.download_and_apply_update(skip_confirmation=True, install=stage, progress_hook=hook)
        except Exception as exc:
            pending.discard(self.state_dir)
            raise refusal(exc, self.url) from exc
        if not staged:  # tufup gave up quietly (a patch that did not rebuild the signed archive)
            pending.discard(self.state_dir)
            raise UpdateRefused("The update could not be rebuilt to match its signed description.")
        return staged[0]
