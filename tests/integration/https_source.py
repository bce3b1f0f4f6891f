"""A real HTTPS video source on loopback for import tests, with a throwaway test certificate.

``serve_https(folder, clip)`` is a context manager giving ``HttpsSource(base, ca_file, data)``:
``/clip.mp4`` honours Range requests (Starlette's FileResponse), ``/norange.mp4`` ignores
them. The sandbox must be started with ``allow_private_urls=True`` and ``import_ca_file``.

Misbehaving sources for the import's failure paths: ``/huge.mp4`` announces ``HUGE_BYTES``
(over Pixop's 500 GB limit) without ever sending that body; ``/vanishes.mp4`` announces the
clip's size but cuts every connection after ``VANISH_AFTER`` bytes of a longer range
(``HttpsSource.vanish_requests`` counts the ranged GETs it cut, so a test can see nothing is
retried forever); any other path answers 404.
"""

from __future__ import annotations

import datetime
import ipaddress
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route


@dataclass(frozen=True)
class HttpsSource:
    base: str
    ca_file: Path
    data: bytes
    vanish_requests: list[str] = field(default_factory=list)


HUGE_BYTES = 500 * 10**9 + 1
VANISH_AFTER = 4096


def write_test_certificate(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "import test source")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(hours=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


class _Ready(uvicorn.Server):
    def __init__(self, config):
        super().__init__(config)
        self.ready = threading.Event()

    async def startup(self, sockets=None):
        await super().startup(sockets=sockets)
        self.ready.set()


@contextmanager
def serve_https(folder: Path, clip: Path):
    cert_file, key_file = write_test_certificate(folder)
    data = clip.read_bytes()

    async def no_range(request):
        return Response(data, media_type="video/mp4")

    async def ranged(request):
        return FileResponse(clip)

    cut: list[str] = []
    app = Starlette(routes=[Route("/clip.mp4", ranged), Route("/norange.mp4", no_range),
                            Route("/huge.mp4", _huge, methods=["GET", "HEAD"]),
                            Route("/vanishes.mp4", _Vanishing(data, cut))])
    server = _Ready(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off",
                                   ssl_certfile=str(cert_file), ssl_keyfile=str(key_file)))
    thread = threading.Thread(target=server.run, name="https-source")
    thread.start()
    try:
        assert server.ready.wait(10), "the HTTPS source did not start"
        port = server.servers[0].sockets[0].getsockname()[1]
        yield HttpsSource(f"https://127.0.0.1:{port}", cert_file, data, cut)
    finally:
        server.should_exit = True
        thread.join()


def _requested_range(request: Request, size: int) -> tuple[int, int] | None:
    """(start, end) of a ``Range: bytes=a-b`` header, or None without one."""
    spec = request.headers.get("range", "")
    if not spec.startswith("bytes="):
        return None
    first, _, last = spec[6:].partition("-")
    return int(first or 0), min(size - 1, int(last)) if last else size - 1


async def _huge(request: Request) -> Response:
    """Say the file is HUGE_BYTES long; only the one-byte probe ever gets a body."""
    if request.method == "HEAD":
        return Response(headers={"content-length": str(HUGE_BYTES), "accept-ranges": "bytes"})
    wanted = _requested_range(request, HUGE_BYTES)
    if wanted != (0, 0):
        return Response(status_code=416, headers={"content-range": f"bytes */{HUGE_BYTES}"})
    return Response(b"\0", status_code=206, headers={"content-range": f"bytes 0-0/{HUGE_BYTES}"})


class _Vanishing:
    """A raw ASGI endpoint: honest for short ranges (the size probe); a longer range gets its
    headers and VANISH_AFTER bytes, then the app returns mid-body and uvicorn closes the
    connection. (Raw ASGI rather than a short Content-Length body: no exception is raised, so
    no traceback is logged.)"""

    def __init__(self, data: bytes, cut: list[str]) -> None:
        self.data, self.cut = data, cut

    async def __call__(self, scope, receive, send) -> None:
        request = Request(scope, receive)
        start, end = _requested_range(request, len(self.data)) or (0, len(self.data) - 1)
        part = self.data[start:end + 1]
        headers = [(b"content-range", f"bytes {start}-{end}/{len(self.data)}".encode()),
                   (b"content-length", str(len(part)).encode())]
        await send({"type": "http.response.start", "status": 206, "headers": headers})
        if len(part) <= VANISH_AFTER:
            await send({"type": "http.response.body", "body": part})
            return
        self.cut.append(request.headers.get("range", ""))
        await send({"type": "http.response.body", "body": part[:VANISH_AFTER], "more_body": True})
