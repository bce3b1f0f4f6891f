"""User settings: one typed model, saved as JSON in the platform config folder.

Design points (after napari's settings):

- ``schema_version`` plus a chain of migrations, so a file written by an
  older version is upgraded step by step instead of being thrown away.
- Writes are atomic (temporary file + ``os.replace``): a crash mid-save never
  leaves half a file.
- A file that cannot be read is backed up as ``settings.json.bad-<timestamp>``
  and the defaults are used: a broken settings file never stops the app.
- No secret ever lives here. Passwords and API keys go to the OS keyring
  (see :mod:`pixop_desktop.credentials`); unknown keys, including any secret
  someone typed in by hand, are dropped on load and never written back.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import re
import shutil
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pixop_desktop import paths
from pixop_desktop.errors import UserFacingError
from pixop_desktop.fileio import aside_name, write_text_atomically
from pixop_desktop.jobs.templates import (
    DEFAULT_TEMPLATE,
    PLACEHOLDERS,
    template_problem,
)

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
CURRENT_SCHEMA_VERSION = 3

#: The intake's "After upload" choices (the values the window's combo box holds).
AFTER_UPLOAD_NOTHING = "nothing"
AFTER_UPLOAD_CHOOSE = "choose"        # open the processing wizard for each batch
AFTER_UPLOAD_PRESET = "preset:"       # followed by the preset's name
#: What a new user gets: the first-run choice's recommended outcome (a built-in preset).
RECOMMENDED_PRESET = "Upscale SD to HD (Super Resolution)"

PRODUCTION_SERVER = "https://api.pixop.com"
STAGING_SERVER = "https://staging-api.pixop.com"

#: Placeholders a file-name template may use, and what they mean (the queue's own list).
TEMPLATE_FIELDS = PLACEHOLDERS


class ServerKind(StrEnum):
    """Which Pixop the app talks to; decides how the server is labelled."""

    PRODUCTION = "production"
    STAGING = "staging"
    CUSTOM = "custom"
    SANDBOX = "sandbox"


class AfterDownload(StrEnum):
    """What happens once a result has been downloaded."""

    NOTHING = "nothing"
    SHOW_FOLDER = "show_folder"     # open the download folder in the file manager
    MOVE_SOURCE = "move_source"     # move the source file into ``done_folder``


class CloseWhileWorking(StrEnum):
    """Closing the window while videos are still being sent or fetched."""

    ASK = "ask"
    KEEP_IN_TRAY = "keep_in_tray"
    STOP = "stop"


class UpdateMode(StrEnum):
    """What the app does when a newer signed version is published (pixop_desktop/updates)."""

    OFF = "off"          # never asks the update server
    NOTIFY = "notify"    # checks at start and daily, says so; installing is one click
    INSTALL = "install"  # also downloads and verifies it; it is put in place at the next start


class SettingsError(UserFacingError):
    """A setting value a person gave is not usable."""


def is_loopback_host(host: str) -> bool:
    """True for localhost and loopback addresses (the sandbox)."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def normalize_server_root(url: str) -> str:
    """Return ``scheme://host[:port][/path]`` without a trailing slash.

    Credentials are only ever sent to this root, so it must be HTTPS; plain
    HTTP is allowed for loopback only (the sandbox). Raises ``SettingsError``.
    """
    text = (url or "").strip()
    parts = urlsplit(text)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise SettingsError(
            "Bad server address",
            f"'{text}' is not a web address. Use something like {PRODUCTION_SERVER}.",
        )
    if parts.username or parts.password or parts.query or parts.fragment:
        raise SettingsError(
            "Bad server address",
            "The server address must not contain a user name, password, query or fragment.",
        )
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        raise SettingsError(
            "Insecure server address",
            f"'{text}' uses plain HTTP. Pixop servers must use HTTPS; "
            "plain HTTP is only allowed for a local sandbox.",
        )
    return f"{parts.scheme}://{parts.netloc.lower()}{parts.path}".rstrip("/")


