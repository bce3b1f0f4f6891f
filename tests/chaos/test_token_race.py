"""Found by the chaos test: tokens revoked again between a renewal and its retry (another
thread's refusal, a key rotation) failed the job for good with "session expired, sign in
again", although the password had just worked. A request now signs in again a few times."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pixop_desktop.api.client import TOKEN_RENEWALS, PixopClient
from pixop_desktop.api.errors import SessionsRefused
from pixop_desktop.sandbox import DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_PASSWORD

from .proxy import ChaosProxy, FaultPlan


def _expiring_on(sandbox, requests: set[int]):
    """A proxy that revokes every token just before forwarding the requests numbered ``requests``."""
    seen = []

    def expire() -> None:
        seen.append(1)
        if len(seen) in requests:
            sandbox.faults.expire_tokens()
    plan = replace(FaultPlan().calm(), expire_tokens=1.0)  # the callback decides which requests
    return ChaosProxy(("127.0.0.1", sandbox.port), plan, seed=0, expire_tokens=expire, lifetime=60)


def _client(proxy: ChaosProxy) -> PixopClient:
    return PixopClient(proxy.url, email=DEFAULT_EMAIL, password=DEFAULT_PASSWORD, api_key=DEFAULT_API_KEY)


def test_a_token_revoked_again_right_after_its_renewal_is_renewed_again(sandbox):
    # 1: sign in; 2: the request, refused; 3: sign in again; 4: refused again (revoked meanwhile)
    with _expiring_on(sandbox, {2, 4}) as proxy, _client(proxy) as client:
        assert client.accounts.account().user.email == DEFAULT_EMAIL
    assert any("tokens expired" in fault for fault in proxy.faults)


def test_a_server_refusing_every_new_token_still_ends(sandbox):
    with _expiring_on(sandbox, set(range(2, 100))) as proxy, _client(proxy) as client:
        with pytest.raises(SessionsRefused):
            client.accounts.account()
    assert proxy.requests == 2 + 2 * TOKEN_RENEWALS  # sign in + try, then each renewal: sign in + try
