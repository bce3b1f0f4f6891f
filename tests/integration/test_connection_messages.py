"""An untrusted certificate and an unreadable (oversized) answer each get their own plain
message, not "check your internet connection"; neither is retried as if the network blinked."""

from __future__ import annotations

import socket
import threading
from contextlib import contextmanager

import pytest

from pixop_desktop.api.client import PixopClient
from pixop_desktop.api.errors import UnreadableAnswer, UntrustedCertificate

from .https_source import serve_https


def test_an_untrusted_certificate_says_so(tmp_path, small_clip):
    attempts = []
    with serve_https(tmp_path, small_clip) as source:
        client = PixopClient(source.base, api_key="k", sleep=attempts.append)
        with pytest.raises(UntrustedCertificate) as caught:
            client.send_api("GET", "/api/v1/input-locations/s3")
    message = caught.value.message
    assert "security certificate" in message and "never turns certificate checks off" in message
    assert "internet connection" not in message
    assert attempts == []  # not retried: the same certificate would come back


@contextmanager
def _loopback_server(on_connection):
    """A raw loopback TCP server calling ``on_connection(conn)`` for each client; its URL."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            on_connection(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        listener.close()


def _answer_with_a_huge_header(conn: socket.socket) -> None:
    with conn:
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nX-Huge: " + b"a" * 200_000 + b"\r\nContent-Length: 2\r\n\r\n{}")


@pytest.fixture
def oversized_header_server():
    """A loopback server whose every answer carries a 200 KB header line."""
    with _loopback_server(_answer_with_a_huge_header) as url:
        yield url


def test_an_unreadable_answer_says_so(oversized_header_server):
    client = PixopClient(oversized_header_server, api_key="k", sleep=lambda _s: None)
    with pytest.raises(UnreadableAnswer) as caught:
        client.send_api("GET", "/api/v1/input-locations/s3")
    assert "could not be read" in caught.value.message
    assert "internet connection" not in caught.value.message


@pytest.fixture
def silent_server():
    """A loopback server that accepts every connection and never answers; counts connections."""
    accepted: list[socket.socket] = []
    with _loopback_server(accepted.append) as url:  # held open, never answered
        yield url, accepted
    for conn in accepted:
        conn.close()


def test_a_server_that_never_answers_fails_within_the_request_budget(silent_server):
    import time

    from pixop_desktop.api.errors import Timeout
    from pixop_desktop.api.retry import RetryPolicy

    url, accepted = silent_server
    client = PixopClient(url, api_key="k", timeout=0.3, retry_policy=RetryPolicy(budget=1.0))
    started = time.monotonic()
    with pytest.raises(Timeout) as caught:
        client.send_api("GET", "/api/v1/input-locations/s3")
    elapsed = time.monotonic() - started
    assert elapsed < 3.0  # the budget, not 5 attempts × the read timeout and their waits
    assert 1 <= len(accepted) < 5
    assert "127.0.0.1 did not answer in time" in caught.value.message
