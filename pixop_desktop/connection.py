"""Moved to ``pixop_desktop.services.connection``; this name stays only until commands/ and ui/ import from there."""

from pixop_desktop.services.connection import (  # noqa: F401 - re-exported for the old importers
    ENV_SERVER, NotSignedIn, ServerChoice, choose_server, choose_team, open_client, require_credentials,
)
