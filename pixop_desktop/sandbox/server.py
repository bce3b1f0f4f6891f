"""``Sandbox``: the local Pixop-compatible server, run by uvicorn in a thread.

Start-up binds the socket first (so ``port=0`` gives a known free port at once) and waits for
uvicorn to say it is serving — no sleeps. ``stop()`` / ``__exit__`` stops uvicorn, cancels
background work and joins every thread the sandbox started.
"""

from __future__ import annotations

import shutil
import socket
import sys
import tempfile
import threading
import uuid
from pathlib import Path
from typing import Iterable, Mapping

import uvicorn

from pixop_desktop.sandbox import auth
from pixop_desktop.sandbox.app import build_app
from pixop_desktop.sandbox.context import Context, S3Location
from pixop_desktop.sandbox.faults import Faults
from pixop_desktop.sandbox.protocol import DEFAULT_HEADER_TIMEOUT, protocol_with
from pixop_desktop.sandbox.state import SandboxState
from pixop_desktop.sandbox.store import Store
from pixop_desktop.sandbox.variants import Variants
from pixop_desktop.sandbox.workers import Workers

DEFAULT_EMAIL = "demo@sandbox.pixop.local"
DEFAULT_PASSWORD = "demo-password"
DEFAULT_API_KEY = "sandbox-api-key"
DEMO_TEAMS = ("Demo Team", "Second Team")
DEMO_S3_LOCATION_ID = "5a2d0c4e-0000-4000-8000-5a4db0c5e7e1"
DEMO_S3_BUCKET = "sandbox-demo-bucket"


def reuse_option(platform: str = sys.platform) -> tuple[int, int]:
    """The socket option for a listening port: on POSIX, SO_REUSEADDR lets a restarted sandbox
    bind past a TIME_WAIT; on Windows it would let a second sandbox bind the SAME port, so there
    the port is claimed with SO_EXCLUSIVEADDRUSE instead."""
    if platform == "win32":
        return getattr(socket, "SO_EXCLUSIVEADDRUSE", -5), 1  # -5: its value in Winsock
    return socket.SO_REUSEADDR, 1


