"""Current API (``/api/v1``, X-API-Key): imports, import status, derived videos, S3 locations.

Processing and downloads through the current API are in ``routes_current``, appraisals in
``routes_appraisals``.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from pixop_desktop.sandbox import auth, import_jobs, importer, routes_appraisals, routes_current
from pixop_desktop.sandbox.common import api_page, ctx_of, int_param, json_body
from pixop_desktop.sandbox.errors import ApiError, field_error
from pixop_desktop.sandbox.records import ingestion_state, processing_state
from pixop_desktop.sandbox.routes_videos import CutAnswer


def api_bad(message: str) -> ApiError:
    return ApiError(400, message)


async def _api_body(request: Request) -> dict:
    return await json_body(request, api_bad)


def _text(body: dict, field: str, low: int, high: int, required: bool) -> str | None:
    value = body.get(field)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not low <= len(value) <= high:
        message = f"{field} must be a text of {low} to {high} characters."
        raise ApiError(400, message, [field_error(field, message, value)])
    return value


def _check_body(body: dict, key_field: str, key_max: int) -> None:
    """Every field rule of the import bodies at once, before anything touches the network."""
    rules = (("name", 1, 255, True), ("description", 0, 511, False),
             ("fileName", 1, 255, False), (key_field, 1, key_max, True))
    problems = []
    for field, low, high, required in rules:
        value = body.get(field)
        if value is None and not required:
            continue
        if not isinstance(value, str) or not low <= len(value) <= high:
            shown = value if isinstance(value, str) and len(value) <= 300 else None
            message = f"{field} must be a text of {low} to {high} characters."
            problems.append(field_error(field, message, shown))
    project_id = body.get("projectId")
    if project_id is not None and not isinstance(project_id, str):
        problems.append(field_error("projectId", "projectId must be a project id.", None))
    if problems:
        raise ApiError(400, " ".join(p["message"] for p in problems), problems)


def _new_import_video(request: Request, user: dict, team: dict, body: dict,
                      default_file: str) -> dict:
    ctx = ctx_of(request)
    name = _text(body, "name", 1, 255, True)
    description = _text(body, "description", 0, 511, False) or ""
    file_name = _text(body, "fileName", 1, 255, False) or default_file
    project_id = body.get("projectId") or team["defaultProjectId"]
    project = ctx.store.projects.get(project_id) if isinstance(project_id, str) else None
    if project is None or project["teamId"] != team["id"]:
        raise ApiError(404, f"Project {project_id} was not found.")
    video = ctx.store.create_video(team_id=team["id"], user_id=user["id"], project_id=project_id,
                                   name=name, description=description)
    ctx.store.update(video["id"], "upload", fileName=file_name,
                     fileType="application/octet-stream")
    return video


def _full_ingestion(request: Request) -> bool:
    raw = request.query_params.get("fullIngestion", "false").lower()
    if raw not in ("true", "false"):
        raise ApiError(400, "fullIngestion must be true or false.")
    return raw == "true"


def _normalised_file_name(name: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "video"
    return stem[:240] + ".mp4" if "." not in stem else stem[:255]


async def _import_answer(request: Request, video: dict):
    """``{videoId, projectId}`` of a started import, or (the held-answer fault) nothing: the
    answer waits until released, then the connection is cut."""
    faults = ctx_of(request).faults
    if faults.take_held_import_answer():
        while not faults.import_released():
            await asyncio.sleep(0.05)  # a threading.Event cannot be awaited on the event loop
        return CutAnswer()
    return JSONResponse({"videoId": video["id"], "projectId": video["projectId"]})


async def import_https(request: Request) -> JSONResponse:
    ctx = ctx_of(request)
    user, team = auth.api_key_identity(ctx, request)
    body = await _api_body(request)
    full = _full_ingestion(request)
    connections = int_param(request, "maxConcurrentConnections", 10, 1, 20, api_bad)
    crc = request.query_params.get("crc32c")
    crc32c = None
    if crc not in (None, ""):
        crc32c = int_param(request, "crc32c", 0, 0, 4294967295, api_bad)
    _check_body(body, "url", 4096)
    url = body["url"]
    host, port = importer.check_url_shape(url, ctx.allow_private_urls)
    await ctx.workers.io.run(importer.check_host, url, host, port, ctx.allow_private_urls)
    size = await ctx.workers.io.run(importer.source_size, url, ctx.import_ca_file)
    default_file = _normalised_file_name(str(body.get("name")))
    video = _new_import_video(request, user, team, body, default_file)
    ctx.workers.submit(import_jobs.import_https, ctx, video["id"], url, size, connections,
                       crc32c, full)
    return await _import_answer(request, video)


def _s3_object(request: Request, team: dict, location_id: str, key: object) -> Path:
    ctx = ctx_of(request)
    location = ctx.s3_locations.get(location_id)
    if location is None or location.team_id not in (None, team["id"]):
        raise ApiError(404, f"Input location {location_id} was not found.")
    if not location.folder.is_dir():
        raise ApiError(404, f"The bucket {location.bucket} was not found.")
    root = location.folder.resolve()
    candidate = (root / str(key)).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        raise ApiError(404, f"The object {key} was not found in bucket {location.bucket}.")
    return candidate


async def import_s3(request: Request) -> JSONResponse:
    ctx = ctx_of(request)
    user, team = auth.api_key_identity(ctx, request)
    body = await _api_body(request)
    full = _full_ingestion(request)
    _check_body(body, "objectKey", 1024)
    key = body["objectKey"]
    source = _s3_object(request, team, request.path_params["location"], key)
    video = _new_import_video(request, user, team, body, Path(key).name or "video")
    ctx.workers.submit(import_jobs.import_s3, ctx, video["id"], source, full)
    return await _import_answer(request, video)


def _team_video(request: Request, team: dict) -> dict:
    video = ctx_of(request).store.videos.get(request.path_params["id"])
    if video is None or video["teamId"] != team["id"]:
        raise ApiError(404, f"Video {request.path_params['id']} was not found.")
    return video


async def import_status(request: Request) -> JSONResponse:
    _, team = auth.api_key_identity(ctx_of(request), request)
    video = _team_video(request, team)
    up, ing = video["upload"], ingestion_state(video)
    upload_state = {"uploadStatus": up.get("status"), "updatedAt": up.get("updatedAt")}
    if up.get("error"):
        upload_state["error"] = up["error"]
    ingestion = {"ingestionStatus": ing["ingestionStatus"], "updatedAt": ing["updatedAt"],
                 "progressPercentage": ing["processingProgressPercent"],
                 "etaSeconds": 0 if ing["ingestionStatus"] in ("DONE", "FAILED") else 5,
                 "videoMetadataAvailable": ing["videoMetadataAvailable"]}
    if ing.get("errorMessage"):
        ingestion["error"] = ing["errorMessage"]
    return JSONResponse({"videoId": video["id"], "upload": {"uploadState": upload_state},
                         "ingestion": {"ingestionState": ingestion}})


def derived_json(video: dict) -> dict:
    return {"id": video["id"], "videoId": video["id"], "name": video["name"],
            "parentVideoId": video.get("parentId"), "projectId": video["projectId"],
            "type": "FREE_CLIP" if video["kind"] == "derived" else "PROCESSED",
            "processingState": processing_state(video),
            "ingestionState": ingestion_state(video), "dateCreated": video["dateCreated"]}


def derived_sdk_json(video: dict) -> dict:
    """One video as the SDK's Video: no ``type``; clips marked ``flags.isClip`` and ``clipId``."""
    clip = video["kind"] == "derived"
    state = processing_state(video)
    return {"id": video["id"], "name": video["name"], "projectId": video["projectId"],
            "teamId": video["teamId"], "userId": video["userId"], "createdAt": video["dateCreated"],
            "masterVideo": {"id": video["parentId"]} if video.get("parentId") else None,
            "processing": {"processingState": state} if state else None,
            "flags": {"isMaster": video["kind"] == "original", "isClip": clip, "isSample": False,
                      "isProcessed": not clip and bool(state) and state["processingStatus"] == "DONE",
                      "isProcessing": bool(state) and state["processingStatus"] in ("INITIAL", "IN_PROGRESS"),
                      "isIngesting": False, "isIngested": ingestion_state(video)["ingestionStatus"] == "DONE"},
            "clipId": video["id"] if clip else None}


