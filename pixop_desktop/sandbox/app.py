"""The sandbox's ASGI app: every route, the error shapes, and the per-request fault switches."""

from __future__ import annotations

import logging

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from pixop_desktop.sandbox import (routes_accounts, routes_api, routes_media, routes_mimir,
                                   signed_links,
                                   routes_videos)
from pixop_desktop.sandbox.context import Context
from pixop_desktop.sandbox.downloads import ConnectionCut
from pixop_desktop.sandbox.errors import ApiError, V1Error, api_error_body

log = logging.getLogger(__name__)

_V1_NAMES = {404: "NotFoundException", 405: "MethodNotAllowedException",
             500: "InternalServerErrorException", 503: "ServiceUnavailableException"}


def error_response(path: str, status: int, message: str, headers: dict | None = None) -> JSONResponse:
    """An error in the shape of the service the path belongs to."""
    if path.startswith("/api/"):
        body = api_error_body(path, status, message)
    else:
        body = {"exception": _V1_NAMES.get(status, "HttpException"), "errorMessage": message}
    return JSONResponse(body, status_code=status, headers=headers)


async def _v1_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, V1Error)
    return exc.response()


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return exc.response(request)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    message = {404: f"There is nothing at {request.url.path}.",
               405: f"{request.method} is not allowed on {request.url.path}."}.get(
        exc.status_code, str(exc.detail))
    return error_response(request.url.path, exc.status_code, message, exc.headers)


class GuardMiddleware:
    """Outermost layer: the 503 fault switch, and a JSON 500 for any unexpected error."""

    def __init__(self, app: ASGIApp, ctx: Context) -> None:
        self.app = app
        self.ctx = ctx

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        retry_after = self.ctx.faults.take_unavailable(path)
        if retry_after is not None:
            response = error_response(path, 503, "The service is briefly unavailable. Try again.",
                                      {"Retry-After": str(retry_after)})
            await response(scope, receive, send)
            return
        progress = {"started": False, "completed": False}

        async def tracking_send(message) -> None:
            if message["type"] == "http.response.start":
                progress["started"] = True
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                progress["completed"] = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except ConnectionCut:
            raise  # on purpose: uvicorn drops the connection
        except Exception:
            if progress["completed"]:
                return  # the 500 handler already answered and logged
            if progress["started"]:
                raise  # mid-body: dropping the connection is all that is left
            log.exception("sandbox: unexpected error on %s %s", scope.get("method"), path)
            await error_response(path, 500, "The sandbox hit an unexpected error.")(scope, receive, send)


async def _server_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, ClientDisconnect):  # a client that left mid-body is no fault of ours
        log.info("sandbox: the client left during %s %s", request.method, request.url.path)
        return error_response(request.url.path, 400, "The request ended before its body did.")
    if not isinstance(exc, ConnectionCut):
        log.error("sandbox: unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request.url.path, 500, "The sandbox hit an unexpected error.")


def build_app(ctx: Context) -> ASGIApp:
    routes = (routes_accounts.ROUTES + routes_videos.ROUTES + routes_media.ROUTES
              + routes_api.ROUTES + routes_mimir.ROUTES + signed_links.ROUTES)
    app = Starlette(routes=routes, exception_handlers={
        V1Error: _v1_error, ApiError: _api_error, HTTPException: _http_error,
        Exception: _server_error})
    app.state.ctx = ctx
    return GuardMiddleware(app, ctx)


class _QuietCuts(logging.Filter):
    """Intentional connection cuts are not errors worth a traceback in the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        seen: set[int] = set()  # __cause__/__context__ can form a loop: follow each exception once
        while exc is not None and id(exc) not in seen:
            seen.add(id(exc))
            if isinstance(exc, ConnectionCut):
                return False
            exc = exc.__cause__ or exc.__context__ if not isinstance(exc, BaseExceptionGroup) else (
                exc.exceptions[0] if exc.exceptions else None)
        return True


logging.getLogger("uvicorn.error").addFilter(_QuietCuts())
