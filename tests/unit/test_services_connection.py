"""services.connection: which server and team, one credentials check, a client that is always closed."""

from __future__ import annotations

import pytest

from pixop_desktop.credentials import Credentials
from pixop_desktop.errors import UserFacingError
from pixop_desktop.services.connection import (NotSignedIn, check_credentials, choose_connection,
                                               connect_account, connected)
from pixop_desktop.settings import Settings

SERVER = "https://api.pixop.com"


def test_the_server_and_team_come_from_the_option_the_environment_then_the_settings():
    settings = Settings(server="https://staging.pixop.com", team_id="team-9")
    assert choose_connection(settings=settings, environ={}).server.url == "https://staging.pixop.com"
    assert choose_connection(settings=settings, environ={}).team_id == "team-9"
    from_env = choose_connection(settings=settings, environ={"PIXOP_SERVER": "http://127.0.0.1:9"})
    assert from_env.server.url == "http://127.0.0.1:9" and from_env.team_id is None  # team ids belong to one server
    given = choose_connection("http://localhost:7", "team-1", settings=settings,
                              environ={"PIXOP_SERVER": "http://127.0.0.1:9"})
    assert (given.server.url, given.team_id, given.store.server) == ("http://localhost:7", "team-1", "http://localhost:7")


def test_any_credential_will_do_unless_a_password_is_needed():
    key_only = Credentials(api_key="k")
    assert check_credentials(key_only, SERVER) is key_only
    with pytest.raises(NotSignedIn) as caught:
        check_credentials(key_only, SERVER, need_password=True, then="press Refresh")
    assert isinstance(caught.value, UserFacingError) and caught.value.title == "Email and password needed"
    assert "API key alone, this app can't show your videos" in caught.value.message  # what the key cannot do, and
    assert caught.value.message.endswith("Settings → Account, then press Refresh.")  # the next step
    with pytest.raises(NotSignedIn) as caught:
        check_credentials(Credentials(email="a@b.c"), SERVER, need_password=True, then="press Refresh")
    assert caught.value.message.endswith("PIXOP_EMAIL and PIXOP_PASSWORD, then press Refresh.")
    with pytest.raises(NotSignedIn, match="PIXOP_API_KEY"):
        check_credentials(Credentials(), SERVER)


def test_nothing_is_opened_without_credentials():
    with pytest.raises(NotSignedIn):
        with connected(choose_connection(settings=Settings(), environ={})):
            pass  # pragma: no cover
    with pytest.raises(NotSignedIn):
        connect_account(lambda: Credentials(api_key="k"), SERVER, None)