def server_kind_for(server: str) -> ServerKind:
    """Guess the kind from the address; a loopback server is a sandbox."""
    if server == PRODUCTION_SERVER:
        return ServerKind.PRODUCTION
    if server == STAGING_SERVER:
        return ServerKind.STAGING
    if is_loopback_host(urlsplit(server).hostname or ""):
        return ServerKind.SANDBOX
    return ServerKind.CUSTOM


def default_download_folder() -> str:
    """``Downloads/Pixop``; under ``$PIXOP_DESKTOP_HOME`` when that is set (see :mod:`pixop_desktop.paths`)."""
    return str(paths.default_download_dir())


class Settings(BaseModel):
    """Everything the user can set. Never holds a secret."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    schema_version: int = CURRENT_SCHEMA_VERSION
    server: str = Field(PRODUCTION_SERVER, description="Server root, e.g. https://api.pixop.com.")
    server_kind: ServerKind = ServerKind.PRODUCTION
    email: str = Field("", description="The account's email (not secret; the password is in the keyring).")
    team_id: str | None = Field(None, description="The team selected for `server`; None = the account's default.")
    parallel_uploads: int = Field(2, ge=1, le=8)
    parallel_downloads: int = Field(2, ge=1, le=8)
    bandwidth_limit_mbps: float = Field(0.0, ge=0.0, description="Shared limit for all transfers; 0 = no limit.")
    download_connections: int = Field(4, ge=1, le=16, description="Byte ranges of a large result fetched at once.")
    download_folder: str = Field(default_factory=default_download_folder)
    file_name_template: str = Field(DEFAULT_TEMPLATE, description="How processed files are named.")
    after_download: AfterDownload = AfterDownload.NOTHING
    done_folder: str = Field("", description="Where source files go for AfterDownload.MOVE_SOURCE.")
    notify_when_done: bool = Field(True, description="One notification when a batch of videos is finished.")
    notify_on_failure: bool = Field(True, description="Also notify when a video in the batch failed.")
    notify_sound: bool = Field(False, description="Play the desktop's sound with a notification.")
    close_while_working: CloseWhileWorking = CloseWhileWorking.ASK
    first_run_done: bool = Field(False, description="The welcome has been completed once.")
    use_builtin_sandbox: bool = Field(False, description="Start the built-in sandbox instead of `server`.")
    language: str = Field("", description="UI language code; empty = the system's.")
    last_add_folder: str = Field("", description="Where \"Add files…\" last found videos; empty = the Videos folder.")
    updates: UpdateMode = UpdateMode.NOTIFY
    update_url: str = Field("", description="The signed update repository; empty = this build's own (if any).")
    after_upload: str = Field("", description="What happens to added videos: \"nothing\", \"choose\" or "
                              "\"preset:NAME\"; \"\" = not chosen yet (upload only). The welcome sets it.")
    sandbox_port: int = Field(0, ge=0, le=65535,
                              description="The built-in sandbox's port, kept so its jobs survive a relaunch; 0 = not yet chosen.")

    @field_validator("server")
    @classmethod
    def _check_server(cls, value: str) -> str:
        try:
            return normalize_server_root(value)
        except SettingsError as exc:
            raise ValueError(exc.message) from None

    @field_validator("file_name_template")
    @classmethod
    def _check_template(cls, value: str) -> str:
        check_file_name_template(value)
        return value


def check_file_name_template(template: str) -> None:
    """Raise ``ValueError`` (a plain sentence) unless the queue can name files with ``template``."""
    problem = template_problem(template)
    if problem:
        raise ValueError(problem)


# --- migrations -------------------------------------------------------------

def _migrate_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 0: the prototype's file, which had no schema_version and other key names."""
    renames = {"server_url": "server", "max_uploads": "parallel_uploads", "max_downloads": "parallel_downloads"}
    for old, new in renames.items():
        if old in data and new not in data:
            data[new] = data.pop(old)
    if "bandwidth_limit_kbps" in data and "bandwidth_limit_mbps" not in data:
        data["bandwidth_limit_mbps"] = float(data.pop("bandwidth_limit_kbps") or 0) / 1000.0
    return data


