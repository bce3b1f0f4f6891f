"""The sandbox's door for processing requests: ``processing_table`` applied to a JSON body.

``problems(body)`` → ``[(field, message)]`` naming each field and what is wrong with it (one
problem per field); ``source_problems(body, …)`` the table's bounds that need the source (the
clip within the duration, the output frame within the width/height ranges); ``normalise(body)``
the request the sandbox acts on (aliases read, ignored fields dropped). Rules beyond the table
(what FFmpeg can make) are not checked here: like a real server, the sandbox accepts the order
and the processing fails (``jobs.process``).
"""

from __future__ import annotations

import copy
import math
from typing import Any

from pixop_desktop.sandbox import processing_table as table

Problem = tuple[str, str]
_MISSING = object()


def _get(body: dict, path: str) -> Any:
    """The value at a dotted path, or ``_MISSING`` (a JSON null counts as missing)."""
    node: Any = body
    for part in path.split("."):
        if not isinstance(node, dict) or node.get(part) is None:
            return _MISSING
        node = node[part]
    return node


def _has(body: dict, path: str) -> bool:
    return _get(body, path) is not _MISSING


def _listed(values) -> str:
    return ", ".join(str(v) for v in values)


def _enum_problem(path: str, value: Any) -> str | None:
    allowed = table.ENUMS[path]
    if isinstance(value, bool) or value not in allowed:
        shown = value if isinstance(value, (str, int, float)) else type(value).__name__
        return f"{path}: “{shown}” is not a permitted value; permitted: {_listed(allowed)}."
    return None


def _number_problem(path: str, value: Any) -> str | None:
    low, high, whole = table.RANGES[path]
    span = f"from {low:g} to {high:g}" if high is not None else f"of {low:g} or more"
    wanted = f"{path} must be {'a whole number' if whole else 'a number'} {span}"
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return f"{wanted}, not {value!r}."
    if (whole and value != int(value)) or value < low or (high is not None and value > high):
        return f"{wanted}, not {value:g}."
    return None


def _value_problems(body: dict) -> list[Problem]:
    found = []
    for path in table.GROUPS:
        if path in body and body[path] is not None and not isinstance(body[path], dict):
            found.append((path, f"{path} must be a JSON object of settings."))
    for path in table.ENUMS:
        value = _get(body, path)
        if value is not _MISSING and (message := _enum_problem(path, value)):
            found.append((path, message))
    for path in table.RANGES:
        value = _get(body, path)
        if value is not _MISSING and (message := _number_problem(path, value)):
            found.append((path, message))
    return found


def _combination_problems(body: dict) -> list[Problem]:
    found = []
    for tag, excluded in table.EXCLUDED_BY_TAG.items():
        if _has(body, tag):
            found += [(path, f"{path} cannot be given with {tag}: the tag replaces it.")
                      for path in excluded if _has(body, path)]
    for path, (condition, value) in table.ONLY_IF.items():
        if _has(body, path) and _get(body, condition) != value:
            found.append((path, f"{path} is allowed only if {condition} is {value}."))
    for tag, needed in table.NEEDED_WITHOUT_TAG.items():
        group = tag.split(".")[0]
        if _has(body, group) and not _has(body, tag) and not any(_has(body, p) for p in needed):
            found.append((needed[0], f"{' or '.join(needed)} must be given when there is no {tag}."))
    if all(_has(body, p) for p in table.NOT_ALL_TOGETHER):
        width, height, aspect = table.NOT_ALL_TOGETHER
        found.append((aspect, f"{aspect} cannot be given together with both {width} and {height}."))
    return found


def _pair_problems(body: dict) -> list[Problem]:
    found = []
    container, codec = _get(body, "mediaContainerCodec.container"), _get(body, "mediaContainerCodec.codec")
    if container in table.CODECS_BY_CONTAINER and codec in table.ENUMS["mediaContainerCodec.codec"]:
        fitting = table.CODECS_BY_CONTAINER[container]
        if codec not in fitting:
            found.append(("mediaContainerCodec.codec",
                          f"mediaContainerCodec.codec: “{codec}” is not supported in “{container}”;"
                          f" {container} supports {_listed(fitting)}."))
    yuv, bits = _get(body, "chromaSubsampling.yuv"), _get(body, "chromaSubsampling.bits")
    if yuv in table.BITS_BY_YUV and bits in table.ENUMS["chromaSubsampling.bits"]:
        depths = table.BITS_BY_YUV[yuv]
        if bits not in depths and not isinstance(bits, bool):
            found.append(("chromaSubsampling.bits",
                          f"chromaSubsampling.bits: {bits}-bit is not available with {yuv};"
                          f" {yuv} comes in {_listed(depths)} bits."))
    start, end = _get(body, "range.startPositionMilliseconds"), _get(body, "range.endPositionMilliseconds")
    start = 0 if start is _MISSING else start
    if isinstance(end, (int, float)) and isinstance(start, (int, float)) and end <= start:
        found.append(("range.endPositionMilliseconds",
                      f"range.endPositionMilliseconds ({end:g}) must be after"
                      f" range.startPositionMilliseconds ({start:g}): a clip cannot be empty."))
    return found


