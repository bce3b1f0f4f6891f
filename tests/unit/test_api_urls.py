"""Where credentials may go: server root rules and origin checks."""

from __future__ import annotations

import pytest

from pixop_desktop.api.errors import InsecureServer
from pixop_desktop.api.urls import (
    check_transport_safe,
    is_loopback_host,
    normalize_server,
    redact,
    resolve,
    same_origin,
    segment,
)
import httpx


@pytest.mark.parametrize(
    "server, expected",
    [
        ("https://api.pixop.com", "https://api.pixop.com"),
        ("https://api.pixop.com/", "https://api.pixop.com"),
        ("  https://staging-api.pixop.com//  ", "https://staging-api.pixop.com"),
        ("http://127.0.0.1:8123/", "http://127.0.0.1:8123"),
        ("http://127.1.2.3:80", "http://127.1.2.3"),
        ("http://localhost:9000", "http://localhost:9000"),
        ("http://[::1]:9000", "http://[::1]:9000"),
        ("https://proxy.example.com/pixop/", "https://proxy.example.com/pixop"),
    ],
)
def test_accepted_server_roots_are_normalised(server, expected):
    assert normalize_server(server) == expected


@pytest.mark.parametrize(
    "server", ["http://api.pixop.com", "http://10.0.0.5:8080", "http://192.168.1.2", "http://[fe80::1]"]
)
def test_plain_http_beyond_loopback_is_refused(server):
    with pytest.raises(InsecureServer) as caught:
        normalize_server(server)
    assert "https://" in caught.value.message
    assert caught.value.title


@pytest.mark.parametrize(
    "server", ["", "api.pixop.com", "ftp://api.pixop.com", "https://user:pw@api.pixop.com", "https://a.com/?x=1"]
)
def test_unusable_server_roots_are_rejected(server):
    with pytest.raises(ValueError):
        normalize_server(server)


def test_loopback_detection():
    assert is_loopback_host("localhost")
    assert is_loopback_host("127.0.0.1")
    assert is_loopback_host("127.255.0.9")
    assert is_loopback_host("[::1]")
    assert not is_loopback_host("localhost.evil.com")
    assert not is_loopback_host("128.0.0.1")
    assert not is_loopback_host("10.0.0.1")


def test_same_origin_compares_scheme_host_and_port():
    root = "https://api.pixop.com"
    assert same_origin("https://api.pixop.com/videos/v1/video/1", root)
    assert same_origin("https://API.pixop.com:443/x", root)
    assert not same_origin("http://api.pixop.com/x", root)
    assert not same_origin("https://api.pixop.com:8443/x", root)
    assert not same_origin("https://api.pixop.com.evil.com/x", root)
    assert not same_origin("https://media.pixop.com/x", root)
    assert not same_origin("http://localhost:8000/x", "http://127.0.0.1:8000")


def test_resolve_keeps_absolute_urls_and_roots_paths():
    root = "https://api.pixop.com"
    assert str(resolve(root, "/videos/v1/videos")) == "https://api.pixop.com/videos/v1/videos"
    assert str(resolve(root, "videos/v1/videos")) == "https://api.pixop.com/videos/v1/videos"
    assert str(resolve(root, "https://cdn.example.com/f.mp4")) == "https://cdn.example.com/f.mp4"
    assert str(resolve("https://proxy.example.com/pixop", "/accounts/v1/token")) == (
        "https://proxy.example.com/pixop/accounts/v1/token"
    )


def test_plain_http_links_off_this_computer_are_not_followed():
    check_transport_safe(httpx.URL("https://cdn.example.com/x"))
    check_transport_safe(httpx.URL("http://127.0.0.1:5/x"))
    with pytest.raises(InsecureServer):
        check_transport_safe(httpx.URL("http://cdn.example.com/x"))


def test_redact_hides_query_values_and_user_info():
    text = redact("https://u:secret@api.pixop.com/x?token=abc&page=2")
    assert "secret" not in text and "abc" not in text
    assert text.startswith("https://api.pixop.com/x?")
    assert "token=" in text and "page=" in text


def test_ids_become_single_path_segments():
    assert segment("abc-123") == "abc-123"
    assert segment("../../accounts") == "..%2F..%2Faccounts"
    with pytest.raises(ValueError):
        segment("..")
    with pytest.raises(ValueError):
        segment("")


@pytest.mark.parametrize("given, expected", [
    ("https://api.pixop.com/videos/v1/check-process-video-progress/1",
     "https://api.pixop.com/videos/v1/check-process-video-progress/1"),
    ("https://storage.example.com/o?sig=1", "https://storage.example.com/o?sig=1"),  # no credentials: decided per request
    ("/videos/v1/x", "https://api.pixop.com/videos/v1/x"),
    ("http://127.0.0.1:9/x", "http://127.0.0.1:9/x"),
    ("http://pixop.example.com/x", None),  # plain http off this computer
    ("https://user:pw@api.pixop.com/x", None),
    ("javascript:alert(1)", None), ("relative/path", None), ("ftp://a/b", None),
    ("", None), (None, None), (42, None),
])
def test_server_given_urls(given, expected):
    from pixop_desktop.api.urls import server_given

    found = server_given("https://api.pixop.com", given)
    assert (None if found is None else str(found)) == expected
