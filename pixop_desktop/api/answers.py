"""Reading Pixop's JSON answers into models, with a plain message when they do not fit."""

from __future__ import annotations

import json as jsonlib
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from .errors import UnexpectedResponse

M = TypeVar("M", bound=BaseModel)


def parse_json(response: httpx.Response) -> Any:
    try:
        return jsonlib.loads(response.content) if response.content else None
    except ValueError as exc:
        raise UnexpectedResponse(
            "Pixop answered with something that is not JSON. Try again later; if it persists, contact Pixop support.",
            status_code=response.status_code,
        ) from exc


def parse(response: httpx.Response, model: type[M], *, key: str | None = None) -> M:
    """Validate a JSON answer (optionally ``answer[key]``) into ``model``."""
    data = parse_json(response)
    if key is not None:
        data = data.get(key) if isinstance(data, dict) else None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise UnexpectedResponse(
            f"Pixop's answer did not have the expected shape ({model.__name__}). "
            "The server may be newer than this app; check for an update.",
            status_code=response.status_code,
        ) from exc
