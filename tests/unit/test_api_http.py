"""The client's request loop against a tiny scripted HTTP server on loopback.

No mocks: a real ``http.server`` answers from a per-test script, and records
what it received, so we can check retries, JWT renewal, where credentials go
and the exact bytes of an upload.
"""

from __future__ import annotations


import pytest
from python_multipart import MultipartParser

from pixop_desktop.api import PixopClient
from pixop_desktop.api import errors as e
from pixop_desktop.api.client import TOKEN_RENEWALS
from pixop_desktop.api.retry import RetryPolicy, is_transient
from tests.fixtures.scripted_server import API_KEY, EMAIL, PASSWORD

PROJECT = {"project": {"id": "p1", "name": "A"}}


def test_503_with_retry_after_is_retried_after_the_given_delay(server, client, sleeps):
    server.on("GET", "/videos/v1/project/p1", (503, {"Retry-After": "2"}, b"busy"), (200, {}, PROJECT))
    assert client.videos.get_project("p1").name == "A"
    assert sleeps == [2.0]


def test_backoff_without_retry_after_then_give_up(server, client, sleeps):
    server.on("GET", "/videos/v1/project/p1", (502, {}, b"bad gateway"))
    with pytest.raises(e.ServerError) as caught:
        client.videos.get_project("p1")
    assert sleeps == [0.5, 1.0, 2.0]
    assert server.counts[("GET", "/videos/v1/project/p1")] == 4
    assert caught.value.status_code == 502


@pytest.mark.parametrize("status, error", [(400, e.BadRequest), (403, e.PermissionDenied), (404, e.NotFound), (409, e.Conflict)])
def test_client_errors_are_not_retried(server, client, sleeps, status, error):
    server.on("DELETE", "/videos/v1/project/p1", (status, {}, {"exception": "X", "errorMessage": "no"}))
    with pytest.raises(error):
        client.videos.delete_project("p1")
    assert sleeps == [] and server.counts[("DELETE", "/videos/v1/project/p1")] == 1


def test_creating_a_video_is_not_retried_after_a_500(server, client, sleeps):
    server.on("PUT", "/videos/v1/video", (500, {}, b"oops"), (200, {}, {"videoId": "v2"}))
    with pytest.raises(e.ServerError):
        client.videos.create(name="x")
    assert server.counts[("PUT", "/videos/v1/video")] == 1 and sleeps == []


def test_creating_a_video_is_retried_after_a_503(server, client, sleeps):
    server.on("PUT", "/videos/v1/video", (503, {"Retry-After": "1"}, b""), (200, {}, {"videoId": "v2"}))
    assert client.videos.create(name="x").video_id == "v2"
    assert sleeps == [1.0]


def test_a_connection_reset_mid_post_is_not_retried_for_non_idempotent_requests(server, client, sleeps):
    server.on("PUT", "/videos/v1/project", "reset", (200, {}, PROJECT))
    with pytest.raises(e.ConnectionFailed):
        client.videos.create_project("A")
    assert server.counts[("PUT", "/videos/v1/project")] == 1


def test_a_connection_reset_is_retried_for_reads(server, client, sleeps):
    server.on("GET", "/videos/v1/project/p1", "reset", (200, {}, PROJECT))
    assert client.videos.get_project("p1").id == "p1"
    assert len(sleeps) == 1


def test_nothing_listening_is_a_connection_failure(sleeps):
    with PixopClient("http://127.0.0.1:9", email=EMAIL, password=PASSWORD, sleep=sleeps.append,
                     retry_policy=RetryPolicy(max_retries=2, random=lambda: 0.0)) as c:
        with pytest.raises(e.ConnectionFailed):
            c.videos.get_project("p1")
    assert sleeps == [0.5, 1.0]


def test_expired_jwt_is_renewed_once_and_the_request_repeated(server, client):
    expired = (401, {}, {"exception": "ExpiredJWTTokenException", "errorMessage": "expired"})
    server.on("GET", "/videos/v1/project/p1", expired, (200, {}, PROJECT))
    assert client.videos.get_project("p1").id == "p1"
    bearer = [r.headers["Authorization"] for r in server.requests if r.path.startswith("/videos")]
    assert len(bearer) == 2 and bearer[0] != bearer[1]
    assert server.tokens == 2


