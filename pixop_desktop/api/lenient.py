"""Repairing server answers that a strict parse refuses (null lists, wrong types).

Servers (Pixop's is written in Java) often send ``null`` for an empty list or
object, and now and then a value of an unexpected type. Refusing the whole
record for that would make a video or an account unreadable, so a model whose
parse fails is parsed again with the unreadable *optional* fields put back to
their defaults (and unreadable items of optional lists left out).

A field the model marks as required (an id, the token) is never repaired: a
record without a usable identity is refused as before.
"""

from __future__ import annotations

import logging
from typing import Any

from pydantic import AliasChoices, BaseModel, ValidationError
from pydantic.fields import FieldInfo

log = logging.getLogger("pixop_desktop.api")


def _input_keys(name: str, info: FieldInfo) -> set[str]:
    """Every key under which a field may arrive: its name, alias and alias choices."""
    keys = {name}
    if info.alias:
        keys.add(info.alias)
    choices = info.validation_alias
    if isinstance(choices, str):
        keys.add(choices)
    elif isinstance(choices, AliasChoices):
        keys.update(choice for choice in choices.choices if isinstance(choice, str))
    return keys


def _field_of(model: type[BaseModel], key: Any) -> str | None:
    for name, info in model.model_fields.items():
        if key in _input_keys(name, info):
            return name
    return None


def _value_of(model: type[BaseModel], field: str, data: dict) -> Any:
    for key in _input_keys(field, model.model_fields[field]):
        if key in data:
            return data[key]
    return None


def repaired_input(model: type[BaseModel], data: Any, error: ValidationError) -> dict | None:
    """``data`` without the values that made ``error``; None when it cannot be repaired.

    It cannot be repaired when an error is about the record as a whole, about a
    key we do not know, or about a required field.
    """
    if not isinstance(data, dict):
        return None
    resets: set[str] = set()
    bad_items: dict[str, set[int]] = {}
    for problem in error.errors():
        loc = problem.get("loc") or ()
        field = _field_of(model, loc[0]) if loc else None
        if field is None or model.model_fields[field].is_required():
            return None
        if len(loc) >= 2 and isinstance(loc[1], int) and isinstance(_value_of(model, field, data), list):
            bad_items.setdefault(field, set()).add(loc[1])  # one unreadable item of a list
        else:
            resets.add(field)
        log.debug("%s.%s: ignoring an unreadable value (%s)", model.__name__, field, problem.get("type"))
    repaired = dict(data)
    for name, info in model.model_fields.items():
        keys = _input_keys(name, info) & repaired.keys()
        for key in keys:
            if name in resets:
                del repaired[key]
            elif name in bad_items:
                repaired[key] = [item for index, item in enumerate(repaired[key]) if index not in bad_items[name]]
    return repaired
