"""Where presets live: built-ins in code, a person's own as JSON files in the data folder.

One file per preset, named from the preset's name (lower-case letters, digits
and dashes only, so a name can never reach outside the folder). Writes are
atomic (temporary file + ``os.replace``). Names are unique ignoring case and Unicode
composition (``platform_paths.name_key``); a built-in's name is reserved.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from pathlib import Path

from pixop_desktop import paths
from pixop_desktop.processing import ProcessingRequest
from pixop_desktop.fileio import write_json_atomically
from pixop_desktop.platform_paths import is_reserved_name, long_path, name_key

from .builtin import BUILT_IN_PRESETS
from .model import Preset, PresetError, check_name, read_preset_file

log = logging.getLogger(__name__)

PRESETS_FOLDER = "presets"
_MAX_STEM = 60


class PresetNameTaken(PresetError):
    """The name is already a preset's. ``code`` says whose ("built-in" or "exists"),
    ``existing`` is that preset's name, so a UI can word it in the person's language."""

    BUILT_IN = "built-in"
    EXISTS = "exists"

    def __init__(self, code: str, existing: str, title: str, message: str) -> None:
        super().__init__(title, message)
        self.code, self.existing = code, existing


def presets_dir() -> Path:
    folder = paths.data_dir() / PRESETS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def built_in_presets() -> list[Preset]:
    return [Preset(name, description, ProcessingRequest.from_json(body), built_in=True)
            for name, description, body in BUILT_IN_PRESETS]


def user_presets() -> list[Preset]:
    """A person's own presets, by name; a damaged file is skipped (and logged), not fatal —
    :func:`damaged_preset_files` names them so the skip is never silent to the person."""
    return _read_user_presets()[0]


def damaged_preset_files() -> list[tuple[Path, str]]:
    """Each preset file that cannot be read, with the plain reason, so lists can say so."""
    return _read_user_presets()[1]


def _read_user_presets() -> tuple[list[Preset], list[tuple[Path, str]]]:
    found, damaged = [], []
    for path in sorted(presets_dir().glob("*.json")):
        try:
            found.append(read_preset_file(path))
        except PresetError as exc:
            log.warning("skipping preset file %s: %s", path.name, exc.message)
            damaged.append((path, exc.message))
    return sorted(found, key=lambda p: name_key(p.name)), damaged


def list_presets() -> list[Preset]:
    """Built-in starters first (in their own order), then a person's own by name."""
    return built_in_presets() + user_presets()


def _find(name: str) -> Preset | None:
    wanted = name_key(name)
    return next((p for p in list_presets() if name_key(p.name) == wanted), None)


def get_preset(name_or_file: str | os.PathLike[str]) -> Preset:
    """A preset by name (ignoring case), or read from a preset file's path."""
    text = os.fspath(name_or_file)
    preset = _find(text) if text.strip() else None
    if preset is not None:
        return preset
    path = Path(long_path(Path(text).expanduser()))
    if text.lower().endswith(".json") or path.is_file():
        return read_preset_file(path)
    raise PresetError("No such preset", f"There is no preset called “{text}”."
                      " `pixop-desktop presets list` shows the presets there are.")


def _file_stem(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:_MAX_STEM].strip("-")
    return stem or "preset"


def _file_for(name: str, existing: Preset | None) -> Path:
    """The existing preset's own file, else an unused file name made from ``name``."""
    if existing is not None and existing.path is not None:
        return existing.path
    folder, stem = presets_dir(), _file_stem(name)
    candidate, number = folder / f"{stem}.json", 2
    while candidate.exists():
        candidate, number = folder / f"{stem}-{number}.json", number + 1
    return candidate


def save_preset(name: str, request: ProcessingRequest, description: str = "", *,
                overwrite: bool = False) -> Preset:
    """Save a person's preset; an existing one of that name is replaced only with ``overwrite``."""
    name = check_name(name)
    existing = _find(name)
    if existing is not None and existing.built_in:
        raise PresetNameTaken(PresetNameTaken.BUILT_IN, existing.name, "Name taken by a built-in preset",
                              f"“{existing.name}” is one of the built-in presets; choose another name.")
    if existing is not None and not overwrite:
        raise PresetNameTaken(PresetNameTaken.EXISTS, existing.name, "Preset exists",
                              f"There is already a preset called “{existing.name}”;"
                              " choose another name or replace it.")
    preset = Preset(name, " ".join(description.split()) if description else "", request)
    path = _file_for(name, existing)
    write_json_atomically(path, preset.to_file_json())
    return Preset(preset.name, preset.description, request, path=path)


def delete_preset(name: str) -> None:
    preset = _find(name)
    if preset is None:
        raise PresetError("No such preset", f"There is no preset called “{name}”.")
    if preset.built_in:
        raise PresetError("Built-in preset", f"“{preset.name}” comes with the app and cannot be deleted.")
    assert preset.path is not None
    preset.path.unlink(missing_ok=True)


def export_preset(name: str, path: str | os.PathLike[str]) -> Path:
    """Write a preset (built-in or own) to a file someone else can import."""
    preset = get_preset(name)
    target = Path(path).expanduser()
    if is_reserved_name(target.name):  # Windows cannot hold it; colleagues there could not open it
        raise PresetError("Cannot export preset",
                          f"“{target.name}” is a name Windows keeps for itself; choose another file name.")
    target = Path(long_path(target))
    try:
        write_json_atomically(target, preset.to_file_json())
    except OSError as exc:
        raise PresetError("Cannot export preset",
                          f"“{target}” cannot be written: {exc.strerror or exc}.") from None
    return target


def _free_name(name: str) -> str:
    """``name`` if unused, else ``name (2)``, ``name (3)``, …"""
    if _find(name) is None:
        return name
    number = 2
    while _find(f"{name} ({number})") is not None:
        number += 1
    return f"{name} ({number})"


def import_preset(path: str | os.PathLike[str], *, overwrite: bool = False) -> Preset:
    """Add a preset from a file. On a name clash: replace with ``overwrite`` (never a
    built-in), else save under a numbered name such as "Archive look (2)"."""
    incoming = read_preset_file(Path(long_path(Path(path).expanduser())))
    existing = _find(incoming.name)
    name = incoming.name
    if existing is not None and (existing.built_in or not overwrite):
        name = _free_name(incoming.name)
    return save_preset(name, incoming.request, incoming.description, overwrite=overwrite)
