"""Watch rules: which folder to watch, what to do with the videos that land in it.

A rule is a small pydantic model saved, with the others, as one JSON file in
the config folder (``watch_rules.json``). The file has a ``schema_version``;
unknown fields are ignored so an older app can read a newer file, and a file
that cannot be read is set aside (``.bad``) instead of crashing the app.

A rule that processes says where its results go: an output folder, or explicitly
``leave_results_on_pixop`` (a rule with neither ended "Done" with no file anywhere).
Rules of a version-1 file had no such field and left those results on Pixop; they
load with it ticked, so they go on doing what they did and the dialog shows it.

What a rule does with a file is decided when the file arrives, not when the
rule is saved: a preset named by the rule is looked up at that moment, so
editing a preset changes what the next arrivals get.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import logging
import os
import time
import uuid
from enum import StrEnum
from pathlib import Path

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from pixop_desktop import paths
from pixop_desktop.errors import UserFacingError
from pixop_desktop.fileio import write_json_atomically
from pixop_desktop.jobs.model import DEFAULT_INGESTION, Ingestion
from pixop_desktop.jobs.templates import DEFAULT_TEMPLATE, template_problem

log = logging.getLogger(__name__)

FILE_NAME = "watch_rules.json"
SCHEMA_VERSION = 2

#: Names a copy in progress (browser downloads, rsync, Finder, …) or the system uses.
DEFAULT_IGNORE: tuple[str, ...] = ("*.part", "*.crdownload", "*.tmp", "Thumbs.db", ".DS_Store")
DONE_FOLDER, FAILED_FOLDER = "Done", "Failed"


class Approval(StrEnum):
    AUTO = "auto"  # process as soon as Pixop has ingested the video
    HOLD = "hold"  # each job waits for a person to approve it


class AfterSuccess(StrEnum):
    LEAVE = "leave"
    MOVE = "move"   # into the Done folder, keeping the subfolder


class AfterFailure(StrEnum):
    LEAVE = "leave"
    MOVE = "move"   # into the Failed folder, with NAME.txt saying why


class RuleError(ValueError):
    """A rule that cannot work as set up; ``str()`` is a plain sentence."""


def new_rule_id() -> str:
    return uuid.uuid4().hex[:12]


class WatchRule(BaseModel):
    """One watched folder and what happens to the videos that land in it."""

    model_config = ConfigDict(extra="ignore", validate_assignment=False)

    id: str = Field(default_factory=new_rule_id)
    name: str = ""
    """Shown in the app; the folder's name when empty."""
    folder: str
    recursive: bool = True
    include: list[str] = Field(default_factory=list)
    """Name patterns (``*.mov``); empty = every file."""
    ignore: list[str] = Field(default_factory=lambda: list(DEFAULT_IGNORE))
    ignore_hidden: bool = True
    """Skip names starting with a dot (and files in such folders)."""
    preset: str | None = None
    """A preset name or a preset file; looked up when a file arrives."""
    processing: dict | None = None
    """A processing request (JSON as in the Pixop API), used when there is no preset."""
    ingestion: Ingestion = DEFAULT_INGESTION
    project_id: str | None = None
    approval: Approval = Approval.AUTO
    output_folder: str | None = None
    """Where results are downloaded (the input's subfolders are recreated)."""
    leave_results_on_pixop: bool = False
    """A processing rule without ``output_folder``: the person said the results stay on Pixop."""
    name_template: str = DEFAULT_TEMPLATE
    after_success: AfterSuccess = AfterSuccess.LEAVE
    after_failure: AfterFailure = AfterFailure.MOVE
    done_folder: str | None = None
    """Default: ``FOLDER/Done``."""
    failed_folder: str | None = None
    """Default: ``FOLDER/Failed``."""
    settle_seconds: float = Field(default=10.0, ge=0.0, le=3600.0)
    """A file is taken once its size and time stayed unchanged this long."""
    rescan_seconds: float = Field(default=30.0, gt=0.0, le=86400.0)
    """A full rescan this often, events or not (network shares send none)."""
    poll_only: bool = False
    """Never rely on file-system events (some network shares report none, or wrong ones)."""
    paused: bool = False

    @field_validator("folder", "output_folder", "done_folder", "failed_folder")
    @classmethod
    def _absolute(cls, value: str | None) -> str | None:
        if value is None or not str(value).strip():
            return None
        return str(Path(os.path.expanduser(str(value))).absolute())

    @model_validator(mode="after")
    def _consistent(self) -> WatchRule:
        if problem := rule_problem(self):
            raise RuleError(problem)
        return self

    # ----- derived places -----------------------------------------------------

    @property
    def display_name(self) -> str:
        return self.name.strip() or Path(self.folder).name or self.folder

    @property
    def done_root(self) -> Path:
        return Path(self.done_folder) if self.done_folder else Path(self.folder) / DONE_FOLDER

    @property
    def failed_root(self) -> Path:
        return Path(self.failed_folder) if self.failed_folder else Path(self.folder) / FAILED_FOLDER

    def excluded_folders(self) -> list[Path]:
        """Folders inside the watched one that are never scanned: where we put things."""
        roots = [self.done_root, self.failed_root]
        if self.output_folder:
            roots.append(Path(self.output_folder))
        return roots

    def wants_name(self, name: str) -> bool:
        """Whether a file called ``name`` is for this rule (by patterns only)."""
        if self.ignore_hidden and name.startswith("."):
            return False
        if any(fnmatch.fnmatch(name.lower(), pattern.lower()) for pattern in self.ignore):
            return False
        return not self.include or any(fnmatch.fnmatch(name.lower(), p.lower()) for p in self.include)

    def request(self) -> tuple[dict | None, str | None]:
        """(processing request JSON, preset name) for a file arriving now; raises RuleError."""
        from pixop_desktop.processing import (
            ProcessingRequest,
            ProcessingRequestError,
        )

        if self.preset:
            from pixop_desktop.presets import PresetError, get_preset

            try:
                preset = get_preset(self.preset)
            except PresetError as exc:
                raise RuleError(f"{exc.title}: {exc.message}") from None
            return preset.request.to_json(), preset.name
        if self.processing is None:
            return None, None
        try:
            return ProcessingRequest.from_json(self.processing).to_json(), None
        except ProcessingRequestError as exc:
            raise RuleError("; ".join(p.message for p in exc.problems) or str(exc)) from None


