"""Reading a download's body into our own buffer, with as few copies as curl makes.

httpx hands a body over as new ``bytes`` objects that h11 has already copied twice (into its
receive buffer, out of it); for a multi-gigabyte download those copies and the objects cost
more CPU than curl spends on the whole transfer (benchmarks/transfer.py). A body of known
length (``Content-Length``, not chunked) on a plain HTTP/1.1 connection is therefore read
straight from the connection's socket into the caller's buffer (``recv_into``, TLS decrypted
by the socket itself): first the body bytes h11 has already received but not handed over
(``trailing_data``), then the socket, never past the body's end. The connection is not
reused afterwards: h11 never saw the body end, so httpcore closes it when the response is
closed (one new connection per download, nothing else changes).

This relies on httpx/httpcore internals (how a response reaches its connection) and falls
back to ``iter_raw`` — the same bytes, one more copy — whenever they are not as expected:
another HTTP version, a TLS-in-TLS proxy, a chunked body, a body already partly read.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from typing import Any, Protocol

import httpx

# How a response reaches its HTTP/1.1 connection inside httpx 0.2x/httpcore 1.x.
_LINKS = ("_stream", "_httpcore_stream", "_connection")


class BodyBroke(Exception):
    """The body could not be read further (cut, reset, timed out); the reason in words."""


class BodySource(Protocol):
    direct: bool

    def readinto(self, view: memoryview) -> int:
        """Fill the start of ``view``; the count, 0 at the body's end. BodyBroke on failure."""
        ...


class SocketBody:
    """The rest of a body of known length, read from the socket into the caller's buffer."""

    direct = True

    def __init__(self, sock: socket.socket, received: bytes, length: int) -> None:
        self._sock = sock
        self._early = memoryview(received)[:length]  # h11's bytes first
        self._left = length

    def readinto(self, view: memoryview) -> int:
        if self._left <= 0:
            return 0
        if self._early:
            count = min(len(view), len(self._early))
            view[:count] = self._early[:count]
            self._early = self._early[count:]
        else:
            try:
                count = self._sock.recv_into(view, min(len(view), self._left))
            except OSError as exc:  # a reset, a timeout, a socket the watchdog shut down
                raise BodyBroke(type(exc).__name__) from exc
            if count == 0:
                self._left = 0  # the peer closed early; the caller sees the shortfall
                return 0
        self._left -= count
        return count


class IteratedBody:
    """Any other body, through httpx's ``iter_raw`` (copied into the caller's buffer)."""

    direct = False

    def __init__(self, response: httpx.Response) -> None:
        self._pieces: Iterator[bytes] = response.iter_raw()
        self._pending = memoryview(b"")

    def readinto(self, view: memoryview) -> int:
        while not self._pending:
            try:
                self._pending = memoryview(next(self._pieces))
            except StopIteration:
                return 0
            except (httpx.TransportError, httpx.StreamError) as exc:
                raise BodyBroke(type(exc).__name__) from exc
        count = min(len(view), len(self._pending))
        view[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count


def open_body(response: httpx.Response) -> BodySource:
    """The cheapest way to read what is left of ``response``'s body."""
    direct = _socket_body(response)
    return direct if direct is not None else IteratedBody(response)


def _socket_body(response: httpx.Response) -> SocketBody | None:
    length = _plain_length(response)
    if length is None or response.num_bytes_downloaded:
        return None
    connection = _h11_connection(response)
    stream = response.extensions.get("network_stream")
    if connection is None or stream is None:
        return None
    try:
        sock = stream.get_extra_info("socket")
        encrypted = stream.get_extra_info("ssl_object") is not None
        h11_state = connection._h11_state  # noqa: SLF001 (see the module's docstring)
        received, _closed = h11_state.trailing_data
        sending_body = h11_state.their_state.__name__ == "SEND_BODY"
    except (AttributeError, OSError):
        return None
    if not isinstance(sock, socket.socket) or not sending_body:
        return None
    if encrypted and not isinstance(sock, ssl.SSLSocket):  # TLS inside TLS: the socket is ciphertext
        return None
    return SocketBody(sock, received, length)


def _plain_length(response: httpx.Response) -> int | None:
    """The body's length when it is sent as is (Content-Length, no transfer coding)."""
    if response.http_version != "HTTP/1.1" or "transfer-encoding" in response.headers:
        return None
    try:
        length = int(response.headers["content-length"])
    except (KeyError, ValueError):
        return None
    return length if length >= 0 else None


def _h11_connection(response: httpx.Response) -> Any | None:
    node: Any = response.stream
    for _ in range(8):
        if hasattr(node, "_h11_state"):
            return node
        node = next((getattr(node, name) for name in _LINKS if hasattr(node, name)), None)
        if node is None:
            return None
    return None


__all__ = ["BodyBroke", "BodySource", "open_body"]
