"""Where credentials may go.

Rules (see docs/architecture.md, "Credentials and security"):

- the server root must be ``https://``, except plain ``http://`` to a loopback
  host (127.0.0.0/8, ::1, localhost) — that is the local sandbox;
- credentials (Basic, Bearer, X-API-Key) are only sent to the server root's
  origin (scheme + host + port). URLs the server hands us (upload/download
  links, HAL ``_links``) on any other origin never receive them.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import quote

import httpx

from .errors import InsecureServer

_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_loopback_host(host: str) -> bool:
    """True for localhost names and loopback IP addresses."""
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalize_server(server: str) -> str:
    """Check a server root and return it without a trailing slash.

    Raises InsecureServer for plain HTTP to anything but loopback, and
    ValueError for something that is not a usable http(s) URL.
    """
    text = (server or "").strip()
    try:
        url = httpx.URL(text)
    except httpx.InvalidURL as exc:
        raise ValueError(f"Not a server address: {text!r}") from exc
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"The server address must start with https:// (got {text!r}).")
    if url.userinfo:
        raise ValueError("The server address must not contain a user name or password.")
    if url.query or url.fragment:
        raise ValueError("The server address must not contain '?' or '#'.")
    if url.scheme == "http" and not is_loopback_host(url.host):
        raise InsecureServer(
            f"{url.host} must be reached over https://. Plain http:// is only allowed for this "
            "computer (the local sandbox). Change the server address in Settings.",
        )
    return str(url.copy_with(path=url.path.rstrip("/") or "/")).rstrip("/")


def origin(url: httpx.URL | str) -> tuple[str, str, int | None]:
    """(scheme, host, port) with default ports filled in, for comparisons."""
    url = httpx.URL(url)
    scheme = url.scheme.lower()
    return scheme, (url.host or "").lower().rstrip("."), url.port or _DEFAULT_PORTS.get(scheme)


def same_origin(url: httpx.URL | str, root: httpx.URL | str) -> bool:
    """True when ``url`` is on exactly the server root's origin."""
    return origin(url) == origin(root)


def resolve(root: str, path_or_url: str | httpx.URL) -> httpx.URL:
    """An absolute URL: absolute ones as they are, paths appended to the root."""
    url = httpx.URL(path_or_url)
    if url.is_absolute_url:
        return url
    text = str(path_or_url)
    if not text.startswith("/"):
        text = "/" + text
    return httpx.URL(root + text)


def server_given(root: str, given: object) -> httpx.URL | None:
    """A URL from a server's answer (``checkProgressUrl``, ``downloadMediaUrl``...) if usable.

    Usable: text that parses as an absolute http(s) URL (a path is taken on the root), with no
    user info, and safe to reach (https, or http to loopback). Anything else is None: the
    caller then builds the documented path itself. Where credentials may go is still decided
    per request (only to the root's origin), so a URL on another origin is reached without them.
    """
    if not isinstance(given, str) or not given.strip() or len(given) > 8192:
        return None
    given = given.strip()
    if not given.startswith("/") and "://" not in given:
        return None  # neither a path on the root nor an absolute URL ("javascript:…", "a/b")
    try:
        url = resolve(root, given)
    except (httpx.InvalidURL, ValueError):
        return None
    if url.scheme not in ("http", "https") or not url.host or url.userinfo:
        return None
    try:
        check_transport_safe(url)
    except InsecureServer:
        return None
    return url


def check_transport_safe(url: httpx.URL) -> None:
    """Refuse plain HTTP to anything but loopback, even without credentials.

    Downloads and links from the server may point elsewhere; media on plain
    HTTP across the internet could be tampered with, so we do not go there.
    """
    if url.scheme == "https":
        return
    if url.scheme == "http" and is_loopback_host(url.host or ""):
        return
    raise InsecureServer(
        f"Pixop pointed us at an insecure address on {url.host or 'an unknown host'}; we did not follow it.",
    )


def redact(url: httpx.URL | str) -> str:
    """A URL safe for logs: no user info, no query string values."""
    url = httpx.URL(url)
    text = str(url.copy_with(userinfo=b"", query=None, fragment=None))
    if url.query:
        keys = [part.split(b"=", 1)[0].decode("ascii", "replace") for part in url.query.split(b"&")]
        text += "?" + "&".join(f"{key}=…" for key in keys)
    return text


def segment(value: object) -> str:
    """An id as one safe path segment (ids come from users and servers)."""
    text = str(value)
    if not text or text in (".", ".."):
        raise ValueError(f"Not a valid id: {value!r}")
    return quote(text, safe="")
