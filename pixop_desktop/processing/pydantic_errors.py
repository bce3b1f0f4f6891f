"""Turn pydantic's validation errors into plain-words ``Problem``s.

Pydantic's own messages ("Input should be 'mov', 'mxf'...") are for
programmers; a person needs the field's name and the choices in words.
"""

from __future__ import annotations

from enum import Enum
from functools import cache
from types import UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.alias_generators import to_camel

from pixop_desktop.i18n import QT_TRANSLATE_NOOP

from .errors import Problem, ProcessingRequestError
from .labels import choices_text, field_label

# Numeric fields: (lowest, highest or None, unit, whole numbers only). Units are shown on their own
# next to the field, so they are marked for translators.
NUMBER_RANGES: dict[str, tuple[float, float | None, str, bool]] = {
    "bitrate.mbps": (0.01, 4000.0, QT_TRANSLATE_NOOP("Processing", "megabits per second"), False),
    "resolution.width": (16, 7680, QT_TRANSLATE_NOOP("Processing", "pixels"), True),
    "resolution.height": (16, 4320, QT_TRANSLATE_NOOP("Processing", "pixels"), True),
    "frameRate.fps": (0.001, 999, "", False),  # the label already says "frames per second"
    "range.startPositionMilliseconds": (0, None, QT_TRANSLATE_NOOP("Processing", "milliseconds"), True),
    "range.endPositionMilliseconds": (0, None, QT_TRANSLATE_NOOP("Processing", "milliseconds"), True),
}


def number_rule_text(path: str) -> str:
    """'Width must be a whole number from 16 to 7680 pixels.'"""
    low, high, unit, whole = NUMBER_RANGES[path]
    kind = "a whole number" if whole else "a number"
    span = f"from {low:g} to {high:g}" if high is not None else f"of {low:g} or more"
    return f"{field_label(path)} must be {kind} {span}{' ' + unit if unit else ''}."


def _unwrap_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _walk(model: type[BaseModel], prefix: str):
    for name, info in model.model_fields.items():
        path = f"{prefix}{info.alias or name}"
        kind = _unwrap_optional(info.annotation)
        yield path, kind
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            yield from _walk(kind, path + ".")


@cache
def field_types(model: type[BaseModel]) -> dict[str, Any]:
    """Each JSON path of ``model`` (the request) → its type (an Enum, a model, int, float).

    The model is handed in: it imports this module, so this one may not import it."""
    return dict(_walk(model, ""))


def _message(path: str, error: dict[str, Any], model: type[BaseModel]) -> str:
    label = field_label(path)
    kind = field_types(model).get(path)
    shown = error.get("input")
    if isinstance(kind, type) and issubclass(kind, Enum):
        return f"{label} “{shown}” is not one of the choices: {choices_text(kind)}."
    if path in NUMBER_RANGES:
        return number_rule_text(path)
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return f"{label} must be a group of settings (a JSON object)."
    return f"{label}: {error.get('msg', 'not valid')}."


def problems_from_validation_error(exc: ValidationError, model: type[BaseModel]) -> list[Problem]:
    """Plain-words problems for every error pydantic found in ``model``, in its order."""
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        # By-name construction reports python names; problems always use JSON paths.
        path = ".".join(to_camel(part) if "_" in part else part
                        for part in error["loc"] if isinstance(part, str))
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, ProcessingRequestError):
            problems.extend(cause.problems)
        else:
            problems.append(Problem(path, _message(path, error, model)))
    return problems
