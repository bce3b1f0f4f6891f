"""Reading HTTP headers whose syntax is the protocol's business, not the file system's.

The name a ``Content-Disposition`` header offers is returned as sent: it is
untrusted, and ``transfer/filenames`` turns it into a safe local name.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

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
