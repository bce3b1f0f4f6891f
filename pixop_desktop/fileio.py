"""Writing the app's small files so that a crash never leaves half of one.

Every settings, preset, rule, sidecar and record file goes through here: the
text is written to a uniquely named temporary file in the same folder, flushed
to disk, then renamed over the old one. A reader (another process included)
sees the old file or the new one, never a mix, and two writers never share a
temporary name.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def write_text_atomically(path: Path, text: str) -> Path:
    """Replace ``path`` with ``text`` (UTF-8) in one step; the folder is created if needed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return path


def write_json_atomically(path: Path, data: Any, *, indent: int = 2) -> Path:
    """``data`` as JSON (UTF-8, keeping non-ASCII letters readable), replaced in one step."""
    return write_text_atomically(path, json.dumps(data, indent=indent, ensure_ascii=False) + "\n")
