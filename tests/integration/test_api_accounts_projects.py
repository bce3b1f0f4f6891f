"""The client against the sandbox: accounts, teams, token renewal, projects, retries."""

from __future__ import annotations

import threading
import time

import pytest

from pixop_desktop.api import PixopClient
from pixop_desktop.api import errors as e
from pixop_desktop.api.retry import RetryPolicy
from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD, Sandbox


@pytest.fixture
def client(sandbox_client_kwargs):
    with PixopClient(**sandbox_client_kwargs, sleep=lambda s: None) as c:
        yield c


def test_accounts_endpoints(client):
    token = client.accounts.get_token()
    assert token.jwt_token and token.team_id
    who = client.accounts.whoami()
    assert who.user.email == DEFAULT_EMAIL
    assert who.team.id == token.team_id
    assert [t.name for t in who.other_teams] == ["Second Team"]
    account = client.accounts.account()
    assert account.user.id == who.user.id and account.team.id == who.team.id
    auth_secret = client.accounts.generate_auth_secret()
    assert auth_secret.id == who.user.id
    signature = client.accounts.generate_signature_secret()
    assert signature.api_request_signature_secret
    assert client.team_id == token.team_id


def test_update_password_then_sign_in_with_the_new_one(sandbox, client):
    client.accounts.update_password("brand-new-password")
    with PixopClient(sandbox.url, email=DEFAULT_EMAIL, password="brand-new-password") as fresh:
        assert fresh.accounts.account().user.email == DEFAULT_EMAIL
    with PixopClient(sandbox.url, email=DEFAULT_EMAIL, password=DEFAULT_PASSWORD) as stale:
        with pytest.raises(e.WrongCredentials) as caught:
            stale.accounts.account()
    assert DEFAULT_EMAIL in caught.value.message


def test_wrong_password_is_a_plain_error(sandbox):
    with PixopClient(sandbox.url, email=DEFAULT_EMAIL, password="nope", sleep=lambda s: None) as c:
        with pytest.raises(e.WrongCredentials) as caught:
            c.videos.iter_projects().__next__()
    assert caught.value.status_code == 401
    assert caught.value.message == f"Pixop rejected the password for {DEFAULT_EMAIL}. Check it in Settings → Account."


def test_team_switching_separates_videos(client):
    home = client.accounts.whoami()
    other = home.other_teams[0]
    mine = client.videos.create(name="home team video")
    token = client.switch_team(other.id)
    assert token.team_id == other.id and client.team_id == other.id
    assert client.accounts.whoami().team.id == other.id
    theirs = client.videos.create(name="second team video")
    listed = {v.id for v in client.videos.iter_videos()}
    assert theirs.video_id in listed and mine.video_id not in listed
    with pytest.raises((e.NotFound, e.PermissionDenied)):
        client.videos.get(mine.video_id)
    client.switch_team(home.team.id)
    listed = {v.id for v in client.videos.iter_videos()}
    assert mine.video_id in listed and theirs.video_id not in listed


def test_switching_to_a_foreign_team_is_refused_and_nothing_changes(client):
    home = client.accounts.whoami().team.id
    with pytest.raises(e.PixopError):
        client.switch_team("00000000-0000-4000-8000-000000000000")
    assert client.team_id == home
    assert client.accounts.whoami().team.id == home


def test_token_renewed_before_it_expires(tmp_path):
    with Sandbox(data_dir=tmp_path / "sb", token_ttl=2) as sb:
        with PixopClient(sb.url, email=DEFAULT_EMAIL, password=DEFAULT_PASSWORD) as c:
            c.accounts.account()
            first = c.current_jwt()
            time.sleep(1.7)  # past the renewal point (2 s - 20 %) but the server never saw an expired token
            c.accounts.account()
            second = c.current_jwt()
    assert first != second


def test_token_expired_by_the_server_is_renewed_once(sandbox, client):
    client.accounts.account()
    before = client.current_jwt()
    sandbox.faults.expire_tokens()
    assert client.accounts.account().user.email == DEFAULT_EMAIL
    assert client.current_jwt() != before


def test_project_crud_and_hal_pagination_over_three_pages(client):
    created = [client.videos.create_project(f"Project {n}") for n in range(7)]
    ids = [p.id for p in client.videos.iter_projects(page_size=3)]
    assert len(ids) == len(set(ids))
    assert {p.id for p in created} <= set(ids)
    assert len(ids) >= 7 and len(ids) > 2 * 3
    first_page = client.videos.list_projects_page(0, 3)
    assert len(first_page.items("projects")) == 3 and first_page.links.next is not None
    renamed = client.videos.rename_project(created[0].id, "Renamed")
    assert renamed.name == "Renamed" and client.videos.get_project(created[0].id).name == "Renamed"
    client.videos.delete_project(created[1].id)
    with pytest.raises(e.NotFound):
        client.videos.get_project(created[1].id)


def test_deleting_a_project_with_videos_is_a_conflict(client):
    project = client.videos.create_project("Busy")
    video = client.videos.create(name="inside", project_id=project.id)
    with pytest.raises(e.Conflict) as caught:
        client.videos.delete_project(project.id)
    assert caught.value.status_code == 409 and caught.value.message
    assert client.videos.delete(video.video_id) == [video.video_id]
    client.videos.delete_project(project.id)


def test_503_with_retry_after_is_waited_out(sandbox, sandbox_client_kwargs):
    delays = []
    with PixopClient(**sandbox_client_kwargs, sleep=delays.append,
                     retry_policy=RetryPolicy(max_retries=4, random=lambda: 0.0)) as c:
        c.accounts.account()
        sandbox.faults.unavailable(count=2, retry_after=3, path_prefix="/videos")
        project = c.videos.create_project("after two 503s")  # not idempotent, but 503 is safe
        assert c.videos.get_project(project.id).name == "after two 503s"
    assert delays == [3.0, 3.0]


def test_503_beyond_the_retry_budget_is_a_server_error(sandbox, sandbox_client_kwargs):
    delays = []
    with PixopClient(**sandbox_client_kwargs, sleep=delays.append,
                     retry_policy=RetryPolicy(max_retries=2, random=lambda: 0.0)) as c:
        c.accounts.account()
        sandbox.faults.unavailable(count=5, retry_after=1, path_prefix="/videos")
        with pytest.raises(e.ServerError) as caught:
            c.videos.get_project("anything")
    assert caught.value.status_code == 503 and delays == [1.0, 1.0]


def test_many_threads_share_one_client_across_a_token_expiry(sandbox, client):
    client.accounts.account()
    sandbox.faults.expire_tokens()
    results, failures = [], []

    def work():
        try:
            results.append(client.accounts.account().user.email)
        except Exception as exc:  # collected and asserted below
            failures.append(exc)

    threads = [threading.Thread(target=work) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert failures == [] and results == [DEFAULT_EMAIL] * 12
