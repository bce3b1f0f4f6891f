"""What a preset is, and how it reads from and writes to a JSON file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pixop_desktop.errors import UserFacingError
from pixop_desktop.processing import ProcessingRequest, ProcessingRequestError

FILE_FORMAT = "pixop-desktop-preset"
FILE_VERSION = 1
MAX_NAME = 80
MAX_DESCRIPTION = 2000
MAX_FILE_BYTES = 256 * 1024  # a preset is a few hundred bytes; refuse anything absurd


class PresetError(UserFacingError, ValueError):
    """A preset that cannot be found, saved or read."""


@dataclass(frozen=True)
class Preset:
    """A named processing request. ``path`` is its file for a person's own presets."""

    name: str
    description: str
    request: ProcessingRequest
    built_in: bool = False
    path: Path | None = None

    def to_file_json(self) -> dict[str, Any]:
        """What a preset file holds (also the export format)."""
        return {"format": FILE_FORMAT, "version": FILE_VERSION, "name": self.name,
                "description": self.description, "request": self.request.to_json()}


def check_name(name: Any) -> str:
    """The name, tidied; raises ``PresetError`` for one that cannot name a preset."""
    if not isinstance(name, str) or not name.strip():
        raise PresetError("Preset needs a name", "Give the preset a name of a few words.")
    name = " ".join(name.split())
    if len(name) > MAX_NAME:
        raise PresetError("Preset name too long", f"Keep the preset's name to {MAX_NAME} characters or fewer.")
    if not all(ch.isprintable() for ch in name):
        raise PresetError("Preset name not usable", "The preset's name contains characters that cannot be shown.")
    return name


def preset_from_json(data: Any, source: str) -> Preset:
    """Validate a preset file's JSON; ``source`` names the file in messages."""
    if not isinstance(data, dict) or "request" not in data:
        raise PresetError("Not a preset file", f"{source} is not a Pixop Desktop preset file"
                          " (it needs a name, a description and a processing request).")
    if data.get("format", FILE_FORMAT) != FILE_FORMAT:
        raise PresetError("Not a preset file", f"{source} is not a Pixop Desktop preset file.")
    name = check_name(data.get("name"))
    description = data.get("description") or ""
    if not isinstance(description, str) or len(description) > MAX_DESCRIPTION:
        raise PresetError("Preset description not usable",
                          f"{source}: the description must be text of at most {MAX_DESCRIPTION} characters.")
    try:
        request = ProcessingRequest.from_json(data["request"])
    except ProcessingRequestError as exc:
        raise PresetError("Preset settings not valid", f"{source}: {exc}") from None
    return Preset(name, description.strip(), request)


def read_preset_file(path: Path) -> Preset:
    """Read and validate one preset file; every failure is a plain ``PresetError``."""
    shown = f"“{path.name}”"
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise PresetError("Not a preset file", f"{shown} is far too large to be a preset file.")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PresetError("Preset file not found", f"{shown} does not exist. Check the file's location.") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "it is not text"
        raise PresetError("Preset file unreadable", f"{shown} cannot be read: {reason}.") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PresetError("Not a preset file",
                          f"{shown} is not valid JSON (line {exc.lineno}, column {exc.colno}).") from None
    preset = preset_from_json(data, shown)
    return Preset(preset.name, preset.description, preset.request, path=path)
