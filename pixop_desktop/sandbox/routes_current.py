"""Current API (``/api/v1``, X-API-Key): order processing, follow it, and hand out the result.

- ``POST /videos/{id}/processing/start`` (body: the SDK's VideoProcessingConfigurationOptions,
  read by ``sdk_options``; query ``videoName``, ``videoDescription``, ``startPosMs``,
  ``endPosMs``) → ``{videoId: <the new processed video>, processingState}``;
- ``GET /videos/{id}/processing/status`` → ``{videoId, processingState{processingStatus,
  progressPercentage, etaSeconds, updatedAt}}``;
- ``POST`` (the SDK's method) or ``GET`` ``/videos/{id}/out/https`` → a signed storage link
  (``presignedUrl``, ``expiresAt``) with ``fileSize``, ``mimeType``, ``fileExtension``,
  ``suggestedFileName`` and ``crc32cChecksum``.

Only videos of the API key's team; the ``error-state`` variant reports FAILED as ERROR.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from pixop_desktop.sandbox import auth, importer, jobs, sdk_options
from pixop_desktop.sandbox.common import ctx_of, json_body
from pixop_desktop.sandbox.errors import ApiError, V1Error
from pixop_desktop.sandbox.records import processing_parameters
from pixop_desktop.sandbox.routes_videos import CutAnswer, _validated_plan
from pixop_desktop.sandbox.signed_links import LINK_TTL_SECONDS, signed_link
from pixop_desktop.sandbox.store import now_text


def api_team_video(request: Request) -> dict:
    ctx = ctx_of(request)
    _, team = auth.api_key_identity(ctx, request)
    video = ctx.store.videos.get(request.path_params["id"])
    if video is None or video["teamId"] != team["id"]:
        raise ApiError(404, f"Video {request.path_params['id']} was not found.")
    return video


def _status_word(request: Request, status: str | None) -> str:
    status = status or "INITIAL"
    return "ERROR" if status == "FAILED" and "error-state" in ctx_of(request).variants else status


def _state(request: Request, video: dict) -> dict:
    proc = video.get("processing") or {}
    status = proc.get("status", "INITIAL")
    state = {"processingStatus": _status_word(request, status), "updatedAt": proc.get("updatedAt"),
             "progressPercentage": int(float(proc.get("percent") or 0.0)),
             "etaSeconds": 0 if status in ("DONE", "FAILED") else 5}
    if proc.get("error"):
        state["error"] = proc["error"]
    return state


async def checked_order(request: Request, source: dict, body) -> tuple[dict, object]:
    """(the request as the sandbox acts on it, its OutputPlan or None) for an SDK body and the
    request's query — the checks every order and appraisal passes, or an ApiError."""
    ctx = ctx_of(request)
    internal = sdk_options.to_internal(body, dict(request.query_params))
    if source["ingestion"].get("status") != "DONE" or not source["upload"].get("done"):
        raise ApiError(409, "The video has not finished importing and ingesting yet. Wait until its "
                            "ingestion is DONE, then ask again.")
    try:
        return await ctx.workers.io.run(_validated_plan, ctx, source["id"], internal)
    except V1Error as exc:  # the same checks as v1, answered the current API's way
        raise ApiError(exc.status, exc.message, exc.validation_errors or []) from None


def place_order(request: Request, user: dict, source: dict, request_json: dict, plan) -> str:
    """Create the processed video and start making it; its id. Synchronous on purpose: no other
    request runs between a caller's last check and the order (one event loop)."""
    ctx = ctx_of(request)
    name = (request.query_params.get("videoName") or "").strip()[:255] or f"{source['name']} (processed)"
    processed = ctx.store.create_video(team_id=source["teamId"], user_id=user["id"],
                                       project_id=source["projectId"], kind="processed",
                                       parent_id=source["id"], name=name,
                                       description=request.query_params.get("videoDescription") or "")
    ctx.store.update(processed["id"], processing={
        "status": "INITIAL", "percent": 0.0, "updatedAt": now_text(),
        "parameters": processing_parameters(request_json, plan)})
    source = ctx.store.videos[source["id"]]
    ctx.store.update(source["id"], processOrders=source.get("processOrders", 0) + 1)
    ctx.workers.submit(jobs.process, ctx, processed["id"], source["id"], request_json)
    return processed["id"]


def order_answer(request: Request, processed_id: str):
    """``{videoId, processingState}`` of an order (or the dropped-answer fault)."""
    ctx = ctx_of(request)
    if ctx.faults.take_dropped_process_answer():
        return CutAnswer()
    return JSONResponse({"videoId": processed_id,
                         "processingState": _state(request, ctx.store.videos[processed_id])})


async def start_processing(request: Request) -> JSONResponse:
    ctx = ctx_of(request)
    user, _team = auth.api_key_identity(ctx, request)
    source = api_team_video(request)
    body = await json_body(request, lambda message: ApiError(400, message))
    request_json, plan = await checked_order(request, source, body)
    return order_answer(request, place_order(request, user, source, request_json, plan))


async def processing_status(request: Request) -> JSONResponse:
    video = api_team_video(request)
    if not video.get("processing"):
        raise ApiError(404, f"Video {video['id']} has no processing.")
    return JSONResponse({"videoId": video["id"], "processingState": _state(request, video)})


async def download_link(request: Request) -> JSONResponse:
    ctx = ctx_of(request)
    video = api_team_video(request)
    path = ctx.store.media_path(video["id"])
    ready = video["upload"].get("done") and (video.get("processing") or {}).get("status", "DONE") == "DONE"
    if not ready or not path.exists():
        raise ApiError(409, f"Video {video['id']} has no media to download yet.")
    crc = await ctx.workers.io.run(importer.file_crc32c, path)
    name = video["upload"].get("fileName") or "video"
    expires = datetime.now(timezone.utc).timestamp() + LINK_TTL_SECONDS
    return JSONResponse({
        "videoId": video["id"], "presignedUrl": signed_link(ctx, video["id"]),
        "expiresAt": datetime.fromtimestamp(expires, timezone.utc).isoformat().replace("+00:00", "Z"),
        "fileSize": path.stat().st_size, "mimeType": video["upload"].get("fileType"),
        "fileExtension": Path(name).suffix.lstrip(".") or None, "suggestedFileName": name,
        "crc32cChecksum": crc})


ROUTES = [
    Route("/api/v1/videos/{id}/processing/start", start_processing, methods=["POST"]),
    Route("/api/v1/videos/{id}/processing/status", processing_status, methods=["GET"]),
    Route("/api/v1/videos/{id}/out/https", download_link, methods=["GET", "POST"]),
]
