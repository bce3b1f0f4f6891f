"""The stall watchdog fires once when nothing moves, never while bytes flow or while paused."""

from __future__ import annotations

import socket
import threading

import pytest

from pixop_desktop.transfer.watchdog import StallWatchdog


def test_fires_once_when_nothing_moves():
    fired = threading.Event()
    calls = []
    with StallWatchdog(0.05, lambda: (calls.append(1), fired.set())) as dog:
        assert fired.wait(5)
        assert dog.stalled
    assert calls == [1]


def test_feeding_keeps_it_quiet():
    fired = threading.Event()
    with StallWatchdog(0.2, fired.set) as dog:
        for _ in range(30):  # 0.3 s of steady progress, longer than the stall limit
            dog.feed(1)
            assert not fired.wait(0.01)
        assert not dog.stalled


def test_paused_time_is_not_a_stall():
    fired = threading.Event()
    with StallWatchdog(0.05, fired.set) as dog:
        with dog.paused():
            assert not fired.wait(0.2)
        assert not dog.stalled
        assert fired.wait(5)  # after the pause, silence counts again


def test_zero_disables_it():
    with StallWatchdog(0, lambda: pytest.fail("must not fire")) as dog:
        assert dog._thread is None


def test_abort_connection_unblocks_a_blocked_read():
    """The real mechanism: shutdown wakes a thread blocked in recv (close would not)."""
    from pixop_desktop.transfer.watchdog import abort_connection

    class Stream:
        def __init__(self, sock):
            self.sock = sock

        def get_extra_info(self, name):
            return self.sock if name == "socket" else None

    class Response:
        def __init__(self, sock):
            self.extensions = {"network_stream": Stream(sock)}

    left, right = socket.socketpair()
    got = []
    reader = threading.Thread(target=lambda: got.append(left.recv(10)))
    reader.start()
    with StallWatchdog(0.05, lambda: abort_connection(Response(left))):
        reader.join(5)
    assert got == [b""] and not reader.is_alive()
    left.close()
    right.close()