def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 uses the queue's templates ({ext} has no dot; no {video_id}) and knows about the welcome.

    Someone with a version-1 file has used the app already, so the welcome is skipped.
    """
    template = data.get("file_name_template")
    if isinstance(template, str):
        template = re.sub(r"(?<!\.)\{ext\}", ".{ext}", template)
        data["file_name_template"] = DEFAULT_TEMPLATE if template_problem(template) else template
    data.setdefault("first_run_done", True)
    return data


def _migrate_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 remembers "After upload". Before, it started at "Nothing — just upload" on every
    launch: someone who already uses the app keeps that (processing costs money: never start
    it for them unasked); a new user picks in the welcome, the recommended preset preselected."""
    data.setdefault("after_upload", AFTER_UPLOAD_NOTHING)
    return data


#: ``MIGRATIONS[n]`` turns a version-n dict into a version-(n+1) dict.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    0: _migrate_0_to_1, 1: _migrate_1_to_2, 2: _migrate_2_to_3}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Run every migration from the file's version up to the current one."""
    version = data.get("schema_version", 0)
    if not isinstance(version, int) or version < 0:
        raise ValueError(f"schema_version {version!r} is not a version number")
    if version > CURRENT_SCHEMA_VERSION:
        log.warning("settings written by a newer version (%s); unknown fields are ignored", version)
        return data
    while version < CURRENT_SCHEMA_VERSION:
        data = MIGRATIONS[version](dict(data))
        version += 1
        data["schema_version"] = version
    return data


# --- load / save ------------------------------------------------------------

def settings_path() -> Path:
    return paths.config_dir() / SETTINGS_FILE


def load_settings(path: Path | None = None) -> Settings:
    """Read, migrate and validate the settings; defaults when there is no usable file."""
    path = path or settings_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        log.warning("cannot read %s (%s); using default settings", path, exc)
        return Settings()
    try:
        data = json.loads(raw.decode("utf-8"))  # a stray non-UTF-8 byte is a damaged file too
        if not isinstance(data, dict):
            raise ValueError("the file does not hold a JSON object")
        settings = _validate_leniently(migrate(data), path)
    except (ValueError, ValidationError, KeyError) as exc:
        backup = _back_up_bad_file(path)
        log.warning("settings file %s is unusable (%s); backed up to %s, using defaults",
                    path, _first_line(exc), backup)
        return Settings()
    if settings.schema_version < CURRENT_SCHEMA_VERSION:
        settings = settings.model_copy(update={"schema_version": CURRENT_SCHEMA_VERSION})
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write atomically: a temporary file in the same folder, then ``os.replace``."""
    return write_text_atomically(path or settings_path(), settings.model_dump_json(indent=2) + "\n")


def _validate_leniently(data: dict[str, Any], path: Path) -> Settings:
    """Validate; a hand-edited bad value resets that one setting, not all of them."""
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        bad = {str(err["loc"][0]) for err in exc.errors() if err["loc"]}
        if not bad or "schema_version" in bad:
            raise
        backup = _back_up_bad_file(path, keep_original=True)
        log.warning("settings %s had unusable values; using defaults for them (original kept as %s)",
                    ", ".join(sorted(bad)), backup)
        return Settings.model_validate({k: v for k, v in data.items() if k not in bad})


def _back_up_bad_file(path: Path, keep_original: bool = False) -> Path | None:
    backup = aside_name(path, "bad")
    try:
        if keep_original:
            shutil.copy2(path, backup)
        else:
            os.replace(path, backup)
    except OSError as exc:
        log.warning("could not back up %s: %s", path, exc)
        return None
    return backup


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
