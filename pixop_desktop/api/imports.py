"""``client.imports``: the current API's imports (/api/v1, X-API-Key).

Pixop copies the video itself, from an HTTPS URL or a configured S3 input
location; we only start the copy and follow its status. Starting an import
creates a video, so it is never blindly retried once sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from .answers import parse
from .models import (DerivedVideo, DownloadLink, ImportedVideo, ImportStatus, InputLocation,
                     ProcessingStatusApi)
from .pagination import iter_api_pages
from .urls import segment

if TYPE_CHECKING:
    from .client import PixopClient

MAX_CRC32C = 4294967295


def _check_https_url(url: str, allow_private_urls: bool = False) -> None:
    """Catch the mistakes we can see before Pixop does (it checks the rest).

    ``allow_private_urls`` (tests against a sandbox started with the same switch) lifts the
    port rule, as the sandbox does; pixop_desktop.imports.url_rules has the full checks.
    """
    import httpx

    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise ValueError(f"Not a valid URL: {url!r}") from exc
    if parsed.scheme != "https" or not parsed.host:
        raise ValueError("Pixop can only import from https:// addresses.")
    if parsed.port not in (None, 443) and not allow_private_urls:
        raise ValueError("Pixop can only import from the standard https port (443).")
    if not 1 <= len(url) <= 4096:
        raise ValueError("The URL must be between 1 and 4096 characters long.")


def _body(name: str, description: str | None, project_id: str | None, file_name: str | None) -> dict[str, Any]:
    if not 1 <= len(name) <= 255:
        raise ValueError("The video name must be between 1 and 255 characters long.")
    if description is not None and len(description) > 511:
        raise ValueError("The description must be at most 511 characters long.")
    if file_name is not None and not 1 <= len(file_name) <= 255:
        raise ValueError("The file name must be between 1 and 255 characters long.")
    body: dict[str, Any] = {"name": name}
    for key, value in (("description", description), ("projectId", project_id), ("fileName", file_name)):
        if value is not None:
            body[key] = value
    return body


class Imports:
    def __init__(self, client: PixopClient) -> None:
        self._client = client

    def from_https(self, url: str, name: str, *, description: str | None = None,
                   project_id: str | None = None, file_name: str | None = None,
                   full_ingestion: bool = False, crc32c: int | None = None,
                   max_connections: int | None = None, team_id: str | None = None,
                   allow_private_urls: bool = False) -> ImportedVideo:
        """Have Pixop copy a video from a public HTTPS URL (must support Range)."""
        _check_https_url(url, allow_private_urls)
        if crc32c is not None and not 0 <= crc32c <= MAX_CRC32C:
            raise ValueError("crc32c must be between 0 and 4294967295.")
        if max_connections is not None and not 1 <= max_connections <= 20:
            raise ValueError("max_connections must be between 1 and 20.")
        params: dict[str, Any] = {"fullIngestion": str(bool(full_ingestion)).lower()}
        if crc32c is not None:
            params["crc32c"] = crc32c
        if max_connections is not None:
            params["maxConcurrentConnections"] = max_connections
        body = {**_body(name, description, project_id, file_name), "url": url}
        response = self._client.send_api("POST", "/api/v1/videos/in/https", params=params, json=body,
                                         team_id=team_id, idempotent=False)
        return parse(response, ImportedVideo)

    def from_s3(self, location_id: str, object_key: str, name: str, *, description: str | None = None,
                project_id: str | None = None, file_name: str | None = None,
                full_ingestion: bool = False, team_id: str | None = None) -> ImportedVideo:
        """Have Pixop copy an object from one of the team's S3 input locations."""
        if not 1 <= len(object_key) <= 1024:
            raise ValueError("The object key must be between 1 and 1024 characters long.")
        params = {"fullIngestion": str(bool(full_ingestion)).lower()}
        body = {**_body(name, description, project_id, file_name), "objectKey": object_key}
        response = self._client.send_api(
            "POST", f"/api/v1/videos/in/s3/{segment(location_id)}", params=params, json=body,
            team_id=team_id, idempotent=False, what=f"input location {location_id}",
        )
        return parse(response, ImportedVideo)

    def status(self, video_id: str, *, team_id: str | None = None) -> ImportStatus:
        response = self._client.send_api("GET", f"/api/v1/videos/{segment(video_id)}/in/status",
                                         team_id=team_id, what=f"video {video_id}")
        return parse(response, ImportStatus)

    def start_processing(self, video_id: str, options: dict[str, Any], *, query: dict[str, Any] | None = None,
                         video_name: str | None = None, video_description: str | None = None,
                         team_id: str | None = None) -> ProcessingStatusApi:
        """``POST /v1/videos/{id}/processing/start``: order processing (``options`` from
        ``current_options.to_current``). The answer's ``video_id`` is the new processed video.

        Never retried once sent: a second order is a second bill (the caller asks the server
        what exists before ordering again).
        """
        params: dict[str, Any] = dict(query or {})
        if video_name:
            params["videoName"] = video_name[:255]
        if video_description:
            params["videoDescription"] = video_description[:511]
        response = self._client.send_api("POST", f"/api/v1/videos/{segment(video_id)}/processing/start",
                                         params=params, json=options, team_id=team_id, idempotent=False,
                                         what=f"video {video_id}")
        return parse(response, ProcessingStatusApi)

    def processing_status(self, processed_id: str, *, team_id: str | None = None) -> ProcessingStatusApi:
        """``GET /v1/videos/{id}/processing/status`` of a processed video: state, progress, ETA."""
        response = self._client.send_api("GET", f"/api/v1/videos/{segment(processed_id)}/processing/status",
                                         team_id=team_id, what=f"video {processed_id}")
        return parse(response, ProcessingStatusApi)

    def download_link(self, video_id: str, *, minutes: int | None = None,
                      team_id: str | None = None) -> DownloadLink:
        """``out/https``: a signed link to the video's media with its CRC32C and suggested name.

        Sent as POST (the SDK's method); asking again only makes another link, so it is retried.
        """
        params = {"durationMinutes": minutes} if minutes else None
        response = self._client.send_api("POST", f"/api/v1/videos/{segment(video_id)}/out/https",
                                         params=params, team_id=team_id, idempotent=True,
                                         what=f"video {video_id}")
        return parse(response, DownloadLink)

    def iter_derived(self, video_id: str, *, page_size: int | None = None,
                     team_id: str | None = None) -> Iterator[DerivedVideo]:
        """Videos derived from a master, e.g. the free 10-second clip."""
        return iter_api_pages(self._client, f"/api/v1/videos/{segment(video_id)}/derived", DerivedVideo,
                              page_size=page_size, team_id=team_id)

    def iter_videos(self, *, project_id: str | None = None, page_size: int | None = None,
                    team_id: str | None = None) -> Iterator[DerivedVideo]:
        """``GET /v1/videos`` (the SDK's getVideos): the team's videos, newest first, free clips
        left out. Newest first so a video made while paging only repeats one (skipped), never
        hides one; what a re-run looks for is among the newest."""
        params = {"projectId": project_id, "clipMode": "EXCLUDE", "sortBy": "createdAt", "sortDirection": "DESC"}
        return iter_api_pages(self._client, "/api/v1/videos", DerivedVideo, params=params,
                              page_size=page_size, team_id=team_id)

    def iter_input_locations(self, *, page_size: int | None = None,
                             team_id: str | None = None) -> Iterator[InputLocation]:
        return iter_api_pages(self._client, "/api/v1/input-locations/s3", InputLocation,
                              page_size=page_size, team_id=team_id)
