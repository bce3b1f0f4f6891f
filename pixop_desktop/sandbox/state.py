"""Read access to what the sandbox holds, for tests (``sandbox.state``)."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from pixop_desktop.sandbox.store import Store


@dataclass(frozen=True)
class VideoInfo:
    """One video as the sandbox sees it."""

    id: str
    name: str
    team_id: str
    project_id: str
    parent_id: str | None
    kind: str  # "original" | "processed" | "derived" (the free clip)
    upload_done: bool
    upload_status: str | None
    ingestion_status: str | None
    processing_status: str | None
    process_orders: int
    error: str | None  # the latest failure reason (upload, ingestion or processing)


def _info(video: dict) -> VideoInfo:
    up, ing, proc = video["upload"], video["ingestion"], video.get("processing") or {}
    return VideoInfo(
        id=video["id"], name=video["name"], team_id=video["teamId"],
        project_id=video["projectId"], parent_id=video.get("parentId"), kind=video["kind"],
        upload_done=bool(up.get("done")), upload_status=up.get("status"),
        ingestion_status=ing.get("status"), processing_status=proc.get("status"),
        process_orders=int(video.get("processOrders", 0)),
        error=proc.get("error") or ing.get("error") or up.get("error"))


class SandboxState:
    """Snapshots of the sandbox's records; nothing here changes the server."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def videos(self, team_id: str | None = None) -> list[VideoInfo]:
        with self._store.lock:
            found = [_info(v) for v in sorted(self._store.videos.values(),
                                                key=lambda v: v.get("seq", 0))]
        return [v for v in found if team_id is None or v.team_id == team_id]

    def video(self, video_id: str) -> VideoInfo | None:
        with self._store.lock:
            video = self._store.videos.get(video_id)
            return None if video is None else _info(video)

    def record(self, video_id: str) -> dict | None:
        """A deep copy of the internal record (metadata, quality assessment, parameters…)."""
        with self._store.lock:
            return copy.deepcopy(self._store.videos.get(video_id))

    def process_orders(self, video_id: str) -> int:
        """How many processing orders the video (as a source) has received."""
        video = self.video(video_id)
        return 0 if video is None else video.process_orders

    def media_path(self, video_id: str) -> Path | None:
        path = self._store.media_path(video_id)
        return path if path.exists() else None

    def media_sha256(self, video_id: str) -> str | None:
        """sha256 of the stored media, as computed when it was stored."""
        with self._store.lock:
            video = self._store.videos.get(video_id)
            return None if video is None else video["upload"].get("sha256")

    def teams(self) -> dict[str, str]:
        """{team name: team id}."""
        with self._store.lock:
            return {t["name"]: t["id"] for t in self._store.teams.values()}

    def team_id(self, name: str) -> str:
        return self.teams()[name]

    def user_id(self, email: str) -> str | None:
        user = self._store.user_by_email(email)
        return None if user is None else user["id"]

    def projects(self, team_id: str) -> list[dict]:
        return copy.deepcopy(self._store.team_projects(team_id))

    def mimir_integrations(self) -> dict[str, dict]:
        with self._store.lock:
            return copy.deepcopy(self._store.mimir)
