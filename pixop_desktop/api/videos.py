"""``client.videos``: the v1 videos service (/videos/v1): projects, videos, processing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from .answers import parse
from .urls import segment as _seg
from .models import (
    CreatedVideo,
    DeletedVideos,
    HalPage,
    IngestionProgress,
    ProcessingProgress,
    ProcessOrder,
    Project,
    Video,
    VideoSummary,
)
from .pagination import iter_hal

if TYPE_CHECKING:
    from .client import PixopClient

BASE = "/videos/v1"


def processing_json(request: Any) -> dict:
    """Validate a processing request client side; returns the documented JSON."""
    from pixop_desktop.processing import ProcessingRequest

    if isinstance(request, ProcessingRequest):
        return request.to_json()
    if isinstance(request, dict):
        return ProcessingRequest.from_json(request).to_json()
    raise TypeError("process() takes a ProcessingRequest or its JSON dict")


class Videos:
    def __init__(self, client: PixopClient) -> None:
        self._client = client

    # --- projects ---------------------------------------------------------------------------

    def get_project(self, project_id: str) -> Project:
        response = self._client.send_v1("GET", f"{BASE}/project/{_seg(project_id)}", what=f"project {project_id}")
        return parse(response, Project, key="project")

    def list_projects_page(self, page: int | None = None, page_size: int | None = None) -> HalPage:
        """One raw HAL page of projects; items via ``page.items("projects")``."""
        params = {k: v for k, v in (("page", page), ("page-size", page_size)) if v is not None}
        response = self._client.send_v1("GET", f"{BASE}/projects", params=params or None)
        return parse(response, HalPage)

    def iter_projects(self, page_size: int | None = None) -> Iterator[Project]:
        return iter_hal(self._client, f"{BASE}/projects", "projects", Project, page_size=page_size)

    def create_project(self, name: str) -> Project:
        response = self._client.send_v1("PUT", f"{BASE}/project", json={"name": name}, idempotent=False)
        return parse(response, Project, key="project")

    def rename_project(self, project_id: str, name: str) -> Project:
        response = self._client.send_v1(
            "POST", f"{BASE}/project/{_seg(project_id)}", json={"name": name},
            idempotent=True, what=f"project {project_id}",
        )
        return parse(response, Project, key="project")

    def delete_project(self, project_id: str) -> None:
        """Delete an empty project (Pixop answers Conflict while it has videos)."""
        self._client.send_v1("DELETE", f"{BASE}/project/{_seg(project_id)}", what=f"project {project_id}")

    # --- videos ---------------------------------------------------------------------------------

    def get(self, video_id: str) -> Video:
        response = self._client.send_v1("GET", f"{BASE}/video/{_seg(video_id)}", what=f"video {video_id}")
        return parse(response, Video, key="video")

    def iter_videos(self, project_id: str | None = None, parent_id: str | None = None,
                    page_size: int | None = None) -> Iterator[VideoSummary]:
        params = {"project-id": project_id, "parent-id": parent_id}
        return iter_hal(self._client, f"{BASE}/videos", "videos", VideoSummary, params=params, page_size=page_size)

    def create(self, name: str | None = None, project_id: str | None = None) -> CreatedVideo:
        """A new, empty video record to upload into (NOT retried once sent: it would make two)."""
        body = {k: v for k, v in (("name", name), ("projectId", project_id)) if v is not None}
        response = self._client.send_v1("PUT", f"{BASE}/video", json=body, idempotent=False)
        return parse(response, CreatedVideo)

    # ``url``: the URL Pixop's earlier answer gave for this (``processVideoUrl``,
    # ``checkProgressUrl``, ``checkIngestProgressUrl``), followed as the curl demo does;
    # the documented path is the fallback (see ``PixopClient.send_v1_at``).

    def process(self, video_id: str, request: Any, *, url: str | None = None) -> ProcessOrder:
        """Order processing. Validated here first; never blindly retried (one order only)."""
        body = processing_json(request)
        response = self._client.send_v1_at(
            "POST", url, f"{BASE}/process-video/{_seg(video_id)}", json=body,
            idempotent=False, what=f"video {video_id}",
        )
        return parse(response, ProcessOrder)

    def processing_progress(self, video_id: str, *, url: str | None = None) -> ProcessingProgress:
        response = self._client.send_v1_at(
            "GET", url, f"{BASE}/check-process-video-progress/{_seg(video_id)}", what=f"video {video_id}"
        )
        return parse(response, ProcessingProgress)

    def ingestion_progress(self, video_id: str, *, url: str | None = None) -> IngestionProgress:
        response = self._client.send_v1_at(
            "GET", url, f"{BASE}/check-ingest-video-progress/{_seg(video_id)}", what=f"video {video_id}"
        )
        return parse(response, IngestionProgress)

    def delete(self, video_id: str) -> list[str]:
        """Delete a video (and, for an original, its processed videos); returns deleted ids."""
        response = self._client.send_v1("DELETE", f"{BASE}/video/{_seg(video_id)}", what=f"video {video_id}")
        if not response.content:
            return [video_id]
        return parse(response, DeletedVideos).ids
