"""A real HTTPS video source on loopback for import tests, with a throwaway test certificate.

``serve_https(folder, clip)`` is a context manager giving ``HttpsSource(base, ca_file, data)``:
``/clip.mp4`` honours Range requests (Starlette's FileResponse), ``/norange.mp4`` ignores
them. The sandbox must be started with ``allow_private_urls=True`` and ``import_ca_file``.
"""

from __future__ import annotations

import datetime
import ipaddress
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from starlette.applications import Starlette
from starlette.responses import FileResponse, Response
from starlette.routing import Route


@dataclass(frozen=True)
class HttpsSource:
    base: str
    ca_file: Path
    data: bytes


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

    app = Starlette(routes=[Route("/clip.mp4", ranged), Route("/norange.mp4", no_range)])
    server = _Ready(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off",
                                   ssl_certfile=str(cert_file), ssl_keyfile=str(key_file)))
    thread = threading.Thread(target=server.run, name="https-source")
    thread.start()
    try:
        assert server.ready.wait(10), "the HTTPS source did not start"
        port = server.servers[0].sockets[0].getsockname()[1]
        yield HttpsSource(f"https://127.0.0.1:{port}", cert_file, data)
    finally:
        server.should_exit = True
        thread.join()
