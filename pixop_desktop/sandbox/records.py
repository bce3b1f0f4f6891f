"""Shape the sandbox's internal video records into the API's JSON (seed 002's video record)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from pixop_desktop.sandbox.common import base_url


def project_json(project: dict, request: Request | None = None) -> dict:
    body = {key: project[key] for key in ("id", "name", "teamId", "dateCreated", "timeLastUpdated")}
    if request is not None:
        body = {"_links": {"self": {"href": f"{base_url(request)}/videos/v1/project/{project['id']}"}},
                **body}
    return body


def ingestion_state(video: dict) -> dict:
    ing = video["ingestion"]
    return {
        "updatedAt": ing.get("updatedAt"),
        "ingestionStatus": ing.get("status", "INITIAL"),
        "videoMetadataAvailable": ing.get("metadata") is not None,
        "videoMetadataCommitted": ing.get("status") == "DONE",
        "processingProgressPercent": float(ing.get("percent") or 0.0),
        **({"errorMessage": ing["error"]} if ing.get("error") else {}),
    }


def processing_state(video: dict) -> dict | None:
    proc = video.get("processing")
    if not proc:
        return None
    return {
        "updatedAt": proc.get("updatedAt"),
        "processingStatus": proc.get("status", "INITIAL"),
        "processingProgressPercent": float(proc.get("percent") or 0.0),
        **({"errorMessage": proc["error"]} if proc.get("error") else {}),
    }


def video_json(video: dict) -> dict:
    """The full record of GET /videos/v1/video/{id}."""
    up, ing = video["upload"], video["ingestion"]
    body: dict[str, Any] = {
        "id": video["id"], "name": video["name"], "description": video.get("description", ""),
        "projectId": video["projectId"], "userId": video["userId"], "teamId": video["teamId"],
        "parentId": video.get("parentId"),
        "upload": {
            "uploadState": {"updatedAt": up.get("updatedAt"), "uploadStatus": up.get("status"),
                            **({"errorMessage": up["error"]} if up.get("error") else {})},
            "hasFinishedUploading": bool(up.get("done")),
            "fileName": up.get("fileName"), "fileSize": up.get("fileSize"),
            "fileType": up.get("fileType"),
            "fileContainerName": (ing.get("metadata") or {}).get("longContainerName"),
        },
        "ingestion": {"ingestionState": ingestion_state(video), "metadata": ing.get("metadata")},
        "attributes": video.get("attributes") or {},
        "dateCreated": video["dateCreated"], "timeLastUpdated": video["timeLastUpdated"],
    }
    if ing.get("qualityAssessment") is not None:
        body["ingestion"]["qualityAssessment"] = ing["qualityAssessment"]
    if video.get("processing"):
        body["processing"] = {"processingState": processing_state(video),
                              "processingParameters": video["processing"].get("parameters")}
    return body


def video_summary_json(video: dict, request: Request) -> dict:
    """One entry of GET /videos/v1/videos."""
    return {
        "_links": {"self": {"href": f"{base_url(request)}/videos/v1/video/{video['id']}"}},
        "id": video["id"], "parentId": video.get("parentId"), "projectId": video["projectId"],
        "name": video["name"], "filename": video["upload"].get("fileName"),
        "dateCreated": video["dateCreated"], "timeLastUpdated": video["timeLastUpdated"],
    }


def processing_parameters(request_json: dict, plan: Any) -> dict:
    """``processingParameters`` from the plan the sandbox will follow (plan_output)."""
    clip = request_json.get("range") or {}
    yuv, bits = _chroma_of(getattr(plan, "pix_fmt", "") or "")
    return {
        "sourceVideo": {"startPositionMilliseconds": getattr(plan, "start_ms", None)
                        if getattr(plan, "start_ms", None) is not None
                        else clip.get("startPositionMilliseconds"),
                        "endPositionMilliseconds": getattr(plan, "end_ms", None)
                        if getattr(plan, "end_ms", None) is not None
                        else clip.get("endPositionMilliseconds")},
        "targetVideo": {
            "preset": {"name": "custom"},
            "container": {"name": getattr(plan, "container", None), "properties": {}},
            "codec": {"name": getattr(plan, "codec", None), "properties": {}},
            "pixelFormat": {"name": getattr(plan, "pix_fmt", None),
                            "chromaSubsampling": {"yuv": yuv, "bits": bits}},
            "bitrate": getattr(plan, "bitrate_bps", None),
            "frameWidth": getattr(plan, "width", None),
            "frameHeight": getattr(plan, "height", None),
            "frameRate": getattr(plan, "fps", None),
            "scanning": getattr(plan, "interlaced", None) or "progressive",
            "videoFilters": [{"name": name, "properties": {}}
                             for name in getattr(plan, "filters", None) or []],
        },
        "request": request_json,
    }


def _chroma_of(pix_fmt: str) -> tuple[str | None, int | None]:
    """'yuv422p10le' → ('4:2:2', 10)."""
    table = {"yuv420": "4:2:0", "yuv422": "4:2:2", "yuv444": "4:4:4", "yuv411": "4:1:1",
             "yuv410": "4:1:0", "yuv440": "4:4:0", "yuvj420": "4:2:0", "yuvj422": "4:2:2",
             "yuvj444": "4:4:4"}
    for prefix, yuv in sorted(table.items(), key=lambda kv: -len(kv[0])):
        if pix_fmt.startswith(prefix):
            rest = pix_fmt[len(prefix):].lstrip("p")
            digits = "".join(ch for ch in rest if ch.isdigit())
            return yuv, int(digits) if digits else 8
    return None, None
