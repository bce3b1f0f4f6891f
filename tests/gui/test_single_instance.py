"""One app window per user and app home: a real second launch hands its files to the first."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalSocket

from pixop_desktop.ui.app import single_instance as si
from pixop_desktop.ui.app.open_requests import OpenRequests
from tests.fixtures.clips import make_clip
from tests.gui.queue_window import open_main_window


@pytest.fixture
def server(qapp):
    server = si.InstanceServer(receive_timeout_ms=300)
    yield server
    server.close()
    server.deleteLater()


def launch(*argv, cwd):
    """The real ``python -m pixop_desktop``, with this test's app home (inherited from the environment)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, "-m", "pixop_desktop", *argv], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(qtbot, process, timeout=30_000) -> int:
    """Wait (serving Qt events, so our server answers) for the process to end; kill it if it does not."""
    try:
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=timeout)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)
    return process.returncode


def send_raw(qtbot, name: str, data: bytes) -> QLocalSocket:
    """A client that writes ``data`` without waiting for anything (the server runs in this thread)."""
    client = QLocalSocket()
    client.connectToServer(name)
    qtbot.waitUntil(lambda: client.state() == QLocalSocket.LocalSocketState.ConnectedState, timeout=5_000)
    client.write(data)
    return client


def test_the_name_depends_on_the_app_home_and_the_user(tmp_path):
    assert si.server_name(tmp_path / "a") != si.server_name(tmp_path / "b")
    assert si.server_name(tmp_path / "a", "ann") != si.server_name(tmp_path / "a", "bob")
    assert si.server_name(tmp_path / "a" / ".." / "a", "ann") == si.server_name(tmp_path / "a", "ann")
    assert len(si.server_name()) < 40  # Unix socket paths are short


def test_messages_carry_absolute_paths_and_anything_else_is_refused(tmp_path):
    data = si.encode_message(["clip.mp4", tmp_path / "reel"], cwd=str(tmp_path))
    assert data.endswith(b"\n") and si.decode_message(data) == [str(tmp_path / "clip.mp4"), str(tmp_path / "reel")]
    for bad in (b"", b"[1]", b'{"v": 2, "paths": []}', b'{"v": 1, "paths": "x"}', b'{"v": 1, "paths": [3]}',
                b'{"v": 1, "paths": ["relative.mp4"]}', b'{"v": 1, "paths": ["/a\\u0000b"]}', b"\xff\xfe",
                b"x" * (si.MAX_MESSAGE_BYTES + 1)):
        with pytest.raises(si.BadMessage):
            si.decode_message(bad)
    many = si.encode_message([f"/{'x' * 200}/{i}.mp4" for i in range(si.MAX_PATHS)])
    assert len(many) <= si.MAX_MESSAGE_BYTES and len(si.decode_message(many)) >= 1_000


def test_a_second_launch_hands_its_file_to_the_open_window_and_exits(qtbot, qapp, sandbox, server, tmp_path):
    window = open_main_window(qtbot, sandbox)
    requests = OpenRequests(qapp)
    try:
        requests.attach(window)
        server.request_received.connect(requests.request)
        assert server.listen()
        clip = make_clip(tmp_path / "launch" / "second.mp4", seconds=1, fps=10)
        window.showMinimized()

        # A relative path: resolved against the second launch's working folder before sending.
        process = launch("--sandbox", "second.mp4", cwd=clip.parent)
        assert finish(qtbot, process) == 0, process.stderr.read() if process.stderr else ""

        qtbot.waitUntil(lambda: [j.source.path for j in window.store.list_jobs()] == [str(clip)], timeout=15_000)
        assert window.isVisible() and not window.isMinimized()
        assert not (tmp_path / "launch" / "sandbox").exists()  # no second sandbox, no second queue
    finally:
        requests.remove()
        requests.setParent(None)
        window.shutdown()


def test_a_second_launch_without_files_only_brings_the_window_up(qtbot, server, tmp_path):
    assert server.listen()
    with qtbot.waitSignal(server.request_received, timeout=30_000) as received:
        process = launch(cwd=tmp_path)
        assert finish(qtbot, process) == 0
    assert received.args == [[]]


def test_missing_paths_are_dropped_quietly(qtbot, server, tmp_path):
    assert server.listen()
    real = tmp_path / "real.mp4"
    real.write_bytes(b"x")
    with qtbot.waitSignal(server.request_received, timeout=5_000) as received:
        client = send_raw(qtbot, server.name, si.encode_message([real, tmp_path / "gone.mp4"]))
    assert received.args == [[str(real)]]
    qtbot.waitUntil(lambda: client.bytesAvailable() >= len(si.REPLY_OK), timeout=5_000)
    assert bytes(client.readAll().data()) == si.REPLY_OK
    client.abort()


@pytest.mark.skipif(sys.platform == "win32", reason="Unix socket files")
def test_a_socket_left_by_a_crashed_instance_is_taken_over(qtbot, qapp, tmp_path):
    name = si.server_name()
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(os.path.join(QDir.tempPath(), name))
    stale.close()  # a crash: the file stays, nobody listens
    server = si.claim_single_instance(["/nowhere.mp4"])
    try:
        assert server is not None and server.is_listening()
        mode = os.stat(server.server.fullServerName()).st_mode
        assert mode & 0o022 == 0  # only this user may connect
        with qtbot.waitSignal(server.request_received, timeout=5_000) as received:
            client = send_raw(qtbot, name, si.encode_message([str(tmp_path)]))
        assert received.args == [[str(tmp_path)]]
        client.abort()
    finally:
        server.close()
        server.deleteLater()


def test_a_live_instance_is_never_replaced(qtbot, server):
    assert server.listen()
    other = si.InstanceServer(server.name)
    assert not other.listen()  # someone answers there: run alone rather than steal the socket
    assert server.is_listening()
    other.close()


@pytest.mark.parametrize("data", [b"not json at all\n", json.dumps({"v": 1, "paths": [1, 2]}).encode() + b"\n",
                                  b"{" * (si.MAX_MESSAGE_BYTES + 10), b'{"v": 1, "paths": []'])
def test_malformed_huge_or_stalled_messages_are_ignored_with_a_log_line(qtbot, server, caplog, data, tmp_path):
    caplog.set_level(logging.WARNING, logger=si.__name__)
    assert server.listen()
    received = []
    server.request_received.connect(received.append)
    client = send_raw(qtbot, server.name, data)
    qtbot.waitUntil(lambda: client.state() == QLocalSocket.LocalSocketState.UnconnectedState, timeout=5_000)
    assert received == []
    assert any("another launch" in r.getMessage() for r in caplog.records), caplog.text
    # The server still serves the next launch.
    with qtbot.waitSignal(server.request_received, timeout=5_000):
        good = send_raw(qtbot, server.name, si.encode_message([str(tmp_path)]))
    good.abort()
