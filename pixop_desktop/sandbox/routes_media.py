"""v1 media service: streamed uploads (full or light ingestion) and downloads."""

from __future__ import annotations

import os
import secrets

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from pixop_desktop.sandbox import auth, jobs
from pixop_desktop.sandbox.common import base_url, ctx_of
from pixop_desktop.sandbox.downloads import media_response
from pixop_desktop.sandbox.errors import V1Error, not_found
from pixop_desktop.sandbox.signed_links import signed_link
from pixop_desktop.sandbox.routes_videos import team_video


async def upload_full(request: Request) -> JSONResponse:
    return await _upload(request, full=True)


async def upload_light(request: Request) -> JSONResponse:
    return await _upload(request, full=False)


async def _upload(request: Request, full: bool) -> JSONResponse:
    """Receive the file; a second upload to the same video replaces the first (a retry)."""
    from pixop_desktop.sandbox.uploads import receive_file

    ctx = ctx_of(request)
    _, team = auth.bearer_identity(ctx, request)
    video = team_video(request, team, request.path_params["id"])
    if video["kind"] != "original":
        raise V1Error(409, "ConflictException", "Media can only be uploaded to an original video.")
    ctx.store.update(video["id"], "upload", status="IN_PROGRESS", error=None)
    temp = ctx.store.media_dir / f"{video['id']}.upload-{secrets.token_hex(4)}"
    try:
        received = await receive_file(request, temp, lambda: ctx.faults.rate)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        message = exc.message if isinstance(exc, V1Error) else "The upload did not finish."
        ctx.store.update(video["id"], "upload", status="FAILED", error=message)
        raise
    if video["id"] not in ctx.store.videos:  # deleted while uploading
        temp.unlink(missing_ok=True)
        raise not_found(f"Video {video['id']}")
    generation = _commit_upload(ctx, video["id"], temp, received, full)
    ctx.workers.submit(jobs.ingest, ctx, video["id"], generation, full)
    root = base_url(request)
    return JSONResponse({
        "projectId": video["projectId"], "videoId": video["id"],
        "checkIngestProgressUrl": f"{root}/videos/v1/check-ingest-video-progress/{video['id']}",
        "processVideoUrl": f"{root}/videos/v1/process-video/{video['id']}"})


def _commit_upload(ctx, video_id: str, temp, received, full: bool) -> int:
    with ctx.store.lock:
        generation = ctx.store.videos[video_id]["upload"].get("generation", 0) + 1
        os.replace(temp, ctx.store.media_path(video_id))
        ctx.store.update(video_id, "upload", status="DONE", done=True, generation=generation,
                         fileName=received.file_name, fileSize=received.size,
                         fileType=received.content_type, sha256=received.sha256, error=None)
        ctx.store.update(video_id, "ingestion", status="INITIAL", percent=0.0, full=full,
                         metadata=None, qualityAssessment=None, error=None)
    return generation


async def download_original(request: Request) -> Response:
    return _download(request, processed=False)


async def download_processed(request: Request) -> Response:
    return _download(request, processed=True)


def _download(request: Request, processed: bool) -> Response:
    ctx = ctx_of(request)
    _, team = auth.bearer_identity(ctx, request)
    video = team_video(request, team, request.path_params["id"])
    upload = video["upload"]
    if processed:
        state = (video.get("processing") or {}).get("status")
        if video["kind"] == "original" or state != "DONE":
            raise not_found(f"Processed media of video {video['id']}")
    elif video["kind"] != "original" or not upload.get("done"):
        raise not_found(f"Original media of video {video['id']}")
    path = ctx.store.media_path(video["id"])
    if not path.exists():
        raise not_found(f"Media of video {video['id']}")
    if "signed-redirect" in ctx.variants:
        # Storage may answer either: 302 for originals, 307 for processed media.
        return RedirectResponse(signed_link(ctx, video["id"]), status_code=307 if processed else 302)
    return media_response(request, path, upload.get("sha256") or "", upload.get("fileName") or "video",
                          upload.get("fileType") or "application/octet-stream", ctx.faults,
                          ctx.workers.io)


ROUTES = [
    Route("/media/v1/upload/light/{id}", upload_light, methods=["POST"]),
    Route("/media/v1/upload/{id}", upload_full, methods=["POST"]),
    Route("/media/v1/download/original/{id}", download_original, methods=["GET", "HEAD"]),
    Route("/media/v1/download/processed/{id}", download_processed, methods=["GET", "HEAD"]),
]
