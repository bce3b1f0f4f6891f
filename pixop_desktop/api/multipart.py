"""A streamed ``multipart/form-data`` body for one file, with exact length.

Pixop's v1 upload is one request carrying the whole file. We build the
multipart envelope ourselves so that we know the exact ``Content-Length`` up
front (no chunked encoding, which some proxies refuse for uploads), read the
file in chunks (constant memory for any size), and can report progress and
restart from byte 0 for a retry. transfer/upload.py builds its engine
(cancellation, stall watchdog, throttling) on ``MultipartFile.chunks``.
"""

from __future__ import annotations

import mimetypes
import os
import secrets
from pathlib import Path
from typing import Callable, Iterator

CHUNK_SIZE = 256 * 1024

Progress = Callable[[int, int], None]  # (bytes sent so far, total bytes)


class FileChangedError(OSError):
    """The file changed size while we were sending it."""


def _quote_filename(name: str) -> str:
    """A filename safe inside a quoted header parameter."""
    cleaned = "".join(ch for ch in name if ch not in "\r\n\x00")
    return cleaned.replace("\\", "\\\\").replace('"', "%22") or "video"


class MultipartFile:
    """The multipart body for ``path`` sent as form field ``field``."""

    def __init__(self, path: str | os.PathLike[str], *, field: str = "file",
                 filename: str | None = None, content_type: str | None = None,
                 size: int | None = None) -> None:
        """``size`` pins the file size measured earlier (e.g. by a pre-flight probe)."""
        self.path = Path(path)
        self.size = self.path.stat().st_size if size is None else size
        name = filename or self.path.name
        mime = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
        self.boundary = "pixop-" + secrets.token_hex(16)
        self._head = (
            f"--{self.boundary}\r\n"
            f'Content-Disposition: form-data; name="{field}"; filename="{_quote_filename(name)}"\r\n'
            f"Content-Type: {mime}\r\n\r\n"
        ).encode("utf-8")
        self._tail = f"\r\n--{self.boundary}--\r\n".encode("ascii")

    @property
    def head(self) -> bytes:
        """The envelope before the file's bytes (boundary and part headers)."""
        return self._head

    @property
    def tail(self) -> bytes:
        """The closing boundary after the file's bytes."""
        return self._tail

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    @property
    def content_length(self) -> int:
        return len(self._head) + self.size + len(self._tail)

    def headers(self) -> dict[str, str]:
        return {"Content-Type": self.content_type, "Content-Length": str(self.content_length)}

    def chunks(self, progress: Progress | None = None, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
        """The whole body from the start; reports file bytes sent to ``progress``."""
        yield self._head
        sent = 0
        if progress:
            progress(0, self.size)
        with self.path.open("rb") as handle:
            while sent < self.size:
                chunk = handle.read(min(chunk_size, self.size - sent))
                if not chunk:
                    raise FileChangedError(f"{self.path.name} became shorter while it was being uploaded.")
                sent += len(chunk)
                yield chunk
                if progress:
                    progress(sent, self.size)
        if self.path.stat().st_size != self.size:
            raise FileChangedError(f"{self.path.name} changed size while it was being uploaded.")
        yield self._tail
