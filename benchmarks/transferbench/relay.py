"""A TCP relay that counts the bytes a server sends: the wire-level truth for "bytes received".

The resumed-download figure must not rest on the engine's own bookkeeping, so the engine talks
to the sandbox through this relay, which counts every byte (headers included) going back to it.
Plain threads: two per connection, blocking sockets, ended by closing the listening socket.
"""

from __future__ import annotations

import socket
import threading


class CountingRelay:
    """Listens on 127.0.0.1:<port>, forwards to ``target`` (host, port); ``.downstream`` bytes."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.downstream = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._threads: list[threading.Thread] = []
        self._sockets: list[socket.socket] = []
        self._spawn(self._accept)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _spawn(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:  # the listener was closed: we are done
                return
            upstream = socket.create_connection(self.target)
            self._sockets += [client, upstream]
            self._spawn(self._pump, client, upstream, False)
            self._spawn(self._pump, upstream, client, True)

    def _pump(self, source: socket.socket, sink: socket.socket, count: bool) -> None:
        buffer = memoryview(bytearray(1 << 20))
        try:
            while size := source.recv_into(buffer):
                sink.sendall(buffer[:size])
                if count:
                    with self._lock:
                        self.downstream += size
        except OSError:
            pass
        finally:  # pass the close on, so each side sees the other end go
            for sock in (sink, source):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        try:  # on Linux, shutdown (not close) is what wakes a thread blocked in accept()
            self._listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._listener.close()
        for sock in self._sockets:
            sock.close()
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> CountingRelay:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
