"""A refused JWT means "sign in again", whether Pixop says it with 401 or 403; a banned user
means "contact Pixop support", never a loop of new sign-ins."""

from __future__ import annotations

import pytest

from pixop_desktop.api.client import PixopClient
from pixop_desktop.api.errors import AccountBanned
from pixop_desktop.sandbox import DEFAULT_EMAIL, Sandbox
from pixop_desktop.transfer.download import download_media
from tests.fixtures.sandbox import client_kwargs, upload_video, v1_headers


@pytest.fixture
def strict_sandbox(tmp_path):
    with Sandbox(data_dir=tmp_path / "sandbox", token_ttl=1, variants=["expiry-403"]) as server:
        yield server


def test_expired_token_answered_403_signs_in_again(strict_sandbox):
    with PixopClient(**client_kwargs(strict_sandbox)) as client:
        first = client.accounts.account()
        jwt_before = client.current_jwt()
        strict_sandbox.faults.expire_tokens()  # the server refuses the token the client holds
        again = client.accounts.account()
        assert again.user.id == first.user.id
        assert client.current_jwt() != jwt_before


def test_download_resumes_across_a_403_token_expiry(strict_sandbox, small_clip, tmp_path):
    video_id = upload_video(strict_sandbox, small_clip, v1_headers(strict_sandbox))
    size = small_clip.stat().st_size
    strict_sandbox.faults.cut_downloads(1, after_bytes=size // 2)

    def expire_between_attempts(_seconds: float) -> None:
        strict_sandbox.faults.expire_tokens()

    with PixopClient(**client_kwargs(strict_sandbox), sleep=expire_between_attempts) as client:
        result = download_media(client, video_id, tmp_path / "out.mp4", original=True)
    assert result.path.read_bytes() == small_clip.read_bytes()
    assert result.attempts == 2 and result.bytes_received == size


def test_banned_user_gets_a_plain_message_and_no_new_sign_in(strict_sandbox):
    with PixopClient(**client_kwargs(strict_sandbox)) as client:
        client.accounts.account()
        jwt_before = client.current_jwt()
        strict_sandbox.ban_user(DEFAULT_EMAIL)
        with pytest.raises(AccountBanned) as caught:
            client.accounts.account()
        assert client._tokens.current is not None and client._tokens.current.jwt == jwt_before
    assert "suspended this account" in caught.value.message
    assert "Contact Pixop support" in caught.value.message