class _Server(uvicorn.Server):
    """uvicorn that tells a waiting thread when it is serving (or has given up)."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = threading.Event()

    async def startup(self, sockets=None) -> None:
        await super().startup(sockets=sockets)
        self.ready.set()


class Sandbox:
    """A local Pixop server. Use as a context manager, or call ``start()`` / ``stop()``.

    ``users``: extra users, each ``"email:password"``, ``(email, password)`` or a dict with
    ``email``, ``password`` and optionally ``teams`` (names); by default each gets a team of
    its own. ``s3_locations``: ``{bucket name: folder}`` S3 input locations backed by folders
    (the demo location ``DEMO_S3_LOCATION_ID`` always exists). ``free_clips``: make the free
    10-second clip after imports. ``variants``: names from ``sandbox.variants.VARIANTS``, the
    other ways real Pixop may answer (``.variants`` switches them while running).
    """

    def __init__(self, data_dir: str | Path | None = None, host: str = "127.0.0.1", port: int = 0,
                 users: Iterable | None = None, api_key: str = DEFAULT_API_KEY,
                 token_ttl: int = 900, allow_private_urls: bool = False,
                 import_ca_file: str | Path | None = None,
                 s3_locations: Mapping[str, str | Path] | None = None,
                 workers: int = 2, free_clips: bool = True, log_level: str = "warning",
                 variants: Iterable[str] = (), header_timeout: float = DEFAULT_HEADER_TIMEOUT) -> None:
        self._own_dir = data_dir is None
        self.data_dir = Path(tempfile.mkdtemp(prefix="pixop-sandbox-") if data_dir is None
                             else data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.host, self._port, self._log_level = host, port, log_level
        self._header_timeout = header_timeout
        self.faults = Faults()
        self.variants = Variants(variants)
        store = Store(self.data_dir)
        self.ctx = Context(store=store, faults=self.faults, workers=Workers(workers),
                           token_ttl=token_ttl, allow_private_urls=allow_private_urls,
                           import_ca_file=str(import_ca_file) if import_ca_file else None,
                           variants=self.variants)
        demo = store.ensure_user(DEFAULT_EMAIL, DEFAULT_PASSWORD, DEMO_TEAMS)
        self.ctx.api_keys[api_key] = demo["id"]
        for entry in users or ():
            self._add_user(entry)
        self._set_free_clips(free_clips)
        self._add_s3_locations(s3_locations or {})
        self.state = SandboxState(store)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self._storage_socket: socket.socket | None = None

    # --- set-up ----------------------------------------------------------------------------
    def _add_user(self, entry) -> dict:
        if isinstance(entry, str):
            email, _, password = entry.partition(":")
            teams = None
        elif isinstance(entry, Mapping):
            email, password, teams = entry["email"], entry["password"], entry.get("teams")
        else:
            email, password = entry
            teams = None
        store = self.ctx.store
        user = store.ensure_user(email, password, teams or (f"{email} Team",))
        if user["password"] != password:  # a user kept in the data folder: the caller's password wins
            with store.lock:
                user["password"] = password
            store.save()
        return user

    def _set_free_clips(self, enabled: bool) -> None:
        with self.ctx.store.lock:
            for team in self.ctx.store.teams.values():
                team["freeClip"] = enabled
        self.ctx.store.save()

    def _add_s3_locations(self, mapping: Mapping[str, str | Path]) -> None:
        demo = self.data_dir / "s3" / DEMO_S3_BUCKET
        demo.mkdir(parents=True, exist_ok=True)
        locations = {DEMO_S3_LOCATION_ID: S3Location(DEMO_S3_LOCATION_ID, "Sandbox demo bucket",
                                                     DEMO_S3_BUCKET, demo)}
        for bucket, folder in mapping.items():
            location_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"sandbox-s3:{bucket}"))
            locations[location_id] = S3Location(location_id, bucket, bucket, Path(folder))
        self.ctx.s3_locations.update(locations)

    # --- running ---------------------------------------------------------------------------
    def _listen(self, port: int) -> socket.socket:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, *reuse_option())
            # Accepted connections inherit it: without it an answer's body waits behind its
            # headers for the client's delayed ACK, 40 ms per request on a kept-alive
            # connection (as real servers do, and curl and httpx on their side).
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.bind((self.host, port))
            sock.listen(128)
            sock.setblocking(False)
        except OSError:
            sock.close()
            raise
        return sock

    def start(self) -> Sandbox:
        self._socket = self._listen(self._port)
        # Signed storage links live on another origin, as cloud storage does: a second port.
        try:
            self._storage_socket = self._listen(0)
        except OSError:
            self._socket.close()
            self._socket = None
            raise
        self.ctx.storage_root = self._root_url(self._storage_socket.getsockname()[1],
                                               reachable=True)
        config = uvicorn.Config(build_app(self.ctx), log_level=self._log_level, lifespan="off",
                                http=protocol_with(self._header_timeout),
                                ws="none", access_log=False, timeout_graceful_shutdown=2,
                                timeout_keep_alive=5)
        self.ctx.workers.start()
        self._server = _Server(config)
        self._thread = threading.Thread(target=self._serve, name="sandbox-server")
        self._thread.start()
        self._server.ready.wait()
        if not self._server.started:
            self.stop()
            raise RuntimeError("The sandbox server could not start.")
        self._resume_work()
        return self

    def _resume_work(self) -> None:
        """Ingestion and processing interrupted by the last stop start again."""
        from pixop_desktop.sandbox import jobs

        ingest, process = self.ctx.store.pending_work()
        for video in ingest:
            self.ctx.workers.submit(jobs.ingest, self.ctx, video["id"],
                                    video["upload"].get("generation", 0),
                                    video["ingestion"].get("full", True))
        for video in process:
            self.ctx.workers.submit(jobs.process, self.ctx, video["id"], video["parentId"],
                                    video["processing"]["parameters"]["request"])

    def _serve(self) -> None:
        assert self._server is not None and self._socket is not None
        try:
            self._server.run(sockets=[self._socket, self._storage_socket])
        finally:
            self._server.ready.set()

    def stop(self) -> None:
        """Stop serving, cancel background work, join every thread; idempotent."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        for sock in (self._socket, self._storage_socket):
            if sock is not None:
                sock.close()
        self._socket = self._storage_socket = None
        self.ctx.workers.shutdown()
        self.ctx.store.flush()
        if self._own_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._socket is None:
            raise RuntimeError("The sandbox is not running.")
        return self._socket.getsockname()[1]

    @property
    def url(self) -> str:
        """The server root, e.g. ``http://127.0.0.1:PORT`` (no trailing slash)."""
        return self._root_url(self.port)

    def _root_url(self, port: int, reachable: bool = False) -> str:
        host = self.host
        if reachable and host in ("0.0.0.0", "::", ""):  # a wildcard bind is reached via loopback
            host = "::1" if host == "::" else "127.0.0.1"
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}"

    # --- helpers for tests -----------------------------------------------------------------
    def make_token(self, **claims) -> str:
        """Sign arbitrary JWT claims with this sandbox's secret (to forge odd tokens)."""
        return auth.sign(self.ctx, claims)

    def ban_user(self, email: str, banned: bool = True) -> None:
        """Suspend (or restore) a user: every request of theirs then gets ``UserBannedException``."""
        user = self.ctx.store.user_by_email(email)
        if user is None:
            raise KeyError(email)
        with self.ctx.store.lock:
            user["banned"] = banned
        self.ctx.store.save()

    def wait_idle(self, timeout: float | None = 60) -> bool:
        """Wait until no ingestion/processing/import job is queued or running."""
        return self.ctx.workers.wait_idle(timeout)

    def s3_folder(self, location_id: str = DEMO_S3_LOCATION_ID) -> Path:
        """The folder behind an S3 input location: put objects there for import tests."""
        return self.ctx.s3_locations[location_id].folder

    def set_free_clip(self, team_id: str, enabled: bool) -> None:
        """Enable or disable the free 10-second clip for one team."""
        self.ctx.store.teams[team_id]["freeClip"] = enabled
        self.ctx.store.save()

    def replace_media(self, video_id: str, processed: bool = False, data: bytes = b"") -> None:
        """Replace the stored media (so its ETag changes). With ``processed`` and an original's
        id, the newest processed video of that original is changed."""
        from pixop_desktop.sandbox.jobs import file_sha256

        target_id = video_id
        if processed and self.ctx.store.videos[video_id]["kind"] == "original":
            children = [v for v in self.ctx.store.children(video_id) if v["kind"] == "processed"]
            target_id = children[-1]["id"]
        path = self.ctx.store.media_path(target_id)
        path.write_bytes(data)
        self.ctx.store.update(target_id, "upload", sha256=file_sha256(path), fileSize=len(data))
