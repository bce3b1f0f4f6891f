"""Import from an HTTPS URL: the URL rules of seed 003 and a parallel ranged copy.

Rules: ``https`` only, port 443 only, the host must resolve only to public addresses (no
loopback, RFC 1918 / unique-local, link-local, multicast, unspecified or reserved), the source
must answer a ``Range`` request with 206 and say its size, at most 500 GB. ``allow_private_urls``
(tests and local demos) lifts the address and port rules, never the https rule; with
``import_ca_file`` an https server using a test certificate can be trusted.

The copy splits the file into up to ``maxConcurrentConnections`` ranges fetched in parallel,
each written at its offset, then checks the CRC32C when one was given.
"""

from __future__ import annotations

import math
import socket
import ssl
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import google_crc32c
import httpx

from pixop_desktop.addresses import non_public_reason  # the same address rule as the client
from pixop_desktop.sandbox.errors import ApiError, field_error

MAX_IMPORT_BYTES = 500 * 10**9
MIN_PART_BYTES = 1 << 20
COPY_CHUNK = 1 << 20


def _refuse(message: str, url: str) -> ApiError:
    return ApiError(400, message, [field_error("url", message, url)])


def tls_context(ca_file: str | None) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if ca_file:
        context.load_verify_locations(ca_file)
    return context


def check_url_shape(url: str, allow_private: bool) -> tuple[str, int]:
    """(host, port) of an acceptable URL, or a 400 naming the rule it breaks."""
    if not isinstance(url, str) or not 1 <= len(url) <= 4096:
        raise _refuse("The url must be 1 to 4096 characters long.", url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise _refuse("The url is not a valid URL.", url) from None
    if parts.scheme.lower() != "https":
        raise _refuse("The url must use https.", url)
    if not parts.hostname:
        raise _refuse("The url has no host name.", url)
    port = port or 443
    if port != 443 and not allow_private:
        raise _refuse("Only port 443 is allowed in the url.", url)
    return parts.hostname, port


def check_host(url: str, host: str, port: int, allow_private: bool) -> None:
    """Resolve the host; refuse it when any address it resolves to is not public (blocking)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise _refuse(f"The host {host} could not be resolved.", url) from None
    if allow_private:
        return
    for info in infos:
        reason = non_public_reason(info[4][0])
        if reason:
            raise _refuse(f"The url's host {host} resolves to {reason} ({info[4][0]}), "
                          "which is not allowed.", url)


def source_size(url: str, ca_file: str | None) -> int:
    """The source's size from a one-byte Range request; 400 unless it supports Range (blocking)."""
    try:
        with httpx.Client(verify=tls_context(ca_file), timeout=15.0) as client:
            response = client.get(url, headers={"Range": "bytes=0-0",
                                                "Accept-Encoding": "identity"})
    except httpx.HTTPError as exc:
        raise _refuse(f"The url could not be read: {type(exc).__name__}.", url) from None
    if response.status_code != 206:
        raise _refuse(_not_ranged(response.status_code), url)
    total = response.headers.get("content-range", "").rpartition("/")[2]
    if not total.isdigit():
        raise _refuse("The source did not say its size in Content-Range.", url)
    size = int(total)
    if size > MAX_IMPORT_BYTES:
        raise _refuse("The video is larger than 500 GB, which cannot be imported.", url)
    return size


def _not_ranged(status: int) -> str:
    """Why a source that did not answer the Range probe with 206 cannot be imported."""
    if status in (404, 410):
        return f"Nothing was found at the url (it answered {status}); check the address."
    if status in (401, 403):
        return (f"The url refused access (it answered {status}); it must be readable without "
                "signing in, e.g. a pre-signed link that has not expired.")
    if 200 <= status < 300:
        return (f"The source answered {status} to a Range request; it must support range "
                "requests.")
    return (f"The url could not be read (it answered {status}); it must support range "
            "requests.")


def copy_ranges(url: str, target: Path, size: int, connections: int, ca_file: str | None,
                cancel) -> None:
    """Fetch ``size`` bytes in parallel ranges into ``target``; raises on any failure."""
    with open(target, "wb") as handle:
        handle.truncate(size)
    parts = max(1, min(connections, math.ceil(size / MIN_PART_BYTES)))
    step = math.ceil(size / parts) if size else 0
    ranges = [(start, min(size, start + step) - 1) for start in range(0, size, step or 1)]
    limits = httpx.Limits(max_connections=parts)
    with httpx.Client(verify=tls_context(ca_file), timeout=30.0, limits=limits) as client:
        with ThreadPoolExecutor(parts, thread_name_prefix="sandbox-import") as pool:
            futures = [pool.submit(_copy_range, client, url, target, s, e, cancel)
                       for s, e in ranges]
            for future in futures:
                future.result()


def _copy_range(client: httpx.Client, url: str, target: Path, start: int, end: int,
                cancel) -> None:
    """One range, once: a source that stops sending fails the import (Pixop does not retry)."""
    headers = {"Range": f"bytes={start}-{end}", "Accept-Encoding": "identity"}
    written = 0
    try:
        with client.stream("GET", url, headers=headers) as response, open(target, "r+b") as out:
            if response.status_code != 206:
                raise OSError(f"the source answered {response.status_code} to a Range request "
                              "during the copy")
            out.seek(start)
            for chunk in response.iter_raw(COPY_CHUNK):
                if cancel():
                    raise OSError("the import was cancelled")
                out.write(chunk)
                written += len(chunk)
    except httpx.HTTPError as exc:
        raise OSError(_vanished(start + written, exc)) from None
    if written != end - start + 1:
        raise OSError(_vanished(start + written, None))


def _vanished(offset: int, exc: httpx.HTTPError | None) -> str:
    if isinstance(exc, httpx.TimeoutException):
        how = "it stopped answering"
    elif exc is None or isinstance(exc, httpx.TransportError):
        how = "the connection was cut"
    else:
        how = type(exc).__name__
    done = f" after {offset} bytes" if offset else ""
    return (f"the source stopped sending data{done}, before the copy was complete ({how}); "
            "the url must stay reachable for the whole copy")


def file_crc32c(path: Path) -> int:
    checksum = google_crc32c.Checksum()
    with open(path, "rb") as handle:
        while chunk := handle.read(COPY_CHUNK):
            checksum.update(chunk)
    return int.from_bytes(checksum.digest(), "big")