def build_rule(**fields) -> WatchRule:
    """A validated rule; every problem is one ``RuleError`` with plain sentences (for dialogs and the CLI)."""
    if not str(fields.get("folder") or "").strip():
        raise RuleError("Choose the folder to watch.")
    try:
        return WatchRule(**fields)
    except ValidationError as exc:
        messages = []
        for error in exc.errors():
            message = str(error.get("msg", "")).removeprefix("Value error, ")
            where = ".".join(str(part) for part in error.get("loc", ()))
            messages.append(f"{where.replace('_', ' ')}: {message}" if where else message)
        raise RuleError(" ".join(messages)) from None


def rule_problem(rule: WatchRule) -> str | None:
    """A plain sentence when the rule cannot work, else None."""
    if not rule.folder:
        return "Choose the folder to watch."
    if rule.preset and rule.processing is not None:
        return "Choose either a preset or a processing request, not both."
    if rule.output_folder and not (rule.preset or rule.processing is not None):
        return "Results can only be downloaded when the rule processes the videos: choose a preset."
    if rule.output_folder and rule.leave_results_on_pixop:
        return "Either download the results to the output folder or leave them on Pixop, not both."
    if processes(rule) and not rule.output_folder and not rule.leave_results_on_pixop:
        return ("Choose an output folder for the results, or tick “Leave the results on Pixop” "
                "if nothing should be downloaded.")
    if rule.approval is Approval.HOLD and not (rule.preset or rule.processing is not None):
        return "Only processing can wait for approval: choose a preset, or approve automatically."
    if rule.output_folder and _inside(Path(rule.folder), Path(rule.output_folder)):
        if Path(rule.output_folder) == Path(rule.folder):
            return "The output folder cannot be the watched folder itself: results would be sent again."
    return template_problem(rule.name_template)


def processes(rule: WatchRule) -> bool:
    return bool(rule.preset) or rule.processing is not None


