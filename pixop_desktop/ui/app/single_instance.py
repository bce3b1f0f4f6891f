"""One app window per user and app home: a second launch hands its files to the first and exits.

The first GUI process listens on a local socket (a Unix socket private to the
user, or a named pipe on Windows) whose name is a hash of the resolved data
folder and the user name, so different ``PIXOP_DESKTOP_HOME``\\ s (tests, a second
profile) never meet. A second launch connects, sends one small JSON message
(``{"v": 1, "paths": [absolute paths]}`` + newline), waits for ``ok`` and exits 0;
the first adds the paths and comes to the front. If nobody answers within
about two seconds the second launch just starts normally.

The receiving side treats the message as untrusted: a size limit, strict
shape (a list of absolute path strings), non-existent paths dropped quietly,
a sender that stalls is cut off.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from pixop_desktop import paths as app_paths

log = logging.getLogger(__name__)

PROTOCOL_VERSION = 1
MAX_MESSAGE_BYTES = 1_000_000   # thousands of paths; anything bigger is not from us
MAX_PATHS = 10_000
REPLY_OK = b"ok\n"
HAND_OVER_TIMEOUT_MS = 2_000
RECEIVE_TIMEOUT_MS = 5_000      # a connected sender that says nothing for this long is dropped
LOCK_WAIT_MS = 10_000           # how long a launch waits for another one's ask-then-listen
STALE_LOCK_MS = 30_000          # a lock older than this is a crashed launch's


class BadMessage(ValueError):
    """A message on the instance socket that is not ours (or is broken)."""


def server_name(data_dir: Path | None = None, user: str | None = None) -> str:
    """The local socket's name for this user and app home (short: Unix socket paths are limited)."""
    folder = Path(data_dir or app_paths.data_dir()).resolve()
    key = f"{_user_name() if user is None else user}\0{folder}".encode("utf-8", "surrogatepass")
    return "pixop-desktop-" + hashlib.sha256(key).hexdigest()[:20]


def _user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): the uid still separates people on Unix
        return str(getattr(os, "getuid", lambda: "")())


