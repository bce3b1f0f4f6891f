"""services.connection against the sandbox: the CLI's and the window's way in are one."""

from __future__ import annotations

import pytest

from pixop_desktop.api.errors import WrongCredentials
from pixop_desktop.credentials import Credentials
from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD
from pixop_desktop.services.connection import choose_connection, connect_account, connected, switch_team
from pixop_desktop.settings import Settings


def test_connected_yields_a_signed_in_client_and_closes_it(signed_in):
    with connected(choose_connection(settings=Settings())) as client:
        assert client.server == signed_in.url
        assert client.accounts.whoami().user.email == DEFAULT_EMAIL
    assert client._http.is_closed


def test_connect_account_fetches_the_account_and_a_team_can_be_chosen(sandbox):
    demo = Credentials(email=DEFAULT_EMAIL, password=DEFAULT_PASSWORD)
    view = connect_account(lambda: demo, sandbox.url, None)
    try:
        assert view.info.user.email == DEFAULT_EMAIL and view.info.other_teams
        other = view.info.other_teams[0].id
        assert switch_team(view.client, other).info.team.id == other
    finally:
        view.client.close()


def test_a_refused_sign_in_is_told_in_plain_words(sandbox):
    with pytest.raises(WrongCredentials):
        connect_account(lambda: Credentials(email=DEFAULT_EMAIL, password="wrong"), sandbox.url, None)
