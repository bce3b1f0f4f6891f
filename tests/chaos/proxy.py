"""A faulty HTTP/1.1 proxy for the chaos test: it sits between the app and the sandbox, on loopback.

It forwards every request (one upstream connection per request, bodies streamed
both ways, the Host header kept so the sandbox's links point back through it)
and injects, from a seeded random generator and the rates of a ``FaultPlan``:
added latency, resets in the middle of a request or a response, 502/503/504
bursts (with and without Retry-After; some sent after the sandbox acted, as when
a gateway loses an answer), stalls longer than the client's read timeout,
bodies cut short, and token expiry (``expire_tokens``).

It never changes a byte it forwards: a flipped byte would be an unfair test,
since Pixop's TLS rules that out; cutting and resetting are fair. Every fault is
logged (``ChaosProxy.faults``) so a failing seed can be read and replayed
(threads decide the order in which requests draw, so a replay is close, not
exact). It is bounded: sockets time out, and it stops after ``lifetime`` seconds
or ``max_requests`` requests.
"""

from __future__ import annotations

import random
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

CHUNK = 64 * 1024
SOCKET_TIMEOUT = 30.0
_NO_BODY_STATUS = {204, 304}


@dataclass(frozen=True)
class FaultPlan:
    """How often each fault strikes one request (0 … 1) and how hard."""

    latency: float = 0.2
    max_latency: float = 0.3
    reset_request: float = 0.03
    reset_response: float = 0.04
    burst: float = 0.03
    max_burst: int = 3
    lost_answer: float = 0.02
    stall: float = 0.03
    stall_seconds: float = 2.5
    truncate: float = 0.04
    expire_tokens: float = 0.03

    @classmethod
    def harsh(cls) -> FaultPlan:
        """About twice as many faults: the long run (``make chaos``), which hunts for bugs."""
        return cls(latency=0.3, reset_request=0.06, reset_response=0.08, burst=0.05, max_burst=4,
                   lost_answer=0.05, stall=0.05, truncate=0.08, expire_tokens=0.06)

    def calm(self) -> FaultPlan:
        return FaultPlan(**{name: 0.0 for name in self.__dataclass_fields__})


class _Request:
    """A request's head as read from the client."""

    def __init__(self, line: bytes, headers: list[tuple[bytes, bytes]]) -> None:
        self.line, self.headers = line, headers
        self.method, self.target = line.split(b" ")[0].decode(), line.split(b" ")[1].decode("latin-1")

    def header(self, name: bytes) -> bytes | None:
        return next((v for k, v in self.headers if k.lower() == name), None)

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]

    def head_for_upstream(self) -> bytes:
        kept = [(k, v) for k, v in self.headers if k.lower() not in (b"connection", b"keep-alive")]
        lines = [self.line, *(k + b": " + v for k, v in kept), b"Connection: close"]
        return b"\r\n".join(lines) + b"\r\n\r\n"

    @property
    def wants_close(self) -> bool:
        return (self.header(b"connection") or b"").lower() == b"close"


