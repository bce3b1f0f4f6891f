"""A processing request in plain words: "Scaler: Pixop Super Resolution", not "scaler pabsr1".

Shared by the Presets window, the details panel and "Save as preset…", so a
setting reads the same wherever it is shown.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from pixop_desktop.processing import FIELDS, ProcessingRequest, label
from pixop_desktop.ui.translations import PROCESSING, core_text


def _json_value(body: dict, path: str) -> Any:
    node: Any = body
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def clock_text(ms: int) -> str:
    """A position in a video as h:mm:ss.mmm, the form the wizard's time fields use (0:01:02.500)."""
    ms = max(0, int(ms))
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _value_text(spec, value: Any) -> str:
    if spec.path.startswith("range.") and isinstance(value, int):
        return clock_text(value)  # a clip position reads as a time, not as 61500 milliseconds
    if spec.choices is not None:
        member: Enum | None = next((m for m in spec.choices if m.value == value), None)
        return core_text(PROCESSING, label(member)) if member is not None else str(value)
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return shown + " " + core_text(PROCESSING, spec.unit) if spec.unit else shown


def request_lines(request: ProcessingRequest) -> list[tuple[str, str]]:
    """(field label, value label) for every field the request sets, translated, in the table's order."""
    body = request.to_json()
    return [(core_text(PROCESSING, spec.label), _value_text(spec, value))
            for spec in FIELDS
            if spec.kind != "group" and (value := _json_value(body, spec.path)) is not None]
