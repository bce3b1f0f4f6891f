"""Which server to talk to, and a ready client for it: shared by the CLI and the GUI.

The server root comes from, in order: ``--server``, ``PIXOP_SERVER``, the
settings file. Credentials come from :class:`~pixop_desktop.credentials.CredentialStore`
(environment, session, keyring). The team comes from ``--team`` or the
settings (only when the settings' server is the one in use: team ids belong
to one server).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from pixop_desktop.credentials import CredentialError, Credentials, CredentialStore
from pixop_desktop.settings import Settings, ServerKind, normalize_server_root, server_kind_for

ENV_SERVER = "PIXOP_SERVER"


class NotSignedIn(CredentialError):
    """No credentials for this server anywhere."""


@dataclass(frozen=True)
class ServerChoice:
    """The server in use and how to describe it."""

    url: str
    kind: ServerKind

    @property
    def label(self) -> str:
        """E.g. "Pixop (production)", "Sandbox on this computer"."""
        return {
            ServerKind.PRODUCTION: "Pixop",
            ServerKind.STAGING: "Pixop staging",
            ServerKind.SANDBOX: "Sandbox on this computer",
            ServerKind.CUSTOM: "Custom server",
        }[self.kind]


def choose_server(cli_value: str | None, settings: Settings,
                  environ: Mapping[str, str] | None = None) -> ServerChoice:
    """``--server`` beats ``PIXOP_SERVER`` beats settings. Raises SettingsError for a bad address."""
    environ = os.environ if environ is None else environ
    given = cli_value or (environ.get(ENV_SERVER) or "").strip() or None
    if given is None:
        return ServerChoice(settings.server, settings.server_kind)
    url = normalize_server_root(given)
    kind = settings.server_kind if url == settings.server else server_kind_for(url)
    return ServerChoice(url, kind)


def choose_team(cli_value: str | None, server: ServerChoice, settings: Settings) -> str | None:
    if cli_value:
        return cli_value
    return settings.team_id if server.url == settings.server else None


def require_credentials(store: CredentialStore) -> Credentials:
    """Load credentials or raise NotSignedIn with what to do about it."""
    credentials = store.load()
    if credentials.is_empty:
        raise NotSignedIn(
            "Not signed in",
            f"No Pixop credentials for {store.server}. Run 'pixop-desktop login', or set "
            "PIXOP_EMAIL and PIXOP_PASSWORD (or PIXOP_API_KEY) in the environment.")
    return credentials


def open_client(server: str, credentials: Credentials, team_id: str | None = None):
    """A PixopClient for ``server`` with these credentials (imported lazily: the CLI starts fast)."""
    from pixop_desktop.api.client import PixopClient

    return PixopClient(server, email=credentials.email, password=credentials.password,
                       api_key=credentials.api_key, team_id=team_id)
