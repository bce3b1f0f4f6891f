"""File names a server offers (``Content-Disposition``), made safe before anyone sees them.

The header is written by the server, so it is treated as hostile: whatever it says,
the result is one bare file name (no folder separators, no ``..``, no control
characters, no reserved Windows device name, not too long). Here in api/ because the
client's ``MediaInfo.file_name`` is already safe; ``transfer/filenames`` builds on it.
"""

from __future__ import annotations

import os
import re
import unicodedata
from urllib.parse import unquote

from pixop_desktop.platform_paths import RESERVED_NAMES as _WINDOWS_RESERVED

# Characters Windows, macOS or Linux refuse or treat specially in a name.
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
MAX_NAME_BYTES = 200  # below every common file system's 255, leaving room for suffixes

_PARAM = re.compile(
    r';\s*([!#$%&\'*+.^_`|~0-9A-Za-z-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)'
)


def filename_from_content_disposition(header: str | None) -> str | None:
    """The file name a ``Content-Disposition`` header offers, unsanitised.

    RFC 6266: ``filename*`` (RFC 5987, ``charset'lang'pct-encoded``) wins
    over the plain ``filename``, which is often only an ASCII fallback.
    """
    if not header:
        return None
    params: dict[str, str] = {}
    for key, value in _PARAM.findall(";" + header.partition(";")[2]):
        params.setdefault(key.lower(), value.strip())
    extended = params.get("filename*")
    if extended and extended.count("'") >= 2:
        charset, _lang, encoded = extended.strip('"').split("'", 2)
        try:
            return unquote(encoded, encoding=charset or "utf-8", errors="replace")
        except LookupError:  # an unknown charset: fall back to the plain name
            pass
    plain = params.get("filename")
    if plain is None:
        return None
    if plain.startswith('"') and plain.endswith('"') and len(plain) >= 2:
        plain = re.sub(r"\\(.)", r"\1", plain[1:-1])
    return plain


def name_from_content_disposition(header: str | None) -> str | None:
    """The safe bare file name a ``Content-Disposition`` header offers, or None."""
    return safe_bare_name(filename_from_content_disposition(header)) or None


def safe_bare_name(untrusted: str | None) -> str:
    """One bare, portable file name made of ``untrusted``, or "" when nothing usable remains."""
    name = unicodedata.normalize("NFC", untrusted or "")
    # Keep only the last path component, whichever separator the sender used.
    name = re.split(r"[/\\]", name)[-1]
    # No hidden files, no trailing dots or spaces (Windows drops them silently).
    name = _FORBIDDEN.sub("_", name).strip(" .")
    if not name or set(name) <= {".", "_", " "}:
        return ""
    stem = name.partition(".")[0].rstrip(" ")
    if stem.upper() in _WINDOWS_RESERVED:
        name = f"_{name}"
    return _truncate(name)


def _truncate(name: str) -> str:
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    stem, ext = os.path.splitext(name)
    ext = ext if len(ext.encode("utf-8")) <= 16 else ""
    budget = MAX_NAME_BYTES - len(ext.encode("utf-8"))
    stem = stem.encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip(" .")
    return (stem or "download") + ext
