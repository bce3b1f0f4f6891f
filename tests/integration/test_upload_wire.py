"""What the upload looks like on the wire, seen by a bare HTTP/1.1 server over loopback:
an exact Content-Length (never chunked) and a multipart body holding the file byte for byte."""

from __future__ import annotations

import json
import socketserver
import threading
import time

import jwt
import pytest

from pixop_desktop.api.client import PixopClient
from pixop_desktop.transfer.upload import upload_file


class _RecordingHandler(socketserver.StreamRequestHandler):
    """Answers the token request and the upload; records what each request carried."""

    def handle(self) -> None:
        request_line = self.rfile.readline().decode("latin-1").strip()
        headers: dict[str, str] = {}
        while (line := self.rfile.readline().decode("latin-1").strip()):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        body = self.rfile.read(int(headers.get("content-length", "0")))
        self.server.seen.append((request_line, headers, body))  # type: ignore[attr-defined]
        if request_line.startswith("GET /accounts/v1/token"):
            now = int(time.time())
            token = jwt.encode({"iat": now, "exp": now + 900}, "k" * 32, algorithm="HS256")
            answer = {"userId": "u1", "teamId": "t1", "jwtToken": token}
        else:
            answer = {"projectId": "p1", "videoId": "v1"}
        payload = json.dumps(answer).encode()
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                         + f"Content-Length: {len(payload)}\r\n\r\n".encode() + payload)


@pytest.fixture
def recorder():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _RecordingHandler)
    server.daemon_threads = True
    server.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, name="wire-recorder")
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def test_body_has_exact_length_and_carries_the_file(recorder, small_clip):
    url = f"http://127.0.0.1:{recorder.server_address[1]}"
    with PixopClient(url, email="ana@example.com", password="pw") as client:
        result = upload_file(client, "v1", small_clip, light=True, chunk_size=8 * 1024)
    assert result.server.video_id == "v1"
    request_line, headers, body = recorder.seen[-1]
    assert request_line == "POST /media/v1/upload/light/v1 HTTP/1.1"
    assert "transfer-encoding" not in headers
    assert int(headers["content-length"]) == len(body)
    assert headers["authorization"].startswith("Bearer ")
    boundary = headers["content-type"].split("boundary=")[1]
    head, _, rest = body.partition(b"\r\n\r\n")
    assert head.startswith(f"--{boundary}\r\n".encode())
    assert b'name="file"; filename="small.mp4"' in head
    assert rest == small_clip.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