def test_401s_are_renewed_a_bounded_number_of_times(server, client):
    server.on("GET", "/videos/v1/project/p1", (401, {}, {"exception": "ExpiredJWTTokenException"}))
    with pytest.raises(e.SessionsRefused) as refused:  # the password worked: never "sign in again"
        client.videos.get_project("p1")
    assert server.counts[("GET", "/videos/v1/project/p1")] == 1 + TOKEN_RENEWALS
    assert is_transient(refused.value) and "sign in" not in refused.value.message.lower()


def test_wrong_password_is_reported_with_the_email(server, sleeps):
    server.on("GET", "/accounts/v1/token", (401, {}, {"exception": "AuthException", "errorMessage": "bad credentials"}))
    with PixopClient(server.url, email=EMAIL, password="wrong", sleep=sleeps.append) as bad:
        with pytest.raises(e.WrongCredentials) as caught:
            bad.videos.get_project("p1")
    assert EMAIL in caught.value.message and caught.value.title == "Wrong email or password"
    assert [r.path for r in server.requests] == ["/accounts/v1/token"] and sleeps == []


def test_basic_bearer_and_api_key_headers(server, client):
    server.on("GET", "/videos/v1/project/p1", (200, {}, PROJECT))
    server.on("GET", "/api/v1/videos/v9/in/status", (200, {}, {"videoId": "v9"}))
    client.videos.get_project("p1")
    client.imports.status("v9")
    token_request, project_request, status_request = server.requests
    assert token_request.headers["Authorization"].startswith("Basic ")
    assert project_request.headers["Authorization"].startswith("Bearer ")
    assert status_request.headers["X-API-Key"] == API_KEY and "Authorization" not in status_request.headers


def test_team_selection_goes_to_token_and_current_api(server, client):
    server.on("GET", "/api/v1/videos/v9/in/status", (200, {}, {"videoId": "v9"}))
    client.switch_team("team-2")
    client.imports.status("v9")
    assert "team-id=team-2" in server.requests[0].path
    assert "selectTeamId=team-2" in server.requests[1].path
    assert client.team_id == "team-2"


def test_credentials_never_go_to_another_origin(server, other_server, client):
    other_url = other_server.url.replace("127.0.0.1", "localhost")
    other_server.on("GET", "/file", (200, {}, b"media"))
    response = client.send_v1("GET", other_url + "/file", headers={"X-API-Key": "leak?"})
    assert response.content == b"media"
    seen = other_server.requests[0].headers
    assert "Authorization" not in seen and "X-API-Key" not in seen


def test_redirect_to_another_origin_drops_credentials(server, other_server, client, tmp_path):
    other_url = other_server.url.replace("127.0.0.1", "localhost")
    server.on("GET", "/media/v1/download/processed/v1", (302, {"Location": other_url + "/blob"}, b""))
    other_server.on("GET", "/blob", (200, {"Content-Disposition": 'attachment; filename="../../evil.mp4"'}, b"x" * 1000))
    info = client.media.download("v1", tmp_path / "out.mp4")
    assert (tmp_path / "out.mp4").read_bytes() == b"x" * 1000
    assert info.file_name == "evil.mp4"
    assert "Authorization" not in other_server.requests[0].headers


def test_upload_is_a_correct_multipart_body_with_exact_length(server, client, tmp_path):
    data = bytes(range(256)) * 4000  # ~1 MB, several chunks
    source = tmp_path / 'clip "1".mp4'
    source.write_bytes(data)
    server.on("POST", "/media/v1/upload/v1", (503, {}, b""), (200, {}, {"videoId": "v1", "projectId": "p"}))
    progress = []
    result = client.media.upload("v1", source, progress=lambda done, total: progress.append((done, total)))
    assert result.video_id == "v1"
    first, second = [r for r in server.requests if r.path.startswith("/media")]
    assert first.body == second.body  # the retry sent the whole file again
    assert int(second.headers["Content-Length"]) == len(second.body)
    boundary = second.headers["Content-Type"].split("boundary=")[1]
    parts = []
    parser = MultipartParser(boundary, callbacks={"on_part_data": lambda b, s, e_: parts.append(b[s:e_])})
    parser.write(second.body)
    assert b"".join(parts) == data
    assert b'filename="clip %221%22.mp4"' in second.body[:300]
    assert progress[-1] == (len(data), len(data)) and progress[0] == (0, len(data))


