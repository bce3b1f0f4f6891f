"""The two error shapes the sandbox answers with, as exceptions the routes raise.

- v1 services (accounts, videos, media): ``{exception, errorMessage}`` (+ ``validationErrors``
  for a rejected processing request).
- current API (``/api/v1``): ``{timestamp, requestId, requestPath, errorCode, errorCodeEnum,
  message, statusCode, validationErrors, errorDetails}``.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

from starlette.requests import Request
from starlette.responses import JSONResponse

API_ERROR_CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    409: "CONFLICT",
    413: "PAYLOAD_TOO_LARGE",
    429: "TOO_MANY_REQUESTS",
    500: "INTERNAL_SERVER_ERROR",
    503: "SERVICE_UNAVAILABLE",
}


class V1Error(Exception):
    """An error of the v1 services."""

    def __init__(self, status: int, exception: str, message: str,
                 validation_errors: list[dict] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.exception = exception
        self.message = message
        self.validation_errors = validation_errors

    def response(self) -> JSONResponse:
        body = {"exception": self.exception, "errorMessage": self.message}
        if self.validation_errors is not None:
            body["validationErrors"] = self.validation_errors
        return JSONResponse(body, status_code=self.status)


class ApiError(Exception):
    """An error of the current API."""

    def __init__(self, status: int, message: str, validation_errors: list[dict] | None = None,
                 details: dict | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.validation_errors = validation_errors or []
        self.details = details or {}

    def response(self, request: Request) -> JSONResponse:
        return JSONResponse(api_error_body(request.url.path, self.status, self.message,
                                           self.validation_errors, self.details),
                            status_code=self.status)


def api_error_body(path: str, status: int, message: str,
                   validation_errors: list[dict] | None = None,
                   details: dict | None = None) -> dict:
    code = API_ERROR_CODES.get(status, "ERROR")
    return {
        "timestamp": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
        "requestId": str(uuid.uuid4()),
        "requestPath": path,
        "errorCode": code,
        "errorCodeEnum": code,
        "message": message,
        "statusCode": status,
        "validationErrors": validation_errors or [],
        "errorDetails": details or {},
    }


def not_found(what: str) -> V1Error:
    return V1Error(404, "NotFoundException", f"{what} was not found.")


def bad_request(message: str) -> V1Error:
    return V1Error(400, "BadRequestException", message)


def field_error(field: str, message: str, value: object = None) -> dict:
    return {"field": field, "value": value, "message": message}
