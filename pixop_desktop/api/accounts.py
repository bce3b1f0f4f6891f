"""``client.accounts``: the v1 accounts service (/accounts/v1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .answers import parse
from .models import Account, Token, TokenInfo, User

if TYPE_CHECKING:
    from .client import PixopClient


class Accounts:
    def __init__(self, client: PixopClient) -> None:
        self._client = client

    def get_token(self, team_id: str | None = None) -> Token:
        """A fresh JWT for ``team_id`` (default team if None); the session is unchanged."""
        return self._client.request_token(team_id)

    def whoami(self) -> TokenInfo:
        """The user and team of the session's token, and the other teams on offer."""
        response = self._client.send_v1("POST", "/accounts/v1/token", idempotent=True)
        return parse(response, TokenInfo)

    def account(self) -> Account:
        response = self._client.send_v1("GET", "/accounts/v1/account")
        return parse(response, Account)

    def generate_auth_secret(self) -> User:
        """Make Pixop generate a new JWT signing key pair; returns the user with it."""
        response = self._client.send_v1("GET", "/accounts/v1/generate-auth-secret")
        return parse(response, User, key="user")

    def generate_signature_secret(self) -> User:
        """Make Pixop generate a new shared secret for signed API requests."""
        response = self._client.send_v1("GET", "/accounts/v1/generate-signature-secret")
        return parse(response, User, key="user")

    def update_password(self, new_password: str) -> User:
        """Change the account password. The client keeps using the old one until rebuilt."""
        if not new_password:
            raise ValueError("The new password must not be empty.")
        response = self._client.send_v1(
            "POST", "/accounts/v1/update-password", json={"newPassword": new_password}, idempotent=True
        )
        return parse(response, User, key="user")
