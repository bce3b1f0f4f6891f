"""The CLI's memory of videos it created for uploads that have not finished yet.

A v1 upload is one request: it cannot resume part-way. What CAN go wrong on a
re-run (after Ctrl-C, a crash, a lost connection) is creating a second video
for the same file. So before uploading, ``pixop-desktop upload`` records

    (server, absolute path, size, mtime_ns, project) → video id

in ``<data dir>/cli-uploads.json``, and a re-run with the same, unchanged
file reuses that video if the server still has it (sending the file again if
its upload is not done, or just waiting for ingestion if it is). The record
is dropped once the video is ingested. A changed file (size or mtime) has a
new key, so it gets a new video. The GUI's job store does the same job for
the queue; this file is only the CLI's.

The file holds no secrets: server roots, local paths, ids.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

from pixop_desktop import paths
from pixop_desktop.fileio import write_json_atomically

log = logging.getLogger(__name__)

FILE_NAME = "cli-uploads.json"
_LOCK = threading.Lock()


def record_key(server: str, path: Path, size: int, mtime_ns: int, project_id: str | None) -> str:
    return json.dumps([server, str(path), size, mtime_ns, project_id or ""])


class UploadResumeRecords:
    """A tiny JSON map from ``record_key`` to a video id, written atomically."""

    def __init__(self, file: Path | None = None) -> None:
        self.file = file or paths.data_dir() / FILE_NAME

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:  # a damaged file only costs the reuse
            log.warning("Ignoring unreadable %s: %s", self.file, exc)
            return {}
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}

    def _write(self, data: dict[str, str]) -> None:
        write_json_atomically(self.file, data, indent=1)

    def get(self, key: str) -> str | None:
        with _LOCK:
            return self._read().get(key)

    def remember(self, key: str, video_id: str) -> None:
        with _LOCK:
            data = self._read()
            data[key] = video_id
            self._write(data)

    def forget(self, key: str) -> None:
        with _LOCK:
            data = self._read()
            if data.pop(key, None) is not None:
                self._write(data)
