"""What the sandbox knows: users, teams, projects, videos, integrations.

Plain dicts guarded by one lock, written to ``state.json`` in the data dir (atomically, on every
change that matters) so a sandbox restarted on the same folder keeps its videos. Media files
live next to it in ``media/<video id>``. The dicts are the sandbox's internal records; the
routes shape them into the API's JSON.
"""

from __future__ import annotations

import json
import os
import secrets
import threading
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

STATE_FILE = "state.json"
MEDIA_DIR = "media"
SAVE_INTERVAL = 0.25


def now_text() -> str:
    """The API's date format, "YYYY-MM-DD hh:mm:ss" (UTC)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def new_id() -> str:
    return str(uuid.uuid4())


class Store:
    """The sandbox's state. Every public method takes the lock; callers get copies or ids."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.media_dir = root / MEDIA_DIR
        self.media_dir.mkdir(parents=True, exist_ok=True)
        self.lock = threading.RLock()
        self.users: dict[str, dict] = {}
        self.teams: dict[str, dict] = {}
        self.projects: dict[str, dict] = {}
        self.videos: dict[str, dict] = {}
        self.mimir: dict[str, dict] = {}
        self._seq: int | None = None
        self._last_save = 0.0
        self._dirty = False
        self._load()

    # --- persistence -----------------------------------------------------------------------
    def _load(self) -> None:
        path = self.root / STATE_FILE
        if not path.exists():
            return
        data = json.loads(path.read_text("utf-8"))
        for name in ("users", "teams", "projects", "videos", "mimir"):
            getattr(self, name).update(data.get(name, {}))
        self._fail_interrupted_work()

    def _fail_interrupted_work(self) -> None:
        """An upload or import cut off by a stop cannot resume: say so plainly. Ingestion and
        processing can: they go back to INITIAL and ``pending_work()`` hands them out again."""
        reason = "The sandbox stopped before this finished. Upload the video again."
        for video in self.videos.values():
            upload, ingestion = video["upload"], video["ingestion"]
            if upload.get("status") == "IN_PROGRESS":
                upload.update(status="FAILED", error=reason, updatedAt=now_text())
            if ingestion.get("status") == "IN_PROGRESS":
                ingestion.update(status="INITIAL", percent=0.0, updatedAt=now_text())
            processing = video.get("processing")
            if processing and processing.get("status") == "IN_PROGRESS":
                processing.update(status="INITIAL", percent=0.0, updatedAt=now_text())

    def pending_work(self) -> tuple[list[dict], list[dict]]:
        """(originals whose ingestion never finished, processed videos never made)."""
        with self.lock:
            ingest = [v for v in self.videos.values() if v["kind"] == "original"
                      and v["upload"].get("done") and v["ingestion"].get("status") == "INITIAL"]
            process = [v for v in self.videos.values() if v["kind"] != "original"
                       and (v.get("processing") or {}).get("status") == "INITIAL"
                       and ((v["processing"].get("parameters") or {}).get("request")) is not None]
        return ingest, process

    def save(self, force: bool = False) -> None:
        """Write state.json; frequent saves (progress ticks) are coalesced to one per
        ``SAVE_INTERVAL`` — ``flush()`` (called on stop) writes whatever is left."""
        with self.lock:
            self._dirty = True
            if not force and time.monotonic() - self._last_save < SAVE_INTERVAL:
                return
            self._dirty, self._last_save = False, time.monotonic()
            data = {
                name: getattr(self, name)
                for name in ("users", "teams", "projects", "videos", "mimir")
            }
            text = json.dumps(data, indent=1)
            tmp = self.root / (STATE_FILE + ".tmp")
            tmp.write_text(text, "utf-8")
            os.replace(tmp, self.root / STATE_FILE)

    def flush(self) -> None:
        with self.lock:
            if self._dirty:
                self.save(force=True)

    def next_seq(self) -> int:
        """Creation order (dates have one-second resolution, so they cannot order things)."""
        with self.lock:
            if self._seq is None:
                records = list(self.projects.values()) + list(self.videos.values())
                self._seq = max((r.get("seq", 0) for r in records), default=0)
            self._seq += 1
            return self._seq

    def media_path(self, video_id: str) -> Path:
        return self.media_dir / video_id

    # --- users and teams -------------------------------------------------------------------
    def ensure_user(self, email: str, password: str, team_names: Iterable[str]) -> dict:
        """Create the user (and its teams, each with a default project) unless it exists."""
        with self.lock:
            user = self.user_by_email(email)
            if user is not None:
                return user
            team_ids = [self._create_team(name)["id"] for name in team_names]
            stamp = now_text()
            user = {
                "id": new_id(),
                "name": email.split("@")[0],
                "email": email,
                "password": password,
                "teams": team_ids,
                "banned": False,
                "authSecretId": new_id(),
                "signatureSecret": secrets.token_hex(16),
                "dateCreated": stamp,
                "timeLastUpdated": stamp,
            }
            self.users[user["id"]] = user
            self.save()
            return user

    def _create_team(self, name: str) -> dict:
        stamp = now_text()
        team = {"id": new_id(), "name": name, "freeClip": True,
                "dateCreated": stamp, "timeLastUpdated": stamp}
        self.teams[team["id"]] = team
        team["defaultProjectId"] = self.create_project(team["id"], "Default project")["id"]
        return team

    def user_by_email(self, email: str) -> dict | None:
        with self.lock:
            for user in self.users.values():
                if user["email"].lower() == email.lower():
                    return user
            return None

    # --- projects --------------------------------------------------------------------------
    def create_project(self, team_id: str, name: str) -> dict:
        with self.lock:
            stamp = now_text()
            project = {"id": new_id(), "name": name, "teamId": team_id, "seq": self.next_seq(),
                       "dateCreated": stamp, "timeLastUpdated": stamp}
            self.projects[project["id"]] = project
            self.save()
            return project

    def team_projects(self, team_id: str) -> list[dict]:
        with self.lock:
            found = [p for p in self.projects.values() if p["teamId"] == team_id]
        return sorted(found, key=lambda p: p.get("seq", 0))

    # --- videos ----------------------------------------------------------------------------
    def create_video(self, *, team_id: str, user_id: str, project_id: str, name: str,
                     kind: str = "original", parent_id: str | None = None,
                     description: str = "") -> dict:
        with self.lock:
            stamp = now_text()
            video = {
                "id": new_id(), "name": name, "description": description,
                "projectId": project_id, "teamId": team_id, "userId": user_id,
                "parentId": parent_id, "kind": kind, "processOrders": 0,
                "dateCreated": stamp, "timeLastUpdated": stamp, "seq": self.next_seq(),
                "upload": {"status": "INITIAL", "updatedAt": stamp, "done": False,
                           "fileName": None, "fileSize": None, "fileType": None,
                           "sha256": None, "generation": 0},
                "ingestion": {"status": "INITIAL", "updatedAt": stamp, "percent": 0.0,
                              "metadata": None, "qualityAssessment": None, "full": True},
                "processing": None,
                "attributes": {},
            }
            self.videos[video["id"]] = video
            self.save()
            return video

    def update(self, video_id: str, part: str | None = None, **fields: Any) -> dict | None:
        """Update a video (or one of its parts: upload/ingestion/processing); None if gone."""
        with self.lock:
            video = self.videos.get(video_id)
            if video is None:
                return None
            target = video if part is None else video.setdefault(part, {})
            target.update(fields)
            stamp = now_text()
            if part is not None:
                target["updatedAt"] = stamp
            video["timeLastUpdated"] = stamp
            self.save()
            return video

    def team_videos(self, team_id: str) -> list[dict]:
        with self.lock:
            found = [v for v in self.videos.values() if v["teamId"] == team_id]
        return sorted(found, key=lambda v: v.get("seq", 0))

    def children(self, video_id: str) -> list[dict]:
        with self.lock:
            found = [v for v in self.videos.values() if v.get("parentId") == video_id]
        return sorted(found, key=lambda v: v.get("seq", 0))

    def delete_video(self, video_id: str) -> list[str]:
        """Delete a video and everything made from it; returns the deleted ids."""
        with self.lock:
            doomed = [video_id]
            for child in self.children(video_id):
                doomed.extend(self.delete_video(child["id"]))
            if self.videos.pop(video_id, None) is not None:
                self.media_path(video_id).unlink(missing_ok=True)
            self.save()
            return list(dict.fromkeys(doomed))