class ChaosProxy:
    """``with ChaosProxy(("127.0.0.1", port), plan, seed=…, expire_tokens=…) as proxy: proxy.url``."""

    def __init__(self, upstream: tuple[str, int], plan: FaultPlan, *, seed: int,
                 expire_tokens: Callable[[], None] | None = None, lifetime: float = 600.0,
                 max_requests: int = 20_000) -> None:
        self.upstream, self.plan, self.seed = upstream, plan, seed
        self._expire = expire_tokens
        self.lifetime, self.max_requests = lifetime, max_requests
        self.faults: list[str] = []
        self.requests = 0
        self._random = random.Random(seed)
        self._burst_left = 0
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self._started = time.monotonic()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def set_plan(self, plan: FaultPlan) -> None:
        with self._lock:
            self.plan = plan

    # ----- life cycle ---------------------------------------------------------------------

    def __enter__(self) -> ChaosProxy:
        self._spawn(self._accept, "chaos-proxy")
        return self

    def __exit__(self, *exc_info) -> None:
        self._stopping.set()
        with self._lock:
            sockets = list(self._open)
        for sock in sockets:  # unblocks the threads reading from them
            _shutdown(sock)
        for thread in list(self._threads):
            thread.join(timeout=10)
        self._listener.close()

    def _spawn(self, target, name: str, *args) -> None:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while not self._stopping.is_set() and time.monotonic() - self._started < self.lifetime:
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(SOCKET_TIMEOUT)
            self._track(client)
            self._spawn(self._serve, "chaos-proxy-conn", client)

    def _track(self, sock: socket.socket, add: bool = True) -> None:
        with self._lock:
            (self._open.add if add else self._open.discard)(sock)

    # ----- one client connection (keep-alive: many requests) -------------------------------

    def _serve(self, client: socket.socket) -> None:
        reader = client.makefile("rb")
        try:
            while not self._stopping.is_set():
                request = _read_request(reader)
                if request is None or not self._one(request, reader, client):
                    return
        except (OSError, ValueError):
            return
        finally:
            self._track(client, add=False)
            reader.close()
            client.close()

    def _log(self, number: int, request: _Request, what: str) -> None:
        with self._lock:
            self.faults.append(f"#{number} {request.method} {request.path}: {what}")

    def _draw(self) -> tuple[int, dict]:
        """This request's number and faults, drawn in order under the lock (one seed, one schedule)."""
        with self._lock:
            self.requests += 1
            plan, rng = self.plan, self._random
            chance = {name: rng.random() < getattr(plan, name) for name in
                      ("latency", "reset_request", "reset_response", "burst", "lost_answer", "stall",
                       "truncate", "expire_tokens")}
            if chance["burst"] and self._burst_left == 0:
                self._burst_left = rng.randint(1, plan.max_burst)
            refuse = None
            if self._burst_left:
                self._burst_left -= 1
                refuse = (rng.choice((502, 503, 504)), rng.choice((None, "0", "1")))
            return self.requests, dict(
                chance, refuse=refuse, delay=rng.uniform(0, plan.max_latency), cut=rng.random(),
                stall_seconds=plan.stall_seconds * rng.uniform(1.0, 1.4), stall_at_head=rng.random() < 0.5)

    def _one(self, request: _Request, reader, client: socket.socket) -> bool:
        """Forward one request (with its faults); False when the client connection is done."""
        number, fault = self._draw()
        if number > self.max_requests:
            self._log(number, request, "request limit reached: connection closed")
            return False
        if fault["expire_tokens"] and self._expire is not None:
            self._log(number, request, "tokens expired")
            self._expire()
        if fault["latency"]:
            time.sleep(fault["delay"])
        body = _body_of(request, reader)
        if fault["refuse"] and not fault["lost_answer"]:
            status, retry_after = fault["refuse"]
            _drain(body)
            self._log(number, request, f"answered {status} (Retry-After {retry_after}) without forwarding")
            client.sendall(_error_answer(status, retry_after))
            return not request.wants_close
        upstream = socket.create_connection(self.upstream, timeout=SOCKET_TIMEOUT)
        self._track(upstream)
        try:
            upstream.sendall(request.head_for_upstream())
            for index, block in enumerate(body):
                if fault["reset_request"] and index == 0 and (block or fault["cut"] < 0.5):
                    self._log(number, request, "connection reset mid-request")
                    _reset(upstream)
                    _reset(client)
                    return False
                upstream.sendall(block)
            return self._answer(number, request, fault, upstream, client)
        finally:
            self._track(upstream, add=False)
            upstream.close()

    def _answer(self, number: int, request: _Request, fault: dict, upstream: socket.socket,
                client: socket.socket) -> bool:
        upstream_reader = upstream.makefile("rb")
        try:
            head, status, framing, length = _read_response_head(upstream_reader, request.method)
            if fault["lost_answer"]:  # the sandbox acted; the gateway lost its answer
                _drain(_body_blocks(upstream_reader, framing, length))
                status = fault["refuse"][0] if fault["refuse"] else 504
                self._log(number, request, f"sandbox answered, proxy lost it and answered {status}")
                client.sendall(_error_answer(status, None))
                return not request.wants_close
            raw = _raw_stream(head, upstream_reader, framing, length)
            cut = _cut_point(fault["cut"], len(head), length)
            if fault["truncate"] and cut is not None:
                self._log(number, request, f"answer {status} cut after {cut} bytes (closed)")
                _send_until(client, raw, cut)
                client.shutdown(socket.SHUT_RDWR)
                return False
            if fault["reset_response"] and cut is not None:
                self._log(number, request, f"answer {status} reset after {cut} bytes")
                _send_until(client, raw, cut)
                _reset(client)
                return False
            if fault["stall"]:
                where = "before its head" if fault["stall_at_head"] else "after its head"
                self._log(number, request, f"answer {status} stalled {fault['stall_seconds']:.1f} s {where}")
                if fault["stall_at_head"]:
                    time.sleep(fault["stall_seconds"])
                else:
                    _send_until(client, raw, len(head))
                    time.sleep(fault["stall_seconds"])
            for block in raw:
                client.sendall(block)
            return framing != "close" and not request.wants_close
        finally:
            upstream_reader.close()