def test_hal_pagination_follows_next_and_stops_on_a_loop(server, client):
    def page(n, ids, next_n):
        links = {"self": {"href": f"/videos/v1/projects?page={n}"}}
        if next_n is not None:
            links["next"] = {"href": f"{server.url}/videos/v1/projects?page={next_n}"}
        return 200, {}, {"page": n, "pageSize": 2, "_links": links, "_embedded": {"projects": [{"id": i} for i in ids]}}

    def answer(handler):
        n = int(handler.path.split("page=")[1].split("&")[0]) if "page=" in handler.path else 0
        return {0: page(0, ["a", "b"], 1), 1: page(1, ["c", "d"], 2), 2: page(2, ["e"], 0)}[n]

    server.on("GET", "/videos/v1/projects", answer)
    assert [p.id for p in client.videos.iter_projects(page_size=2)] == ["a", "b", "c", "d", "e"]
    assert server.counts[("GET", "/videos/v1/projects")] == 4  # the 4th (back to page 0) is the loop we stop on


def test_hal_pagination_without_links_counts_pages(server, client):
    def answer(handler):
        n = int(handler.path.split("page=")[1].split("&")[0]) if "page=" in handler.path else 0
        ids = {0: ["a", "b"], 1: ["c", "d"], 2: ["e"]}.get(n, [])
        return 200, {}, {"page": n, "pageSize": 2, "_embedded": {"videos": [{"id": i} for i in ids]}}

    server.on("GET", "/videos/v1/videos", answer)
    assert [v.id for v in client.videos.iter_videos(project_id="p", page_size=2)] == ["a", "b", "c", "d", "e"]
    assert all("project-id=p" in r.path for r in server.requests if r.path.startswith("/videos"))


def test_foreign_next_links_are_not_followed(server, client):
    def answer(handler):
        n = int(handler.path.split("page=")[1].split("&")[0]) if "page=" in handler.path else 0
        ids = {0: ["a", "b"], 1: ["c"]}.get(n, [])
        return 200, {}, {"page": n, "pageSize": 2, "_links": {"next": {"href": "https://evil.example.com/steal"}},
                         "_embedded": {"projects": [{"id": i} for i in ids]}}

    server.on("GET", "/videos/v1/projects", answer)
    assert [p.id for p in client.videos.iter_projects(page_size=2)] == ["a", "b", "c"]


def test_current_api_pages(server, client):
    def answer(handler):
        n = int(handler.path.split("pageNumber=")[1].split("&")[0])
        items = [[{"id": "l1", "name": "A"}, {"id": "l2"}], [{"id": "l3"}]][n]
        return 200, {}, {"pageNumber": n, "pageSize": 2, "totalPages": 2, "totalElements": 3, "items": items}

    server.on("GET", "/api/v1/input-locations/s3", answer)
    assert [loc.id for loc in client.imports.iter_input_locations(page_size=2)] == ["l1", "l2", "l3"]


def test_rate_limited_current_api_request(server, client, sleeps):
    limited = (429, {"X-RateLimit-Reset": "3"}, {"statusCode": 429, "message": "slow down"})
    server.on("GET", "/api/v1/videos/v9/in/status", limited)
    with pytest.raises(e.RateLimited) as caught:
        client.imports.status("v9")
    assert caught.value.retry_after == 3 and sleeps == [3.0, 3.0, 3.0]


def test_garbage_json_is_an_unexpected_response(server, client):
    server.on("GET", "/videos/v1/project/p1", (200, {}, b"<html>login page</html>"))
    with pytest.raises(e.UnexpectedResponse):
        client.videos.get_project("p1")
    server.on("GET", "/videos/v1/project/p2", (200, {}, {"project": {"name": "no id"}}))
    with pytest.raises(e.UnexpectedResponse):
        client.videos.get_project("p2")


def test_missing_credentials_are_explained_before_any_request(server):
    with PixopClient(server.url) as anonymous:
        with pytest.raises(e.AuthenticationError) as caught:
            anonymous.videos.get_project("p1")
        assert "Settings" in caught.value.message
        with pytest.raises(e.AuthenticationError):
            anonymous.imports.status("v")
    assert server.requests == []
