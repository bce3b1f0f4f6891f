"""Signed storage links: media served the way cloud storage serves a presigned URL.

Real Pixop may hand out downloads as links to signed storage (the current API's
``out/https`` does; v1 downloads may redirect there). Such a link lives on another origin,
carries its own signature and expiry in the query, ignores ``Authorization`` and refuses
``HEAD`` (a presigned GET URL is signed for GET only). The sandbox serves these links on a
second listening socket, so the link's origin really differs from the server root's.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from pixop_desktop.sandbox.common import ctx_of
from pixop_desktop.sandbox.context import Context
from pixop_desktop.sandbox.downloads import media_response

LINK_TTL_SECONDS = 3600


def _signature(ctx: Context, video_id: str, expires: int) -> str:
    message = f"storage:{video_id}:{expires}".encode()
    return hmac.new(ctx.jwt_secret.encode(), message, hashlib.sha256).hexdigest()


def signed_link(ctx: Context, video_id: str, ttl: int = LINK_TTL_SECONDS) -> str:
    """An absolute, expiring GET link to the stored media of ``video_id`` on the storage origin."""
    if not ctx.storage_root:
        raise RuntimeError("The sandbox's storage listener is not running.")
    expires = int(time.time()) + ttl
    query = urlencode({"expires": expires, "signature": _signature(ctx, video_id, expires)})
    return f"{ctx.storage_root}/storage/{video_id}?{query}"


def _refusal(status: int, code: str, message: str) -> Response:
    return JSONResponse({"code": code, "message": message}, status_code=status)


async def storage_get(request: Request) -> Response:
    ctx = ctx_of(request)
    # What reached storage, for tests: credentials must never (they are another origin's).
    ctx.storage_log.append({"method": request.method, "range": request.headers.get("range"),
                            "authorization": "authorization" in request.headers})
    if request.method == "HEAD":
        return Response(status_code=403)  # signed for GET only, as presigned URLs are
    video_id = request.path_params["id"]
    try:
        expires = int(request.query_params.get("expires", ""))
    except ValueError:
        return _refusal(403, "AccessDenied", "The link is not signed.")
    given = request.query_params.get("signature", "")
    if not hmac.compare_digest(given, _signature(ctx, video_id, expires)):
        return _refusal(403, "SignatureDoesNotMatch", "The link's signature does not match.")
    if expires < time.time():
        return _refusal(403, "AccessDenied", "The link has expired.")
    video = ctx.store.videos.get(video_id)
    path = ctx.store.media_path(video_id)
    if video is None or not path.exists():
        return _refusal(404, "NoSuchKey", "The object does not exist.")
    upload = video["upload"]
    return media_response(request, path, upload.get("sha256") or "",
                          upload.get("fileName") or "video",
                          upload.get("fileType") or "application/octet-stream", ctx.faults,
                          ctx.workers.io)


ROUTES = [Route("/storage/{id}", storage_get, methods=["GET", "HEAD"])]