def problems(body: Any) -> list[Problem]:
    """Every field of ``body`` the table refuses, each once, with what is wrong."""
    if not isinstance(body, dict):
        return [("", "The processing request must be a JSON object.")]
    found: dict[str, str] = {}
    value_problems = _value_problems(body)
    for path, message in value_problems:
        found.setdefault(path, message)
    if not value_problems:  # combinations of values only mean something between valid values
        for path, message in _combination_problems(body) + _pair_problems(body):
            found.setdefault(path, message)
    return list(found.items())


def _even(value: float) -> int:
    return max(2, int(value / 2 + 0.5) * 2)


def _output_size(body: dict, width: int, height: int, display_aspect: float) -> tuple[tuple[int, int], str]:
    """The output frame size the request asks for from this source, and the field that decides it."""
    tag = _get(body, "resolution.tag")
    if tag in table.FIXED_SIZES:
        return table.FIXED_SIZES[tag], "resolution.tag"
    if tag in table.FACTORS:
        return (_even(width * table.FACTORS[tag]), _even(height * table.FACTORS[tag])), "resolution.tag"
    out_w, out_h = _get(body, "resolution.width"), _get(body, "resolution.height")
    if out_w is _MISSING and out_h is _MISSING:
        return (width, height), ""
    if out_w is not _MISSING and out_h is not _MISSING:
        return (_even(out_w), _even(out_h)), "resolution.width"
    aspect_tag = _get(body, "resolution.aspectRatioTag")
    aspect = table.FIXED_ASPECTS.get(aspect_tag) or (
        width / height if aspect_tag == "storage" else display_aspect)
    field = "resolution.aspectRatioTag" if aspect_tag is not _MISSING else (
        "resolution.width" if out_w is not _MISSING else "resolution.height")
    if out_w is not _MISSING:
        return (_even(out_w), _even(out_w / aspect)), field
    return (_even(out_h * aspect), _even(out_h)), field


def source_problems(body: dict, *, width: int, height: int, duration_ms: int | None,
                    display_aspect: float) -> list[Problem]:
    """The table's bounds that need the source: [0-duration] for the clip, the frame ranges."""
    found = []
    start, end = _get(body, "range.startPositionMilliseconds"), _get(body, "range.endPositionMilliseconds")
    if duration_ms is not None and start is not _MISSING and start >= duration_ms:
        found.append(("range.startPositionMilliseconds",
                      f"range.startPositionMilliseconds ({start:g}) is not before the end of the video"
                      f" ({duration_ms} ms)."))
    if duration_ms is not None and end is not _MISSING and end > duration_ms:
        found.append(("range.endPositionMilliseconds",
                      f"range.endPositionMilliseconds ({end:g}) is past the end of the video"
                      f" ({duration_ms} ms)."))
    (out_w, out_h), field = _output_size(body, width, height, display_aspect)
    (low_w, high_w), (low_h, high_h) = table.SIZE_LIMITS
    if field and not (low_w <= out_w <= high_w and low_h <= out_h <= high_h):
        found.append((field, f"{field}: from this {width}x{height} video the output would be"
                             f" {out_w}x{out_h}, outside {low_w}-{high_w} x {low_h}-{high_h} pixels."))
    return found


def normalise(body: dict) -> dict:
    """The request as the sandbox acts on it: aliases read as the seed's values, and fields that
    do nothing in this request (``IGNORED_UNLESS``) left out. ``body`` passed ``problems``."""
    acted = copy.deepcopy(body)
    for path, aliases in table.ALIASES.items():
        *parents, leaf = path.split(".")
        node = acted
        for part in parents:
            node = node.get(part) or {}
        if isinstance(node.get(leaf), str):
            node[leaf] = aliases.get(node[leaf], node[leaf])
    for path, (condition, value) in table.IGNORED_UNLESS.items():
        if _has(acted, path) and not (_has(acted, condition) and (value is None or _get(acted, condition) == value)):
            del acted[path]
    return acted
