"""Serve stored media the way Pixop's media service does — and, on request, the way bad networks do.

Strong ETag from the sha256 computed when the media was stored (never per request), single
``Range`` → 206 + ``Content-Range``, unsatisfiable → 416 + ``Content-Range: bytes */SIZE``,
``If-Range`` mismatch → full 200, ``If-None-Match`` → 304, HEAD → headers only. The body is
streamed from disk in 1 MiB chunks. Fault switches may cut the connection, send a short body,
ignore Range, throttle, or change/weaken/drop the ETag and the file name.
"""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from pixop_desktop.sandbox.faults import Faults
from pixop_desktop.sandbox.workers import FixedPool

CHUNK = 1 << 20
_RANGE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)


class ConnectionCut(Exception):
    """Raised mid-response on purpose: uvicorn then drops the connection."""


def content_disposition(name: str) -> str:
    """``attachment`` with an ASCII fallback and the exact name as RFC 6266 ``filename*``."""
    fallback = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "_" for c in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def parse_range(header: str, size: int) -> tuple[int, int] | None | str:
    """(start, end inclusive), None when the header is absent or not a single byte range
    (ignored, as RFC 9110 allows), or "unsatisfiable"."""
    match = _RANGE.match(header or "")
    if not match:
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":
        length = int(last)
        if length == 0 or size == 0:
            return "unsatisfiable"
        return max(0, size - length), size - 1
    start = int(first)
    end = size - 1 if last == "" else min(int(last), size - 1)
    if last != "" and int(last) < start:
        return None
    if start >= size:
        return "unsatisfiable"
    return start, end


def _etag_matches(header: str, etag: str | None) -> bool:
    if not etag:
        return False
    if header.strip() == "*":
        return True
    plain = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == plain for tag in header.split(","))


def _variant_etag(request: Request, etag: str | None) -> str | None:
    """Under the ``unquoted-etag`` variant the same validator goes out without its quotes."""
    if not etag or "unquoted-etag" not in request.app.state.ctx.variants:
        return etag
    weak = etag.startswith("W/")
    return ("W/" if weak else "") + etag.removeprefix("W/").strip('"')


def media_response(request: Request, path: Path, sha256: str, file_name: str,
                   content_type: str, faults: Faults, io: FixedPool) -> Response:
    """The response for GET/HEAD of one stored media file."""
    size = path.stat().st_size
    etag = _variant_etag(request, faults.etag_for(sha256))
    name = faults.filename_override or file_name
    headers = {"accept-ranges": "bytes", "content-disposition": content_disposition(name),
               "content-type": content_type or "application/octet-stream"}
    if etag:
        headers["etag"] = etag
    if _etag_matches(request.headers.get("if-none-match", ""), etag):
        return Response(status_code=304, headers={k: v for k, v in headers.items()
                                                  if k in ("etag", "accept-ranges")})
    wanted = _wanted_range(request, size, etag, faults)
    if wanted == "unsatisfiable":
        return Response(status_code=416, headers={"content-range": f"bytes */{size}",
                                                  "accept-ranges": "bytes"})
    status, start, end = 200, 0, size - 1
    if wanted is not None:
        status, (start, end) = 206, wanted
        headers["content-range"] = f"bytes {start}-{end}/{size}"
        if faults.partials_lack_etag:
            headers.pop("etag", None)
    head = request.method == "HEAD"
    truncation = None if head else faults.take_download_truncation(end - start + 1)
    if not head:
        faults.note_download_start(start)
    return FileRangeResponse(path, start, end, status, headers, head, truncation, faults, io)


def _wanted_range(request: Request, size: int, etag: str | None, faults: Faults):
    header = request.headers.get("range")
    if not header or faults.ranges_ignored:
        return None
    if_range = None if faults.partials_lack_etag else request.headers.get("if-range")  # a careless proxy
    # If-Range pins the range to a strong validator; a weak or different one means "send it all".
    if if_range is not None and (not etag or etag.startswith("W/") or if_range.strip() != etag):
        return None
    return parse_range(header, size)


class FileRangeResponse(Response):
    """Streams bytes [start, end] of a file; the truncation fault decides how it ends."""

    def __init__(self, path: Path, start: int, end: int, status: int, headers: dict,
                 head: bool, truncation: tuple[str, int] | None, faults: Faults,
                 io: FixedPool) -> None:
        super().__init__(status_code=status, headers=headers)
        self.path, self.start, self.end = path, start, end
        self.head, self.truncation, self.faults, self.io = head, truncation, faults, io
        if truncation is None or truncation[0] != "unframed":
            self.headers["content-length"] = str(max(0, end - start + 1))
        elif "content-length" in self.headers:  # unframed: the close alone ends the body
            del self.headers["content-length"]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status_code,
                    "headers": self.raw_headers})
        if self.head or self.end < self.start:
            await send({"type": "http.response.body", "body": b""})
            return
        limit = self.end - self.start + 1
        if self.truncation is not None:
            limit = min(limit, self.truncation[1])
        await self._send_body(send, limit)
        if self.truncation is not None and self.truncation[0] != "unframed":
            raise ConnectionCut(self.truncation[0])
        await send({"type": "http.response.body", "body": b""})

    async def _send_body(self, send: Send, limit: int) -> None:
        started, sent = time.monotonic(), 0
        with open(self.path, "rb") as handle:
            handle.seek(self.start)
            while sent < limit:
                rate = self.faults.rate
                size = min(CHUNK, limit - sent, max(1024, rate // 10) if rate else CHUNK)
                chunk = await self.io.run(handle.read, size)
                if not chunk:
                    break
                if rate:  # hold the chunk until the rate allows it to have been sent
                    ahead = (sent + len(chunk)) / rate - (time.monotonic() - started)
                    if ahead > 0:
                        await asyncio.sleep(ahead)
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
                sent += len(chunk)
