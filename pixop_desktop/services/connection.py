"""Which server and team to talk to, with which credentials, and a signed-in client: the same for
the command line and the window.

The server root comes from, in order: ``--server``, ``PIXOP_SERVER``, the
settings file. Credentials come from :class:`~pixop_desktop.credentials.CredentialStore`
(environment, session, keyring). The team comes from ``--team`` or the
settings (only when the settings' server is the one in use: team ids belong
to one server).

What a front end needs before it can sign in differs in one point only:
the window lists the library through the v1 API, so it needs an email and
password (``need_password``); most commands also work with an API key alone.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from pixop_desktop.credentials import CredentialError, Credentials, CredentialStore
from pixop_desktop.settings import Settings, ServerKind, load_settings, normalize_server_root, server_kind_for

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


@dataclass(frozen=True)
class ConnectionContext:
    """Everything known before talking to a server: the settings, the server, the team, where credentials are."""

    settings: Settings
    server: ServerChoice
    team_id: str | None
    store: CredentialStore


def choose_connection(server: str | None = None, team: str | None = None, *, settings: Settings | None = None,
                      environ: Mapping[str, str] | None = None) -> ConnectionContext:
    """The server (``server`` beats ``PIXOP_SERVER`` beats settings) and team (``team`` beats the settings')."""
    settings = load_settings() if settings is None else settings
    choice = choose_server(server, settings, environ)
    return ConnectionContext(settings, choice, choose_team(team, choice, settings), CredentialStore(choice.url))


def check_credentials(credentials: Credentials, server: str, *, need_password: bool = False,
                      then: str | None = None) -> Credentials:
    """``credentials`` if they can sign in to ``server``, else NotSignedIn saying what to do.

    Any credential will do, unless ``need_password``: then the email and password the v1 API needs.
    ``then``: what to do once signed in, added to the message (the window's "press Refresh").
    """
    if need_password and not credentials.can_sign_in and credentials.api_key:
        raise NotSignedIn(  # the key is there: say what it cannot do, not that nothing is saved
            "Email and password needed",
            "With an API key alone, this app can't show your videos or send files from this computer. Sign in "
            "with your Pixop email and password in Settings → Account" + (f", then {then}." if then else "."))
    if need_password and not credentials.can_sign_in:
        raise NotSignedIn(
            "Not signed in",
            f"There is no saved Pixop email and password for {server}. Sign in with "
            "'pixop-desktop login', or set PIXOP_EMAIL and PIXOP_PASSWORD" + (f", then {then}." if then else "."))
    if credentials.is_empty:
        raise NotSignedIn(
            "Not signed in",
            f"No Pixop credentials for {server}. Run 'pixop-desktop login', or set "
            "PIXOP_EMAIL and PIXOP_PASSWORD (or PIXOP_API_KEY) in the environment.")
    return credentials


def require_credentials(store: CredentialStore) -> Credentials:
    """Load credentials or raise NotSignedIn with what to do about it."""
    return check_credentials(store.load(), store.server)


def open_client(server: str, credentials: Credentials, team_id: str | None = None):
    """A PixopClient for ``server`` with these credentials (imported lazily: the CLI starts fast)."""
    from pixop_desktop.api.client import PixopClient

    return PixopClient(server, email=credentials.email, password=credentials.password,
                       api_key=credentials.api_key, team_id=team_id)


@contextmanager
def connected(context: ConnectionContext) -> Iterator[Any]:
    """A PixopClient for the chosen server and team with the stored credentials; closed afterwards."""
    client = open_client(context.server.url, require_credentials(context.store), context.team_id)
    try:
        yield client
    finally:
        client.close()


@dataclass
class AccountView:
    """Who we are and what the team has."""

    info: Any  # api.models.TokenInfo: user, team, other_teams
    projects: list[Any] = field(default_factory=list)


@dataclass
class Connected(AccountView):
    client: Any = None


def load_account(client) -> AccountView:
    return AccountView(info=client.accounts.whoami(), projects=list(client.videos.iter_projects()))


def switch_team(client, team_id: str) -> AccountView:
    client.switch_team(team_id)
    return load_account(client)


def connect_account(load_credentials: Callable[[], Credentials], server: str, team_id: str | None, *,
                    then: str | None = None) -> Connected:
    """Sign in with email and password (the library needs the v1 API), then fetch the account.

    ``load_credentials`` is called here, on the caller's thread: the keyring may be slow or prompt.
    The client is closed again when fetching the account fails.
    """
    credentials = check_credentials(load_credentials(), server, need_password=True, then=then)
    client = open_client(server, credentials, team_id)
    try:
        view = load_account(client)
    except BaseException:
        client.close()
        raise
    return Connected(info=view.info, projects=view.projects, client=client)