# ----- HTTP/1.1 framing ---------------------------------------------------------------------


def _read_request(reader) -> _Request | None:
    line = reader.readline(65536)
    if not line:
        return None
    return _Request(line.rstrip(b"\r\n"), _read_headers(reader))


def _read_headers(reader) -> list[tuple[bytes, bytes]]:
    headers = []
    while (line := reader.readline(65536)) not in (b"\r\n", b"\n", b""):
        name, _, value = line.rstrip(b"\r\n").partition(b":")
        headers.append((name.strip(), value.strip()))
    return headers


def _body_of(request: _Request, reader) -> Iterator[bytes]:
    """The request body's raw bytes (framing included), streamed."""
    if (request.header(b"transfer-encoding") or b"").lower() == b"chunked":
        return _chunked(reader)
    return _sized(reader, int(request.header(b"content-length") or 0))


def _sized(reader, length: int) -> Iterator[bytes]:
    while length > 0:
        block = reader.read(min(CHUNK, length))
        if not block:
            raise ValueError("the body ended early")
        length -= len(block)
        yield block


def _chunked(reader) -> Iterator[bytes]:
    while True:
        size_line = reader.readline(1024)
        yield size_line
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            while (line := reader.readline(65536)) not in (b"\r\n", b"\n", b""):
                yield line
            yield b"\r\n"
            return
        yield from _sized(reader, size + 2)


def _read_response_head(reader, method: str) -> tuple[bytes, int, str, int | None]:
    line = reader.readline(65536)
    status = int(line.split(b" ")[1])
    headers = _read_headers(reader)
    head = line + b"".join(k + b": " + v + b"\r\n" for k, v in headers)
    values = {k.lower(): v for k, v in headers}
    if method == "HEAD" or status in _NO_BODY_STATUS or status < 200:
        framing, length = "sized", 0
    elif values.get(b"transfer-encoding", b"").lower() == b"chunked":
        framing, length = "chunked", None
    elif b"content-length" in values:
        framing, length = "sized", int(values[b"content-length"])
    else:
        framing, length = "close", None
        head += b"Connection: close\r\n"
    return head + b"\r\n", status, framing, length


def _body_blocks(reader, framing: str, length: int | None) -> Iterator[bytes]:
    if framing == "chunked":
        return _chunked(reader)
    if framing == "sized":
        return _sized(reader, length or 0)
    return iter(lambda: reader.read1(CHUNK), b"")


def _raw_stream(head: bytes, reader, framing: str, length: int | None) -> Iterator[bytes]:
    yield head
    yield from _body_blocks(reader, framing, length)


def _cut_point(fraction: float, head_length: int, body_length: int | None) -> int | None:
    """Where to cut an answer: inside its head, or inside a body of known length."""
    if body_length:
        return head_length + int(fraction * body_length)
    return int(fraction * head_length) if fraction < 0.5 else None


def _send_until(sock: socket.socket, raw: Iterator[bytes], limit: int) -> None:
    """Send the first ``limit`` bytes of ``raw`` (the rest is left unread)."""
    sent = 0
    for block in raw:
        take = block[: limit - sent]
        sock.sendall(take)
        sent += len(take)
        if sent >= limit:
            return


def _drain(blocks: Iterator[bytes]) -> None:
    for _ in blocks:
        pass


def _error_answer(status: int, retry_after: str | None) -> bytes:
    body = b'{"error": "the gateway says no"}'
    extra = f"Retry-After: {retry_after}\r\n" if retry_after is not None else ""
    reason = {502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}[status]
    return (f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n{extra}"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


def _reset(sock: socket.socket) -> None:
    """Close with a TCP RST (SO_LINGER 0), as a crashed peer or a middlebox does."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    except OSError:
        pass


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
