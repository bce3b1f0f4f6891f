"""JWT expiry reading and the thread-safe token keeper."""

from __future__ import annotations

import threading
import time

import jwt as pyjwt

from pixop_desktop.api.auth import (
    DEFAULT_LIFETIME,
    TokenKeeper,
    jwt_claims,
    renewal_margin,
    token_lifetime,
)


def make_jwt(**claims) -> str:
    return pyjwt.encode(claims, "not-our-business-to-verify-this-key-32b", algorithm="HS256")


def test_claims_are_read_without_the_key():
    token = make_jwt(sub="u1", exp=2000, iat=1100)
    assert jwt_claims(token) == {"sub": "u1", "exp": 2000, "iat": 1100}


def test_lifetime_from_iat_and_exp_ignores_our_clock():
    assert token_lifetime(make_jwt(iat=1000, exp=1900), now_wall=5_000_000) == 900


def test_lifetime_without_iat_uses_wall_clock():
    assert token_lifetime(make_jwt(exp=1_000_010), now_wall=1_000_000) == 10


def test_unreadable_tokens_are_assumed_to_live_fifteen_minutes():
    for token in ("garbage", "a.b.c", "a.!!!.c", "", make_jwt(sub="x"), make_jwt(exp="soon")):
        assert token_lifetime(token) == DEFAULT_LIFETIME


def test_margin_is_proportional_but_capped():
    assert renewal_margin(900) == 60
    assert renewal_margin(2) == 0.4


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_keeper_renews_before_expiry_not_after():
    clock = FakeClock()
    issued = []

    def fetch(team_id):
        token = make_jwt(iat=0, exp=10, n=len(issued))
        issued.append(team_id)
        return token, "team-a", "user-1"

    keeper = TokenKeeper(fetch, clock=clock)
    first = keeper.jwt()
    clock.now += 7.9  # 10 s lifetime, 2 s margin
    assert keeper.jwt() == first
    clock.now += 0.2
    second = keeper.jwt()
    assert second != first
    assert len(issued) == 2


def test_discard_only_drops_the_token_that_was_refused():
    clock = FakeClock()
    counter = iter(range(100))
    keeper = TokenKeeper(lambda team: (make_jwt(iat=0, exp=900, n=next(counter)), None, None), clock=clock)
    old = keeper.jwt()
    keeper.discard(old)
    new = keeper.jwt()
    assert new != old
    keeper.discard(old)  # a late 401 for the old token must not drop the new one
    assert keeper.jwt() == new


def test_select_team_is_passed_to_fetch():
    teams = []
    keeper = TokenKeeper(lambda team: (teams.append(team) or make_jwt(iat=0, exp=900), team, None))
    keeper.jwt()
    keeper.select_team("team-b")
    keeper.jwt()
    assert teams == [None, "team-b"]
    assert keeper.current.team_id == "team-b"


def test_many_threads_share_one_fetch():
    calls = []
    gate = threading.Event()

    def slow_fetch(team):
        calls.append(team)
        gate.wait(2)
        return make_jwt(iat=0, exp=900), None, None

    keeper = TokenKeeper(slow_fetch)
    results = []
    threads = [threading.Thread(target=lambda: results.append(keeper.jwt())) for _ in range(16)]
    for thread in threads:
        thread.start()
    time.sleep(0.05)  # let them pile up on the lock
    gate.set()
    for thread in threads:
        thread.join(5)
    assert len(calls) == 1
    assert len(set(results)) == 1 and len(results) == 16


def test_a_refused_team_switch_changes_nothing():
    def fetch(team):
        if team == "foreign":
            raise PermissionError("not a member")
        return make_jwt(iat=0, exp=900, team=team or "home"), team or "home", "u"

    keeper = TokenKeeper(fetch)
    before = keeper.jwt()
    try:
        keeper.switch("foreign")
    except PermissionError:
        pass
    assert keeper.jwt() == before and keeper.current.team_id == "home"
    assert keeper.switch("other").team_id == "other"
    assert keeper.current.team_id == "other"