def encode_message(paths: Iterable[str | os.PathLike], cwd: str | None = None) -> bytes:
    """The hand-over message: absolute paths (relative ones resolved against the sender's cwd)."""
    base = cwd or os.getcwd()
    absolute = [os.path.abspath(os.path.join(base, os.fspath(p))) for p in paths][:MAX_PATHS]
    while True:
        data = json.dumps({"v": PROTOCOL_VERSION, "paths": absolute}).encode("utf-8", "surrogateescape") + b"\n"
        if len(data) <= MAX_MESSAGE_BYTES:
            return data
        log.warning("too many paths to hand over; sending the first %d", len(absolute) // 2)
        absolute = absolute[:len(absolute) // 2]


def decode_message(data: bytes) -> list[str]:
    """The paths of a received message; raises :class:`BadMessage` for anything not well-formed."""
    if len(data) > MAX_MESSAGE_BYTES:
        raise BadMessage(f"message too long ({len(data)} bytes)")
    try:
        message = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadMessage(f"not JSON: {exc}") from None
    if not isinstance(message, dict) or message.get("v") != PROTOCOL_VERSION:
        raise BadMessage("not a version 1 message")
    paths = message.get("paths")
    if not isinstance(paths, list) or len(paths) > MAX_PATHS:
        raise BadMessage("paths is not a list of at most %d entries" % MAX_PATHS)
    if not all(isinstance(p, str) and p and "\0" not in p and os.path.isabs(p) for p in paths):
        raise BadMessage("paths must be absolute path strings")
    return paths


def send_to_running_instance(paths: Iterable[str | os.PathLike], name: str | None = None,
                             timeout_ms: int = HAND_OVER_TIMEOUT_MS) -> bool:
    """Hand ``paths`` to the instance already running; True once it confirmed receipt."""
    name = name or server_name()
    socket = QLocalSocket()
    socket.connectToServer(name)
    try:
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(encode_message(paths))
        if not socket.waitForBytesWritten(timeout_ms):
            log.warning("the running instance did not take the message")
            return False
        reply = b""
        while len(reply) < len(REPLY_OK) and socket.waitForReadyRead(timeout_ms):
            reply += bytes(socket.readAll().data())
        if reply != REPLY_OK:
            log.warning("the running instance did not confirm (%r)", reply[:20])
        return reply == REPLY_OK
    finally:
        socket.abort()


class InstanceServer(QObject):
    """The first instance's end: ``request_received(paths)`` for every valid hand-over (GUI thread).

    ``paths`` may be empty: the second launch had no files, the window should just come to front.
    """

    request_received = Signal(list)

    def __init__(self, name: str | None = None, parent: QObject | None = None, *,
                 receive_timeout_ms: int = RECEIVE_TIMEOUT_MS) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self.receive_timeout_ms = receive_timeout_ms
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytearray] = {}

    def listen(self) -> bool:
        """Start listening; a socket left behind by a crashed instance is replaced, a live one is not.

        Checked by connecting first: with ``UserAccessOption`` Qt would quietly take over
        the name even from a live instance.
        """
        if _someone_listens(self.name):
            log.warning("another instance holds %s but did not answer; running without it", self.name)
            return False
        QLocalServer.removeServer(self.name)  # a stale socket file: its process is gone
        if self.server.listen(self.name):
            return True
        log.warning("cannot listen for other launches: %s", self.server.errorString())
        return False

    def is_listening(self) -> bool:
        return self.server.isListening()

    def close(self) -> None:
        for socket in list(self._buffers):
            self._drop(socket)
        self.server.close()

    @Slot()
    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))
            QTimer.singleShot(self.receive_timeout_ms, socket, lambda s=socket: self._timed_out(s))

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer += bytes(socket.readAll().data())
        end = buffer.find(b"\n")
        if end < 0 and len(buffer) <= MAX_MESSAGE_BYTES:
            return  # more to come
        data = bytes(buffer if end < 0 else buffer[:end])
        try:
            paths = decode_message(data)
        except BadMessage as exc:
            log.warning("ignored a message from another launch: %s", exc)
            self._drop(socket)
            return
        del self._buffers[socket]
        socket.write(REPLY_OK)
        socket.disconnected.connect(socket.deleteLater)
        socket.disconnectFromServer()  # after the reply is written
        existing = [p for p in paths if os.path.exists(p)]
        log.info("another launch handed over %d path(s)", len(existing))
        self.request_received.emit(existing)

    def _timed_out(self, socket: QLocalSocket) -> None:
        if socket in self._buffers:
            log.warning("dropped another launch that sent no complete message")
            self._drop(socket)

    def _drop(self, socket: QLocalSocket) -> None:
        if self._buffers.pop(socket, None) is not None:
            socket.abort()
            socket.deleteLater()


def _someone_listens(name: str) -> bool:
    probe = QLocalSocket()
    probe.connectToServer(name)
    try:
        return probe.waitForConnected(500)
    finally:
        probe.abort()


def claim_single_instance(paths: Iterable[str | os.PathLike] = (), name: str | None = None,
                          timeout_ms: int = HAND_OVER_TIMEOUT_MS) -> InstanceServer | None:
    """None when a running instance took ``paths`` (this launch should exit 0); otherwise this
    launch's server (listening unless that failed, in which case the app just runs alone)."""
    name = name or server_name()
    paths = list(paths)
    # Several launches at once (a multi-file "Open with" starts one per file on some systems):
    # one at a time asks-then-listens, so the later ones find the first one listening.
    lock = QLockFile(str(_lock_path(name)))
    lock.setStaleLockTime(STALE_LOCK_MS)  # a crashed launch's lock is taken over
    locked = lock.tryLock(LOCK_WAIT_MS)
    try:
        if send_to_running_instance(paths, name, timeout_ms):
            log.info("handed %d path(s) to the running instance", len(paths))
            return None
        server = InstanceServer(name)
        server.listen()
        return server
    finally:
        if locked:
            lock.unlock()


def _lock_path(name: str) -> Path:
    """A lock file beside the app's data, named after the instance (one per user and home)."""
    folder = app_paths.data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}.lock"
