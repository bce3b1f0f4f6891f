"""The checks we can make before asking Pixop to import: the same rules the server applies.

Seed 003 (HTTPS import) and seed 001 (S3 import) document them: https only, port 443 only,
a host that resolves only to public addresses (no loopback, RFC 1918 / unique-local,
link-local, multicast), and the field lengths. Every refusal names its rule, so a person
knows what to change. The server checks again; we only save a round trip and say it better.

``allow_private`` lifts the port and address rules (never the https rule), exactly like the
sandbox's ``--allow-private-urls``. It exists for tests and local demos only: it is off unless
a caller passes it or the test-only environment variable ``PIXOP_ALLOW_PRIVATE_IMPORT_URLS=1``
is set, and the GUI never offers it.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from pixop_desktop.errors import UserFacingError
from pixop_desktop.addresses import ALLOW_PRIVATE_ENV as ALLOW_PRIVATE_ENV
from pixop_desktop.addresses import allow_private_from_env as allow_private_from_env
from pixop_desktop.addresses import non_public_reason

MAX_CRC32C = 4294967295
MIN_CONNECTIONS, MAX_CONNECTIONS, DEFAULT_CONNECTIONS = 1, 20, 10

Resolver = Callable[..., list]


@dataclass(frozen=True)
class Refusal:
    """One broken rule: which field, a short rule id (for tests and code), and plain words."""

    field: str
    rule: str
    message: str


class ImportRefused(UserFacingError, ValueError):
    """The import was not sent because it breaks these rules; ``message`` names each one."""

    def __init__(self, refusals: list[Refusal]) -> None:
        self.refusals = list(refusals)
        super().__init__("Import refused", " ".join(r.message for r in self.refusals))


# ----- text lengths (both import kinds) ------------------------------------------------------

def check_length(field: str, label: str, value: str | None, low: int, high: int,
                 required: bool) -> Refusal | None:
    if value is None and not required:
        return None
    length = len(value or "")
    if low <= length <= high:
        return None
    if low == 0:
        words = f"{label} must be at most {high} characters long (it has {length})."
    else:
        words = f"{label} must be {low} to {high} characters long (it has {length})."
    return Refusal(field, f"{field}-length", words)


def check_video_fields(name: str | None, description: str | None,
                       file_name: str | None) -> list[Refusal]:
    """name 1–255 (required), description 0–511, file name 1–255 (both optional)."""
    found = [check_length("name", "The name", name, 1, 255, True),
             check_length("description", "The description", description, 0, 511, False),
             check_length("fileName", "The file name", file_name, 1, 255, False)]
    return [r for r in found if r]


# ----- the URL -------------------------------------------------------------------------------

def _url_refusal(rule: str, message: str) -> Refusal:
    return Refusal("url", rule, message)


def check_url_shape(url: str, *, allow_private: bool = False) -> tuple[str, int] | Refusal:
    """(host, port) of a URL whose shape is acceptable, or the rule it breaks (no network)."""
    if not 1 <= len(url) <= 4096:
        return _url_refusal("url-length", f"The URL must be 1 to 4096 characters long (it has {len(url)}).")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return _url_refusal("url-invalid", "This is not a valid URL.")
    if parts.scheme.lower() != "https":
        shown = f"“{parts.scheme}://”" if parts.scheme else "no scheme"
        return _url_refusal("https-only", f"Pixop imports only from https:// addresses; this URL has {shown}.")
    if not parts.hostname:
        return _url_refusal("host-missing", "The URL has no host name (like https://example.com/video.mp4).")
    port = port or 443
    if port != 443 and not allow_private:
        return _url_refusal("port-443", f"Pixop imports only from the standard https port 443; this URL uses port {port}.")
    return parts.hostname, port


_RULE_OF_REASON = {"a loopback address": "no-loopback", "a link-local address": "no-link-local",
                   "a multicast address": "no-multicast", "an unspecified address": "no-unspecified",
                   "a private (site-local) address": "no-private", "a reserved address": "no-reserved",
                   "a shared (carrier-grade NAT) address": "no-shared",
                   "a non-public address": "no-non-public"}


def check_host(host: str, port: int, *, allow_private: bool = False,
               resolve: Resolver = socket.getaddrinfo) -> Refusal | None:
    """Resolve the host (blocking: keep it off the GUI thread); refuse any non-public address."""
    try:
        infos = resolve(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return _url_refusal("host-unresolved", f"The host {host} could not be found (check the spelling "
                                               "and your internet connection).")
    if allow_private:
        return None
    for info in infos:
        address = info[4][0]
        reason = non_public_reason(address)
        if reason:
            return _url_refusal(_RULE_OF_REASON[reason],
                                f"The host {host} resolves to {reason} ({address}); Pixop imports only "
                                "from publicly reachable addresses.")
    return None


def check_url(url: str, *, allow_private: bool = False,
              resolve: Resolver = socket.getaddrinfo) -> Refusal | None:
    """Every URL rule, including the address the host resolves to (blocking)."""
    shape = check_url_shape(url, allow_private=allow_private)
    if isinstance(shape, Refusal):
        return shape
    return check_host(*shape, allow_private=allow_private, resolve=resolve)


# ----- numbers -------------------------------------------------------------------------------

def check_crc32c(value: int | None) -> Refusal | None:
    if value is None or 0 <= value <= MAX_CRC32C:
        return None
    return Refusal("crc32c", "crc32c-range", f"The CRC32C checksum must be a number from 0 to {MAX_CRC32C}.")


def check_connections(value: int | None) -> Refusal | None:
    if value is None or MIN_CONNECTIONS <= value <= MAX_CONNECTIONS:
        return None
    return Refusal("maxConcurrentConnections", "connections-range",
                   f"The number of connections must be from {MIN_CONNECTIONS} to {MAX_CONNECTIONS} (it is {value}).")


# ----- names derived from URLs and keys ------------------------------------------------------

def name_from_url(url: str) -> str:
    """The URL's file name ("clip.mp4" from https://h/a/clip.mp4?x=1), for the default video name."""
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return ""
    return unquote(path.rstrip("/").rsplit("/", 1)[-1])[:255]


def name_from_key(key: str) -> str:
    """An S3 object key's last component ("clip.mp4" from "in/2024/clip.mp4")."""
    return key.rstrip("/").rsplit("/", 1)[-1][:255] or key[:255]
