"""File-name templates for downloaded results, such as ``{stem}_{width}x{height}``.

A template names one file inside the chosen output folder, never a path: it
is checked when a person types it (``template_problem`` gives a plain
sentence for the settings panel and wizard) and again when it is rendered, and
the rendered name goes through the same sanitiser as names coming from the
server. Without ``{ext}`` in the template, the result's extension is appended,
so ``{stem}_pixop`` gives ``interview_pixop.mp4``.

The placeholders' meanings and the fixed problem sentences are marked for translators
(context "FileNames", see ``pixop_desktop.i18n``).
"""

from __future__ import annotations

import datetime as _dt
import string
from collections.abc import Mapping

from pixop_desktop.i18n import QT_TRANSLATE_NOOP
from pixop_desktop.transfer.filenames import safe_file_name

DEFAULT_TEMPLATE = "{stem}_pixop"

PLACEHOLDERS: dict[str, str] = {
    "stem": QT_TRANSLATE_NOOP("FileNames", "the source file name without its extension"),
    "name": QT_TRANSLATE_NOOP("FileNames", "the source file name with its extension"),
    "preset": QT_TRANSLATE_NOOP("FileNames", "the name of the preset used"),
    "width": QT_TRANSLATE_NOOP("FileNames", "the result's width in pixels"),
    "height": QT_TRANSLATE_NOOP("FileNames", "the result's height in pixels"),
    "date": QT_TRANSLATE_NOOP("FileNames", "today's date, as 2024-05-31"),
    "ext": QT_TRANSLATE_NOOP("FileNames", "the result's file extension, such as mp4"),
}

# What validation renders with: any template that is empty with these is empty always.
_SAMPLE = {"stem": "clip", "name": "clip.mov", "preset": "preset", "width": 1920,
           "height": 1080, "date": "2024-05-31", "ext": "mp4"}
_FORMATTER = string.Formatter()


class TemplateError(ValueError):
    """A template that cannot name a file; ``str(error)`` is a plain sentence."""


def _fields(template: str) -> list[tuple[str, str | None]]:
    """(literal text, placeholder name or None) pairs; raises TemplateError when malformed."""
    try:
        parts = list(_FORMATTER.parse(template))
    except ValueError as exc:
        raise TemplateError(QT_TRANSLATE_NOOP(
            "FileNames", "Every { in the file name template needs a matching } (and the other way round).")) from exc
    fields = []
    for literal, name, spec, conversion in parts:
        if name is not None and (spec or conversion):
            raise TemplateError(f"Write placeholders plainly, like {{{name.split('!')[0].split(':')[0]}}}, "
                                "without : or ! after the name.")
        fields.append((literal, name))
    return fields


def _check(template: str) -> None:
    if not template.strip():
        raise TemplateError(QT_TRANSLATE_NOOP("FileNames", "The file name template is empty."))
    fields = _fields(template)
    known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
    for literal, name in fields:
        if "/" in literal or "\\" in literal:
            raise TemplateError(QT_TRANSLATE_NOOP(
                "FileNames", "The file name template names a file, not a folder: remove / and \\."))
        if name is not None and name not in PLACEHOLDERS:
            shown = f"{{{name}}}" if name else "{}"
            raise TemplateError(f"{shown} is not a placeholder. Use {known}.")
        if ".." in literal:
            raise TemplateError(QT_TRANSLATE_NOOP("FileNames", "The file name template cannot contain '..'."))
    rendered = _substitute(fields, _SAMPLE)
    if not rendered.strip(" ._"):
        raise TemplateError(QT_TRANSLATE_NOOP("FileNames", "The file name template gives an empty file name."))


def template_problem(template: str) -> str | None:
    """A plain sentence saying what is wrong with ``template``, or None when it is usable."""
    try:
        _check(template)
    except TemplateError as exc:
        return str(exc)
    return None


def validate_template(template: str) -> str:
    """Return ``template`` unchanged, or raise ``TemplateError`` saying what is wrong."""
    _check(template)
    return template


def _substitute(fields: list[tuple[str, str | None]], values: Mapping[str, object]) -> str:
    out = []
    for literal, name in fields:
        out.append(literal)
        if name is not None:
            value = values.get(name)
            out.append("" if value is None else str(value))
    return "".join(out)


def template_values(source_name: str, *, preset: str | None = None, width: int | None = None,
                    height: int | None = None, ext: str | None = None,
                    today: _dt.date | None = None) -> dict[str, object]:
    """The values ``render`` fills in, from the source file name and the result's plan."""
    stem = source_name.rsplit(".", 1)[0] if "." in source_name.lstrip(".") else source_name
    return {"stem": stem, "name": source_name, "preset": preset or "", "width": width,
            "height": height, "date": (today or _dt.date.today()).isoformat(),
            "ext": (ext or "").lstrip(".")}


def render(template: str, values: Mapping[str, object]) -> str:
    """One safe bare file name (never a path) from a valid template.

    Values can come from outside (a source named by a URL, a preset name), so
    the result is sanitised; a result that would be empty falls back to the
    source's stem.
    """
    fields = _fields(validate_template(template))
    ext = str(values.get("ext") or "").lstrip(".")
    suffix = f".{ext}" if ext else ""
    fallback = f"{values.get('stem') or 'video'}{suffix}"
    rendered = _substitute(fields, values)
    if not rendered.strip(" ._"):  # e.g. "{preset}" for an upload without a preset
        return safe_file_name(fallback, "video" + suffix)
    if not any(name == "ext" for _, name in fields):
        rendered += suffix
    return safe_file_name(rendered, fallback)
