"""Small helpers shared by the route modules: context, base URL, JSON bodies, paging."""

from __future__ import annotations

import json
import math
from urllib.parse import urlencode

from starlette.requests import Request

from pixop_desktop.sandbox.context import Context
from pixop_desktop.sandbox.errors import V1Error, bad_request

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_JSON_BYTES = 1 << 20


def ctx_of(request: Request) -> Context:
    return request.app.state.ctx


def base_url(request: Request) -> str:
    """The server root as the caller sees it (scheme://host[:port]), for absolute URLs."""
    return str(request.base_url).rstrip("/")


async def json_body(request: Request, error=bad_request) -> dict:
    """The request's JSON object; an empty body counts as ``{}``. Bodies over
    ``MAX_JSON_BYTES`` are refused without being read whole (untrusted input)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_JSON_BYTES:
            raise error(f"The request body is larger than {MAX_JSON_BYTES} bytes.")
        chunks.append(chunk)
    raw = b"".join(chunks)
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise error("The request body is not valid JSON.") from None
    except RecursionError:  # untrusted input nested deeper than the parser goes: a bad request
        raise error("The request body nests JSON too deeply.") from None
    if not isinstance(data, dict):
        raise error("The request body must be a JSON object.")
    return data


def int_param(request: Request, name: str, default: int, low: int, high: int,
              error=bad_request) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise error(f"The parameter {name} must be a whole number.") from None
    if not low <= value <= high:
        raise error(f"The parameter {name} must be between {low} and {high}.")
    return value


def hal_page(request: Request, items: list[dict], key: str, item_json) -> dict:
    """A v1 HAL page. Pages are numbered from 0 (``page=0`` is the first page), or from 1 under
    the ``one-based-pages`` variant (Pixop's v1 Java client), where ``page=0`` is refused."""
    first = 1 if "one-based-pages" in ctx_of(request).variants else 0
    page = int_param(request, "page", first, first, 10**9)
    size = int_param(request, "page-size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
    last = first + max(0, math.ceil(len(items) / size) - 1)
    start = (page - first) * size
    chosen = items[start:start + size]
    links = {"self": _href(request, page, size), "first": _href(request, first, size),
             "last": _href(request, last, size)}
    if page < last:
        links["next"] = _href(request, page + 1, size)
    if page > first:
        links["previous"] = _href(request, min(page - 1, last), size)
    return {"pageSize": size, "page": page, "totalElements": len(items),
            "totalPages": last - first + 1, "_links": links,
            "_embedded": {key: [item_json(item) for item in chosen]}}


def _href(request: Request, page: int, size: int) -> dict:
    params = {k: v for k, v in request.query_params.items() if k not in ("page", "page-size")}
    params.update({"page": page, "page-size": size})
    return {"href": f"{base_url(request)}{request.url.path}?{urlencode(params)}"}


def api_page(request: Request, items: list[dict], item_json, error) -> dict:
    """A current-API page: ``pageNumber`` from 0, ``pageSize`` 1..100 (default 20)."""
    number = int_param(request, "pageNumber", 0, 0, 10**9, error)
    size = int_param(request, "pageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, error)
    chosen = items[number * size:(number + 1) * size]
    return {"pageNumber": number, "pageSize": size, "numberOfElements": len(chosen),
            "totalPages": math.ceil(len(items) / size), "totalElements": len(items),
            "items": [item_json(item) for item in chosen]}


def forbidden_team() -> V1Error:
    return V1Error(403, "AuthException", "The user is not a member of that team.")
