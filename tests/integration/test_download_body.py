"""How a download's body is received (transfer/body.py, bodyread.py, buffers.py): straight from
the socket when its length is known, through httpx otherwise, with the bandwidth limit bounding
each read and the digest following every written byte, even when the transfer stops mid-way."""

from __future__ import annotations

import hashlib
import socket
import ssl
import threading
from pathlib import Path

import httpx
import pytest

from pixop_desktop.api.media import download_path
from pixop_desktop.transfer.body import MIN_LIMITED_READ, receive_body
from pixop_desktop.transfer.bodyread import open_body
from pixop_desktop.transfer.buffers import BUFFER_SIZE
from pixop_desktop.transfer.digests import RunningDigest
from pixop_desktop.transfer.throttle import BandwidthLimiter
from tests.integration.test_download_fixtures import (  # noqa: F401  (fixtures)
    MEDIA_SIZE, media_bytes, remote,
)


class Stop(Exception):
    pass


def _get(remote):  # noqa: F811 (the fixture)
    return remote.client.stream_v1("GET", download_path(remote.video_id, original=True),
                                   headers={"Accept-Encoding": "identity"})


def _receive(response, part: Path, *, limiter=None, digest=None, stop_after=None) -> list[int]:
    pieces: list[int] = []

    def on_piece(piece, done):
        pieces.append(len(piece))

    def check_cancel():
        if stop_after is not None and len(pieces) >= stop_after:
            raise Stop()

    receive_body(response, part, 0, int(response.headers["content-length"]),
                 limiter=limiter or BandwidthLimiter(0), stall_seconds=10, cancelled=lambda: False,
                 check_cancel=check_cancel, on_piece=on_piece, digest=digest)
    return pieces


def test_a_body_of_known_length_is_read_from_the_socket(remote, tmp_path):  # noqa: F811
    part = tmp_path / "a.part"
    with _get(remote) as response:
        assert open_body(response).direct  # the sandbox states Content-Length
    with _get(remote) as response:
        _receive(response, part)
    assert part.read_bytes() == media_bytes(1)
    # h11 never saw that body end, so the connection went; the next request gets a new one.
    with _get(remote) as response:
        _receive(response, part)
    assert part.read_bytes() == media_bytes(1)


def test_the_digest_has_exactly_the_written_bytes_when_the_transfer_stops(remote, tmp_path):  # noqa: F811
    part, digest = tmp_path / "b.part", RunningDigest("sha256")
    with _get(remote) as response, pytest.raises(Stop):
        _receive(response, part, digest=digest, stop_after=2)
    written = part.read_bytes()
    assert 0 < len(written) < MEDIA_SIZE
    assert digest.covered == len(written)
    assert digest.hexdigest() == hashlib.sha256(written).hexdigest()


def test_under_a_bandwidth_limit_each_read_is_a_quarter_second_of_bytes(remote, tmp_path):  # noqa: F811
    rate, part = 512 * 1024, tmp_path / "c.part"  # 128 KiB a quarter second: under the 1 MiB buffer
    with _get(remote) as response, pytest.raises(Stop):
        _receive(response, part, limiter=BandwidthLimiter(rate), stop_after=3)
    assert part.stat().st_size <= 3 * max(MIN_LIMITED_READ, rate // 4) < BUFFER_SIZE


def test_a_chunked_body_goes_through_httpx_and_arrives_whole(tmp_path):
    data = media_bytes(7, 300_000)
    with _chunked_server(data) as url, httpx.Client() as client:
        with client.stream("GET", url) as response:
            assert not open_body(response).direct
            part = tmp_path / "d.part"
            done = receive_body(response, part, 0, None, limiter=BandwidthLimiter(0), stall_seconds=10,
                                cancelled=lambda: False, check_cancel=lambda: None,
                                on_piece=lambda piece, done: None)
    assert done == len(data) and part.read_bytes() == data


def test_over_tls_the_socket_decrypts_and_the_bytes_arrive_whole(tmp_path):
    """Pixop is HTTPS: the body read straight from the connection goes through TLS."""
    from tests.integration.https_source import serve_https

    clip = tmp_path / "clip.mp4"
    clip.write_bytes(media_bytes(9, 2 * 1024 * 1024 + 77))
    (tmp_path / "tls").mkdir()
    with serve_https(tmp_path / "tls", clip) as source, \
            httpx.Client(verify=ssl.create_default_context(cafile=source.ca_file)) as client, \
            client.stream("GET", f"{source.base}/norange.mp4", headers={"Accept-Encoding": "identity"}) as response:
        assert open_body(response).direct
        part, digest = tmp_path / "e.part", RunningDigest("sha256")
        _receive(response, part, digest=digest)
    assert part.read_bytes() == clip.read_bytes()
    assert digest.hexdigest() == hashlib.sha256(clip.read_bytes()).hexdigest()


class _chunked_server:
    """One loopback answer in chunked transfer coding (the sandbox always states a length)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.thread = threading.Thread(target=self._serve, name="chunked-server")

    def __enter__(self) -> str:
        self.thread.start()
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}/"

    def __exit__(self, *exc_info) -> None:
        self.thread.join(timeout=10)
        self.listener.close()

    def _serve(self) -> None:
        connection, _ = self.listener.accept()
        with connection:
            request = b""
            while b"\r\n\r\n" not in request:
                request += connection.recv(4096)
            connection.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
            for start in range(0, len(self.data), 70_000):
                chunk = self.data[start:start + 70_000]
                connection.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            connection.sendall(b"0\r\n\r\n")
