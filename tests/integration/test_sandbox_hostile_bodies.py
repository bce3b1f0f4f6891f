"""Hostile request bodies get a 400 with a plain message from the sandbox, never a 500."""

from __future__ import annotations

import httpx

from tests.fixtures.sandbox import api_headers, v1_headers


def test_json_nested_fifty_thousand_deep_is_a_bad_request(shared_sandbox):
    body = b"[" * 50_000 + b"]" * 50_000
    headers = {**v1_headers(shared_sandbox), "content-type": "application/json"}
    response = httpx.put(f"{shared_sandbox.url}/videos/v1/project", content=body, headers=headers)
    assert response.status_code == 400
    assert "too deeply" in response.text


def test_deep_json_on_the_current_api_is_a_bad_request_too(shared_sandbox):
    body = b'{"a":' * 50_000 + b"1" + b"}" * 50_000
    headers = {**api_headers(), "content-type": "application/json"}
    response = httpx.post(f"{shared_sandbox.url}/api/v1/videos/in/https", content=body, headers=headers)
    assert response.status_code == 400


def _closed_within(port: int, payload: bytes, seconds: float) -> bool:
    import socket

    with socket.create_connection(("127.0.0.1", port)) as conn:
        if payload:
            conn.sendall(payload)
        conn.settimeout(seconds)
        try:
            return conn.recv(100) == b""
        except socket.timeout:
            return False


def test_idle_and_half_sent_requests_are_closed(tmp_path):
    from pixop_desktop.sandbox import Sandbox

    with Sandbox(data_dir=tmp_path, header_timeout=0.3) as server:
        assert _closed_within(server.port, b"", 5)
        assert _closed_within(server.port, b"GET /accounts/v1/token HTTP/1.1\r\nHost: x\r\n", 5)
        # a whole request is answered, and the connection then idles out too
        import socket

        with socket.create_connection(("127.0.0.1", server.port)) as conn:
            conn.sendall(b"GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n")
            conn.settimeout(5)
            assert conn.recv(12).startswith(b"HTTP/1.1 ")


def test_a_client_that_leaves_mid_body_is_no_sandbox_error(shared_sandbox, caplog):
    """Found by the chaos test: a reset in the middle of a JSON body was logged as an
    unexpected sandbox error (a 500), which hid real ones in the log."""
    import socket
    import time

    host, port = "127.0.0.1", shared_sandbox.port
    token = v1_headers(shared_sandbox)["Authorization"]
    head = (f"PUT /videos/v1/video HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: {token}\r\n"
            "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n").encode()
    with socket.create_connection((host, port)) as conn:
        conn.sendall(head + b'{"name": "cut')
        time.sleep(0.2)  # the handler is reading the body when the client goes
    time.sleep(0.5)
    assert not [r for r in caplog.records if r.levelname == "ERROR" and r.name.startswith("pixop_desktop")]
