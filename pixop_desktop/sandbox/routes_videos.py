"""v1 videos service: projects, videos, processing orders and progress."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from pixop_desktop.sandbox import auth, jobs
from pixop_desktop.sandbox.common import base_url, ctx_of, hal_page, json_body
from pixop_desktop.sandbox.downloads import ConnectionCut
from pixop_desktop.sandbox.errors import V1Error, bad_request, not_found
from pixop_desktop.sandbox.records import (
    ingestion_state, processing_parameters, processing_state, project_json, video_json,
    video_summary_json)
from pixop_desktop.sandbox.store import now_text

NAME_MAX = 255


def _identity(request: Request):
    return auth.bearer_identity(ctx_of(request), request)


def team_project(request: Request, team: dict, project_id: str) -> dict:
    project = ctx_of(request).store.projects.get(project_id)
    if project is None or project["teamId"] != team["id"]:
        raise not_found(f"Project {project_id}")
    return project


def team_video(request: Request, team: dict, video_id: str) -> dict:
    video = ctx_of(request).store.videos.get(video_id)
    if video is None or video["teamId"] != team["id"]:
        raise not_found(f"Video {video_id}")
    return video


def _name(body: dict, field: str = "name", default: str | None = None) -> str:
    name = body.get(field, default)
    if not isinstance(name, str) or not name.strip() or len(name) > NAME_MAX:
        raise bad_request(f"{field} must be a text of 1 to {NAME_MAX} characters.")
    return name.strip()


# --- projects ------------------------------------------------------------------------------
async def get_project(request: Request) -> JSONResponse:
    _, team = _identity(request)
    return JSONResponse({"project": project_json(team_project(request, team,
                                                              request.path_params["id"]))})


async def list_projects(request: Request) -> JSONResponse:
    _, team = _identity(request)
    projects = ctx_of(request).store.team_projects(team["id"])
    return JSONResponse(hal_page(request, projects, "projects",
                                 lambda p: project_json(p, request)))


async def create_project(request: Request) -> JSONResponse:
    _, team = _identity(request)
    name = _name(await json_body(request))
    return JSONResponse({"project": project_json(ctx_of(request).store.create_project(team["id"], name))})


async def rename_project(request: Request) -> JSONResponse:
    _, team = _identity(request)
    project = team_project(request, team, request.path_params["id"])
    name = _name(await json_body(request))
    store = ctx_of(request).store
    with store.lock:
        project.update(name=name, timeLastUpdated=now_text())
    store.save()
    return JSONResponse({"project": project_json(project)})


async def delete_project(request: Request) -> JSONResponse:
    _, team = _identity(request)
    project = team_project(request, team, request.path_params["id"])
    store = ctx_of(request).store
    if any(v["projectId"] == project["id"] for v in store.team_videos(team["id"])):
        raise V1Error(409, "ConflictException",
                      "This project still has videos. Delete its videos first, then the project.")
    if project["id"] == team.get("defaultProjectId"):
        raise V1Error(409, "ConflictException", "The team's default project cannot be deleted.")
    with store.lock:
        store.projects.pop(project["id"], None)
    store.save()
    return JSONResponse({"project": project_json(project)})


# --- videos --------------------------------------------------------------------------------
async def get_video(request: Request) -> JSONResponse:
    _, team = _identity(request)
    return JSONResponse({"video": video_json(team_video(request, team, request.path_params["id"]))})


async def list_videos(request: Request) -> JSONResponse:
    _, team = _identity(request)
    videos = ctx_of(request).store.team_videos(team["id"])
    project_id = request.query_params.get("project-id")
    parent_id = request.query_params.get("parent-id")
    if project_id:
        videos = [v for v in videos if v["projectId"] == project_id]
    if parent_id:
        videos = [v for v in videos if v.get("parentId") == parent_id]
    return JSONResponse(hal_page(request, videos, "videos",
                                 lambda v: video_summary_json(v, request)))


async def create_video(request: Request) -> JSONResponse:
    user, team = _identity(request)
    body = await json_body(request)
    project_id = body.get("projectId") or team["defaultProjectId"]
    if not isinstance(project_id, str):
        raise bad_request("projectId must be a project id.")
    team_project(request, team, project_id)
    name = _name(body, default="Untitled video")
    video = ctx_of(request).store.create_video(team_id=team["id"], user_id=user["id"],
                                               project_id=project_id, name=name)
    return JSONResponse(video_links(request, video))


def video_links(request: Request, video: dict) -> dict:
    root = base_url(request)
    return {"projectId": video["projectId"], "videoId": video["id"],
            "uploadMediaUrl": f"{root}/media/v1/upload/{video['id']}",
            "uploadLightMediaUrl": f"{root}/media/v1/upload/light/{video['id']}",
            "processVideoUrl": f"{root}/videos/v1/process-video/{video['id']}"}


async def delete_video(request: Request) -> JSONResponse:
    _, team = _identity(request)
    video = team_video(request, team, request.path_params["id"])
    deleted = ctx_of(request).store.delete_video(video["id"])
    return JSONResponse({"deletedVideos": [{"videoId": vid} for vid in deleted]})


async def ingest_progress(request: Request) -> JSONResponse:
    _, team = _identity(request)
    video = team_video(request, team, request.path_params["id"])
    return JSONResponse({"videoId": video["id"], "projectId": video["projectId"],
                         "ingestionState": ingestion_state(video)})


async def process_progress(request: Request) -> JSONResponse:
    _, team = _identity(request)
    video = team_video(request, team, request.path_params["id"])
    state = processing_state(video)
    if state is None:
        raise not_found(f"Processing of video {video['id']}")
    return JSONResponse({"videoId": video["id"], "projectId": video["projectId"],
                         "processingState": state})


# --- processing ----------------------------------------------------------------------------
async def process_video(request: Request) -> JSONResponse:
    """Validate the request against the parameter table and the source, then start the work."""
    ctx = ctx_of(request)
    user, team = _identity(request)
    source = team_video(request, team, request.path_params["id"])
    body = await json_body(request)
    if source["ingestion"].get("status") != "DONE" or not source["upload"].get("done"):
        raise V1Error(409, "VideoNotReadyException",
                      "The video has not finished uploading and ingesting yet. "
                      "Wait until ingestion is DONE, then ask again.")
    request_json, plan = await ctx.workers.io.run(_validated_plan, ctx, source["id"], body)
    processed = ctx.store.create_video(team_id=team["id"], user_id=user["id"],
                                       project_id=source["projectId"], kind="processed",
                                       parent_id=source["id"], name=f"{source['name']} (processed)")
    ctx.store.update(processed["id"], processing={
        "status": "INITIAL", "percent": 0.0, "updatedAt": now_text(),
        "parameters": processing_parameters(request_json, plan)})
    ctx.store.update(source["id"], processOrders=source.get("processOrders", 0) + 1)
    ctx.workers.submit(jobs.process, ctx, processed["id"], source["id"], request_json)
    root = base_url(request)
    if ctx.faults.take_dropped_process_answer():
        return CutAnswer()
    return JSONResponse({
        "sourceVideoId": source["id"], "processedVideoId": processed["id"],
        "projectId": source["projectId"],
        "checkProgressUrl": f"{root}/videos/v1/check-process-video-progress/{processed['id']}",
        "downloadMediaUrl": f"{root}/media/v1/download/processed/{processed['id']}"})


class CutAnswer:
    """The status line and headers of an answer, then the connection drops (no body)."""

    async def __call__(self, scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", b"200")]})
        raise ConnectionCut("process answer dropped")


def _validated_plan(ctx, source_id: str, body: dict):
    """(the request as the sandbox acts on it, its OutputPlan or None), or a 400 naming every
    field the table refuses. The door is Pixop's table (``processing_check``); what FFmpeg cannot
    make is accepted here and fails in the processing, as it would at a real server."""
    from pixop_desktop.sandbox import media, processing_check

    found = processing_check.problems(body)
    try:
        probed = media.probe(ctx.store.media_path(source_id)) if not found else None
    except media.NotAVideo as exc:
        raise V1Error(409, "VideoNotReadyException", f"The source cannot be processed: {exc}") from None
    if probed is not None:
        found = processing_check.source_problems(
            body, width=probed.width, height=probed.height, duration_ms=probed.duration_ms,
            display_aspect=float(probed.display_aspect_ratio))
    if found:
        raise V1Error(400, "BadRequestException", " ".join(message for _field, message in found),
                      [{"field": field, "message": message} for field, message in found])
    request_json = processing_check.normalise(body)
    return request_json, jobs.plan_or_none(request_json, media.source_info(probed))


ROUTES = [
    Route("/videos/v1/project/{id}", get_project, methods=["GET"]),
    Route("/videos/v1/project/{id}", rename_project, methods=["POST"]),
    Route("/videos/v1/project/{id}", delete_project, methods=["DELETE"]),
    Route("/videos/v1/projects", list_projects, methods=["GET"]),
    Route("/videos/v1/project", create_project, methods=["PUT"]),
    Route("/videos/v1/video/{id}", get_video, methods=["GET"]),
    Route("/videos/v1/video/{id}", delete_video, methods=["DELETE"]),
    Route("/videos/v1/videos", list_videos, methods=["GET"]),
    Route("/videos/v1/video", create_video, methods=["PUT"]),
    Route("/videos/v1/process-video/{id}", process_video, methods=["POST"]),
    Route("/videos/v1/check-process-video-progress/{id}", process_progress, methods=["GET"]),
    Route("/videos/v1/check-ingest-video-progress/{id}", ingest_progress, methods=["GET"]),
]