def _inside(parent: Path, child: Path) -> bool:
    try:
        child.relative_to(parent)
    except ValueError:
        return False
    return True


def cli_rule_id(folder: str | os.PathLike[str]) -> str:
    """A stable id for the rule of ``pixop-desktop watch FOLDER``: a restart finds its ledger."""
    resolved = str(Path(folder).expanduser().resolve())
    return "cli-" + hashlib.sha256(resolved.encode()).hexdigest()[:12]


# ----- persistence ----------------------------------------------------------------

def rules_path() -> Path:
    return paths.config_dir() / FILE_NAME


class RulesUnreadable(UserFacingError):
    """The rules file exists but cannot be opened now (on Windows, another program briefly
    holding it): the rules are not lost, so nobody may act as if there were none."""

    def __init__(self, path: Path, exc: OSError) -> None:
        super().__init__("Cannot read the watched folders",
                         f"{path} cannot be opened ({exc.strerror or exc}). Another program may hold "
                         "it; try again in a moment.")


def load_rules(path: Path | None = None, *, attempts: int = 20, pause: float = 0.1) -> list[WatchRule]:
    """The saved rules. A file whose content is damaged is renamed to ``.bad`` and logged; one that
    cannot be opened is tried again for a moment (a sharing clash passes), then RulesUnreadable."""
    path = path or rules_path()
    for attempt in range(attempts):
        try:
            text = path.read_text(encoding="utf-8")
            break
        except FileNotFoundError:
            return []
        except UnicodeDecodeError as exc:
            _set_aside(path, exc)
            return []
        except OSError as exc:
            if attempt == attempts - 1:
                raise RulesUnreadable(path, exc) from exc
            time.sleep(pause)  # a clash with another program's open lasts milliseconds
    try:
        data = json.loads(text)
    except ValueError as exc:
        _set_aside(path, exc)
        return []
    rules = []
    version = data.get("schema_version", 1) if isinstance(data, dict) else SCHEMA_VERSION
    for raw in data.get("rules", []) if isinstance(data, dict) else []:
        if isinstance(raw, dict) and isinstance(version, int) and version < 2:
            raw = _from_version_1(raw)
        try:
            rules.append(WatchRule.model_validate(raw))
        except ValueError as exc:  # one broken rule must not lose the others
            log.warning("Ignoring a watch rule that cannot be read: %s", exc)
    return rules


def _from_version_1(raw: dict) -> dict:
    """A version-1 rule that processed without an output folder left its results on Pixop: say so."""
    if (raw.get("preset") or raw.get("processing") is not None) and not raw.get("output_folder"):
        return {**raw, "leave_results_on_pixop": True}
    return raw


def _set_aside(path: Path, exc: Exception) -> None:
    log.warning("The watch rules file %s cannot be read (%s); it is kept as .bad", path, exc)
    try:
        os.replace(path, path.with_name(path.name + ".bad"))
    except OSError:
        pass


def save_rules(rules: list[WatchRule], path: Path | None = None) -> None:
    """Write every rule atomically (a crash leaves the old file or the new one)."""
    path = path or rules_path()
    ids = [rule.id for rule in rules]
    if len(set(ids)) != len(ids):
        raise RuleError("Two watch rules have the same id.")
    data = {"schema_version": SCHEMA_VERSION, "rules": [rule.model_dump(mode="json") for rule in rules]}
    write_json_atomically(path, data)


def replace_rule(rules: list[WatchRule], rule: WatchRule) -> list[WatchRule]:
    """The list with ``rule`` in place of the one with its id (appended if new)."""
    out = [rule if r.id == rule.id else r for r in rules]
    return out if any(r.id == rule.id for r in rules) else [*out, rule]


def rule_label(rule_id: str | None, rules: list[WatchRule] | None = None) -> str:
    """Words for "which watched folder made this job" (the queue's column); "" for other jobs."""
    if not rule_id:
        return ""
    for rule in rules if rules is not None else load_rules():
        if rule.id == rule_id:
            return rule.display_name
    return "Watched folder (command line)" if rule_id.startswith("cli-") else "Removed watched folder"
