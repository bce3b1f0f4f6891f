"""The servers the benchmark measures against: the sandbox and nginx, both on loopback.

The sandbox runs in this (the parent) process, in its own thread: the measured clients all run
as child processes, so they never share a GIL with it, and the parent keeps direct access to
``sandbox.faults`` for the interrupted-download run. nginx is started from a throw-away config
in a temp folder (no root, no system paths) and serves the very file the sandbox stores.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from pixop_desktop.api import PixopClient
from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD, Sandbox

NGINX_HINT = "install it with: sudo apt-get install nginx-light (Debian/Ubuntu) or brew install nginx"


@contextmanager
def sandbox(data_dir: Path) -> Iterator[Sandbox]:
    """A sandbox with only the light work it must do (no free clips)."""
    with Sandbox(data_dir=data_dir, workers=1, free_clips=False) as server:
        yield server


def client(server: Sandbox) -> PixopClient:
    return PixopClient(server.url, email=DEFAULT_EMAIL, password=DEFAULT_PASSWORD, timeout=120.0)


def header_file(folder: Path, jwt: str) -> Path:
    """An ``Authorization`` header in a private file, for ``curl -H @file`` (never argv)."""
    path = folder / "auth-header.txt"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(f"Authorization: Bearer {jwt}\n")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


NGINX_CONF = """\
{user}worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    default_type application/octet-stream;
    server {{
        listen 127.0.0.1:{port};
        # The media bytes come from nginx itself (sendfile, strong ETag, Range, If-Range) ...
        location /media/v1/download/original/ {{ alias {media}/; }}
        # ... everything else (sign-in) from the sandbox, so the app's engine runs unchanged.
        location / {{ proxy_pass {upstream}; }}
    }}
}}
"""


@contextmanager
def nginx(media_dir: Path, upstream: str, prefix: Path) -> Iterator[str | None]:
    """nginx at the yielded server root: ``/media/v1/download/original/ID`` is the file ``ID``
    in ``media_dir``; any other path is proxied to ``upstream``. None when nginx is missing."""
    binary = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None)
    if binary is None:
        yield None
        return
    prefix.mkdir(parents=True, exist_ok=True)
    port = free_port()
    conf = prefix / "nginx.conf"
    # As root, nginx's workers would switch to "nobody", who cannot read our private temp dir.
    user = "user root;\n" if hasattr(os, "geteuid") and os.geteuid() == 0 else ""
    conf.write_text(NGINX_CONF.format(user=user, prefix=prefix, port=port, media=media_dir,
                                      upstream=upstream))
    process = subprocess.Popen([binary, "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_listening(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()


def _wait_listening(port: int, process: subprocess.Popen, timeout: float = 10.0) -> None:
    """nginx has no readiness signal; poll its port (a few ms) or report why it died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited: {process.stderr.read().decode(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError("nginx did not start listening in time")
