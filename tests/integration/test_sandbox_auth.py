"""v1 authentication: real JWTs, each documented failure, expiry, teams, password change."""

from __future__ import annotations

import time

import httpx
import jwt
import pytest

from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD, Sandbox
from tests.fixtures.sandbox import v1_headers, v1_token


def _account(server, token: str | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return httpx.get(f"{server.url}/accounts/v1/account", headers=headers)


def _failure(response: httpx.Response) -> str:
    body = response.json()
    assert set(body) == {"exception", "errorMessage"} and body["errorMessage"]
    return body["exception"]


def test_token_is_a_real_signed_jwt_with_times(shared_sandbox):
    response = httpx.get(f"{shared_sandbox.url}/accounts/v1/token", auth=(DEFAULT_EMAIL, DEFAULT_PASSWORD))
    body = response.json()
    claims = jwt.decode(body["jwtToken"], options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == pytest.approx(900)
    assert claims["nbf"] <= time.time() < claims["exp"]
    assert claims["sub"] == body["userId"] and claims["team"] == body["teamId"]
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(body["jwtToken"], "not-the-secret-but-long-enough-for-hs256!!", algorithms=["HS256"])


def test_wrong_password_is_auth_exception(shared_sandbox):
    response = httpx.get(f"{shared_sandbox.url}/accounts/v1/token", auth=(DEFAULT_EMAIL, "nope"))
    assert response.status_code == 401 and _failure(response) == "AuthException"


@pytest.mark.parametrize("token, expected", [
    (None, "NoJWTTokenFoundException"),
    ("not.a.jwt", "InvalidJWTTokenFoundException"),
])
def test_missing_or_corrupt_token(shared_sandbox, token, expected):
    response = _account(shared_sandbox, token)
    assert response.status_code == 401 and _failure(response) == expected


def test_forged_tokens_are_refused_by_name(shared_sandbox):
    now = int(time.time())
    state = shared_sandbox.state
    user, team = state.user_id(DEFAULT_EMAIL), state.team_id("Demo Team")
    good = dict(sub=user, team=team, iat=now, nbf=now, exp=now + 60)
    cases = {
        "EternalJWTTokenException": {k: v for k, v in good.items() if k != "exp"},
        "ExpiredJWTTokenException": {**good, "exp": now - 5},
        "PrematureJWTTokenException": {**good, "nbf": now + 600},
        "InconsistentJWTClaimsException": {**good, "team": "not-a-team"},
    }
    for expected, claims in cases.items():
        response = _account(shared_sandbox, shared_sandbox.make_token(**claims))
        assert response.status_code == 401, expected
        assert _failure(response) == expected
    assert _account(shared_sandbox, shared_sandbox.make_token(**good)).status_code == 200
    foreign = jwt.encode(good, "someone-elses-secret-long-enough-for-hs256!!", algorithm="HS256")
    assert _failure(_account(shared_sandbox, foreign)) == "InvalidJWTTokenFoundException"


def test_token_expires_after_ttl(tmp_path):
    with Sandbox(data_dir=tmp_path / "d", token_ttl=2) as server:
        token = v1_token(server)
        assert _account(server, token).status_code == 200
        time.sleep(2.1)  # the TTL is wall-clock time; nothing to await
        response = _account(server, token)
        assert response.status_code == 401 and _failure(response) == "ExpiredJWTTokenException"


def test_expire_tokens_switch(sandbox):
    old = v1_token(sandbox)
    sandbox.faults.expire_tokens()
    assert _failure(_account(sandbox, old)) == "ExpiredJWTTokenException"
    assert _account(sandbox, v1_token(sandbox)).status_code == 200


def test_team_selection_and_other_teams(shared_sandbox):
    second = shared_sandbox.state.team_id("Second Team")
    headers = v1_headers(shared_sandbox, team_id=second)
    body = httpx.post(f"{shared_sandbox.url}/accounts/v1/token", headers=headers).json()
    assert body["team"]["id"] == second
    assert [t["name"] for t in body["otherTeams"]] == ["Demo Team"]
    assert body["user"]["email"] == DEFAULT_EMAIL
    refused = httpx.get(f"{shared_sandbox.url}/accounts/v1/token", auth=(DEFAULT_EMAIL, DEFAULT_PASSWORD),
                        params={"team-id": "someone-elses-team"})
    assert refused.status_code == 403 and _failure(refused) == "AuthException"


def test_account_and_secrets(shared_sandbox):
    headers = v1_headers(shared_sandbox)
    account = httpx.get(f"{shared_sandbox.url}/accounts/v1/account", headers=headers).json()
    assert account["team"]["name"] == "Demo Team"
    assert account["user"]["dateCreated"][4] == "-" and len(account["user"]["dateCreated"]) == 19
    before = account["user"]["apiRequestSignatureSecret"]
    basic = (DEFAULT_EMAIL, DEFAULT_PASSWORD)
    after = httpx.get(f"{shared_sandbox.url}/accounts/v1/generate-signature-secret", auth=basic).json()
    assert after["user"]["apiRequestSignatureSecret"] != before
    auth_secret = httpx.get(f"{shared_sandbox.url}/accounts/v1/generate-auth-secret", headers=headers)
    assert auth_secret.json()["user"]["authSignaturePublicKeyId"]


def test_update_password_really_changes_it(sandbox):
    response = httpx.post(f"{sandbox.url}/accounts/v1/update-password", headers=v1_headers(sandbox),
                          json={"newPassword": "a-new-password"})
    assert response.status_code == 200 and response.json()["user"]["email"] == DEFAULT_EMAIL
    old = httpx.get(f"{sandbox.url}/accounts/v1/token", auth=(DEFAULT_EMAIL, DEFAULT_PASSWORD))
    assert old.status_code == 401
    assert v1_token(sandbox, password="a-new-password")
    short = httpx.post(f"{sandbox.url}/accounts/v1/update-password",
                       auth=(DEFAULT_EMAIL, "a-new-password"), json={"newPassword": "x"})
    assert short.status_code == 400


def test_extra_users_have_their_own_team(tmp_path, small_clip):
    with Sandbox(data_dir=tmp_path / "d", users=["ana@example.com:ana-password"]) as server:
        ana = v1_headers(server, email="ana@example.com", password="ana-password")
        demo = v1_headers(server)
        created = httpx.put(f"{server.url}/videos/v1/video", headers=ana, json={"name": "ana's"})
        video_id = created.json()["videoId"]
        assert httpx.get(f"{server.url}/videos/v1/video/{video_id}", headers=ana).status_code == 200
        assert httpx.get(f"{server.url}/videos/v1/video/{video_id}", headers=demo).status_code == 404
