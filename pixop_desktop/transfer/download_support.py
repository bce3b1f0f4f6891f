"""The small pieces around the download engine: its result, its errors, and helpers that
translate between the engine and the disk."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pixop_desktop.api.errors import PixopError

from .partfile import write_error

Cancel = Callable[[], bool] | threading.Event


class DownloadCancelled(PixopError):
    default_title = "Download cancelled"


class DownloadFailed(PixopError):
    default_title = "Download failed"


@dataclass(frozen=True)
class DownloadResult:
    path: Path            # the final file
    size: int             # its size in bytes
    etag: str | None      # the server's ETag for it
    bytes_received: int   # body bytes received in all attempts (≈ size when resumes worked)
    attempts: int         # GET requests made (1 when nothing went wrong)


def write_piece(handle, piece: bytes, part: Path) -> None:
    try:
        handle.write(piece)
    except OSError as exc:
        raise as_pixop_error(exc, part) from exc


def as_pixop_error(exc: OSError, part: Path) -> Exception:
    error = write_error(exc, part)
    if error is exc:
        return PixopError(f"Could not write {part}: {exc.strerror or exc}.",
                          title="Cannot save the download")
    return error


def as_cancel_check(cancel: Cancel | None) -> Callable[[], bool]:
    if cancel is None:
        return lambda: False
    if isinstance(cancel, threading.Event):
        return cancel.is_set
    return cancel


__all__ = ["Cancel", "DownloadCancelled", "DownloadFailed", "DownloadResult"]
