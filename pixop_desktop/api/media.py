"""``client.media``: the v1 media service (/media/v1): upload and download media.

Kept simple on purpose: a correct streamed upload with exact Content-Length,
a HEAD, and a plain streamed download to a ``.part`` file renamed when
complete. transfer/ builds the resumable, throttled, cancellable engines on
the same primitives (``client.stream_v1``, ``upload_path``/``download_path``,
``MultipartFile``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import httpx

from .answers import parse
from .errors import PixopError, RequestContext, UnexpectedResponse, error_from_transport
from .models import MediaInfo, UploadResult
from .multipart import MultipartFile, Progress
from .offered_names import name_from_content_disposition
from .urls import redact, segment

if TYPE_CHECKING:
    from .client import PixopClient

BASE = "/media/v1"
DOWNLOAD_CHUNK = 256 * 1024
# A signed storage link is signed for GET only: HEAD is refused (403), or not allowed at all.
HEAD_REFUSED = frozenset({403, 405, 501})
_CONTENT_RANGE_TOTAL = re.compile(r"^\s*bytes\s+\d+-\d+/(\d+)\s*$", re.IGNORECASE)
_MEDIA_HEADERS = {"Accept-Encoding": "identity", "Accept": "*/*"}


def probe_media(client: PixopClient, url: str | httpx.URL, *, what: str) -> MediaInfo:
    """Size, ETag and name of media at ``url`` (redirects followed): a HEAD, or where HEAD is
    refused (signed storage links) a GET of the first byte only."""
    try:
        response = client.send_v1("HEAD", url, headers=_MEDIA_HEADERS, follow_redirects=True,
                                  what=what)
        return media_info(response)
    except PixopError as error:
        if error.status_code not in HEAD_REFUSED:
            raise
    with client.stream_v1("GET", url, headers={**_MEDIA_HEADERS, "Range": "bytes=0-0"},
                          follow_redirects=True, what=what) as response:
        return media_info(response)  # the body (one byte, or all if Range was ignored) is dropped


def upload_path(video_id: str, *, light: bool = False) -> str:
    return f"{BASE}/upload/{'light/' if light else ''}{segment(video_id)}"


def download_path(video_id: str, *, original: bool = False) -> str:
    return f"{BASE}/download/{'original' if original else 'processed'}/{segment(video_id)}"


def media_info(response: httpx.Response) -> MediaInfo:
    """What a HEAD (or a GET of the first byte, for a 206: the size is Content-Range's total) says."""
    length = response.headers.get("content-length")
    size = int(length) if length and length.isdigit() else None
    if response.status_code == 206:
        found = _CONTENT_RANGE_TOTAL.match(response.headers.get("content-range", ""))
        size = int(found.group(1)) if found else None
    return MediaInfo(
        content_length=size,
        etag=response.headers.get("etag"),
        file_name=name_from_content_disposition(response.headers.get("content-disposition")),
        content_type=response.headers.get("content-type"),
        accepts_ranges="bytes" in response.headers.get("accept-ranges", "").lower(),
    )


class Media:
    def __init__(self, client: PixopClient) -> None:
        self._client = client

    def upload(self, video_id: str, path: str | os.PathLike[str], *, light: bool = False,
               progress: Progress | None = None, timeout: float | None = None,
               url: str | None = None) -> UploadResult:
        """Upload the file into an existing video (retried: it replaces the same video's media).

        ``url``: the ``uploadMediaUrl``/``uploadLightMediaUrl`` Pixop gave, if any."""
        body = MultipartFile(path)
        response = self._client.send_v1_at(
            "POST", url, upload_path(video_id, light=light),
            content=lambda: body.chunks(progress), headers=body.headers(),
            idempotent=True, timeout=timeout, what=f"video {video_id}",
        )
        return parse(response, UploadResult)

    def head(self, video_id: str, *, original: bool = False) -> MediaInfo:
        return probe_media(self._client, download_path(video_id, original=original),
                           what=f"video {video_id}")

    def download(self, video_id: str, dest_path: str | os.PathLike[str], *, original: bool = False,
                 progress: Callable[[int, int | None], None] | None = None) -> MediaInfo:
        """Download media to ``dest_path`` (via ``.part``, renamed once complete)."""
        dest = Path(dest_path)
        part = dest.with_name(dest.name + ".part")
        headers = {"Accept-Encoding": "identity", "Accept": "*/*"}
        with self._client.stream_v1("GET", download_path(video_id, original=original), headers=headers,
                                    follow_redirects=True, what=f"video {video_id}") as response:
            info = media_info(response)
            received = 0
            try:
                with part.open("wb") as handle:
                    for chunk in response.iter_raw(DOWNLOAD_CHUNK):
                        handle.write(chunk)
                        received += len(chunk)
                        if progress:
                            progress(received, info.content_length)
            except httpx.TransportError as exc:
                part.unlink(missing_ok=True)
                ctx = RequestContext("GET", redact(response.request.url))
                raise error_from_transport(exc, ctx) from exc
        if info.content_length is not None and received != info.content_length:
            part.unlink(missing_ok=True)
            raise UnexpectedResponse(
                f"The download of video {video_id} stopped early ({received} of {info.content_length} bytes). Try again.",
            )
        os.replace(part, dest)
        return info
