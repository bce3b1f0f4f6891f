"""The few reusable buffers a download's body passes through, and the digest that may follow it.

A body is read into one of a handful of 1 MiB buffers (never a new object per piece); once a
buffer's bytes are on disk it goes to the digest (when the download checks one) on a thread of
its own — hashlib lets go of the GIL for large buffers, so hashing one piece overlaps receiving
the next — and comes back to be filled again. Without a digest a buffer is free again at once.
The digest sees every piece in order; when the block ends, even by an error, it has seen
exactly the bytes handed to :meth:`Buffers.done`, so a resumed download's digest still matches
the ``.part`` file.
"""

from __future__ import annotations

import queue
import threading
from typing import Protocol

BUFFER_SIZE = 1 << 20  # a megabyte a read: few system calls and little Python per gigabyte
DIGEST_BUFFERS = 4  # enough to keep reading while the digest catches up; 4 MiB in all


class Digest(Protocol):
    def update(self, data: memoryview) -> None: ...


class Buffers:
    """``with Buffers(digest) as buffers``: ``take()`` a buffer, fill it, ``done(buffer, n)``."""

    def __init__(self, digest: Digest | None = None, *, size: int = BUFFER_SIZE) -> None:
        self._digest = digest
        self._free: queue.SimpleQueue[memoryview] = queue.SimpleQueue()
        for _ in range(DIGEST_BUFFERS if digest is not None else 1):
            self._free.put(memoryview(bytearray(size)))
        self._work: queue.SimpleQueue[tuple[memoryview, int] | None] = queue.SimpleQueue()
        self._failure: BaseException | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Buffers:
        if self._digest is not None:
            self._thread = threading.Thread(target=self._hash, name="download-digest", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._thread is not None:
            self._work.put(None)
            self._thread.join()
        if self._failure is not None and exc_info[0] is None:
            raise self._failure

    def take(self) -> memoryview:
        """A whole buffer to fill (waits while every buffer is still being hashed)."""
        if self._failure is not None:
            raise self._failure
        return self._free.get()

    def done(self, buffer: memoryview, count: int) -> None:
        """The first ``count`` bytes of ``buffer`` are written: digest them, then reuse it."""
        if self._thread is None:
            self._free.put(buffer)
        else:
            self._work.put((buffer, count))

    def _hash(self) -> None:
        assert self._digest is not None
        while (item := self._work.get()) is not None:
            buffer, count = item
            try:
                if self._failure is None:
                    self._digest.update(buffer[:count])
            except BaseException as exc:  # noqa: BLE001 (handed to the receiving thread)
                self._failure = exc
            finally:
                self._free.put(buffer)


__all__ = ["BUFFER_SIZE", "Buffers", "Digest"]