async def derived(request: Request) -> JSONResponse:
    """Every related video of a master, as the SDK documents ("all related videos and clips"; seed
    003 names the clip as one example): typed FREE_CLIP or PROCESSED, or with the ``derived-sdk``
    variant the SDK's way (flags, clipId). A client that lost the answer to its processing order
    finds the processed video here, with an API key alone."""
    ctx = ctx_of(request)
    _, team = auth.api_key_identity(ctx, request)
    video = _team_video(request, team)
    related = ctx.store.children(video["id"])
    shape = derived_sdk_json if "derived-sdk" in ctx.variants else derived_json
    return JSONResponse(api_page(request, related, shape, api_bad))


_CLIP_MODES = {"INCLUDE": lambda clip: True, "EXCLUDE": lambda clip: not clip, "ONLY": lambda clip: clip}


async def list_videos(request: Request) -> JSONResponse:
    """``GET /v1/videos`` (the SDK's getVideos): the team's videos, filtered by ``projectId``,
    ``masterVideoId`` and ``clipMode``, by creation time (``sortDirection``), as SDK Videos."""
    ctx = ctx_of(request)
    _, team = auth.api_key_identity(ctx, request)
    if "no-video-list" in ctx.variants:
        raise ApiError(404, "No such endpoint: GET /v1/videos.")
    query = request.query_params
    keep = _CLIP_MODES.get(query.get("clipMode", "INCLUDE").upper())
    if keep is None:
        raise api_bad("clipMode must be INCLUDE, EXCLUDE or ONLY.")
    videos = [v for v in ctx.store.team_videos(team["id"]) if keep(v["kind"] == "derived")
              and query.get("projectId") in (None, v["projectId"])
              and query.get("masterVideoId") in (None, v.get("parentId"))]
    videos.sort(key=lambda v: v["dateCreated"], reverse=query.get("sortDirection", "ASC").upper() == "DESC")
    return JSONResponse(api_page(request, videos, derived_sdk_json, api_bad))


async def input_locations(request: Request) -> JSONResponse:
    ctx = ctx_of(request)
    _, team = auth.api_key_identity(ctx, request)
    locations = [loc for loc in ctx.s3_locations.values() if loc.team_id in (None, team["id"])]
    return JSONResponse(api_page(request, locations, lambda loc: loc.to_json(), api_bad))


ROUTES = [
    Route("/api/v1/videos", list_videos, methods=["GET"]),
    Route("/api/v1/videos/in/https", import_https, methods=["POST"]),
    Route("/api/v1/videos/in/s3/{location}", import_s3, methods=["POST"]),
    Route("/api/v1/videos/{id}/in/status", import_status, methods=["GET"]),
    Route("/api/v1/videos/{id}/derived", derived, methods=["GET"]),
    Route("/api/v1/input-locations/s3", input_locations, methods=["GET"]),
    *routes_current.ROUTES,  # processing and downloads of the current API
    *routes_appraisals.ROUTES,  # prices before ordering
]
