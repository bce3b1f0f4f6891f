"""The doctor's checks of the app's small files: settings, presets and watch rules.

Each is first read here without side effects (the loaders repair as they read, which a
dry run must not do); only in repair mode is the loader that repairs called.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import ValidationError

from pixop_desktop.presets import damaged_preset_files
from pixop_desktop.settings import Settings, load_settings, migrate, save_settings, settings_path
from pixop_desktop.watch.rules import WatchRule, load_rules, rules_path

from .doctor import Finding, Home, Status

SETTINGS, PRESETS, RULES = "settings", "presets", "watch rules"
BAD_PRESET_SUFFIX = ".bad"


# ----- settings ---------------------------------------------------------------------------

def check_settings(home: Home) -> list[Finding]:
    path = settings_path()
    if not path.exists():
        return [Finding(SETTINGS, Status.OK, f"No settings file yet ({path}); the defaults are in use.")]
    problem = _settings_problem(path)
    if problem is None:
        home.settings = load_settings(path)
        return [Finding(SETTINGS, Status.OK, f"{path} is readable and every value is valid.")]
    if not home.options.repair:
        return [Finding(SETTINGS, Status.PROBLEM,
                        f"{path} {problem}. A normal run keeps it aside and uses the defaults for what "
                        "cannot be read.")]
    before = set(path.parent.glob(path.name + ".bad-*"))
    home.settings = load_settings(path)  # backs the file up and falls back to defaults
    kept = sorted(set(path.parent.glob(path.name + ".bad-*")) - before)
    save_settings(home.settings, path)
    where = f"it was kept as {kept[-1]}" if kept else "it could not be backed up"
    return [Finding(SETTINGS, Status.REPAIRED,
                    f"{path} {problem}; {where}, and the defaults are in use for what could not be read. "
                    "Check your choices in Settings.")]


def _settings_problem(path: Path) -> str | None:
    """Why the settings file cannot be used as it is, or None."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    except UnicodeDecodeError:
        return "is not UTF-8 text (damaged)"
    except ValueError as exc:
        return f"is not valid JSON ({exc})"
    if not isinstance(data, dict):
        return "does not hold settings (not a JSON object)"
    try:
        Settings.model_validate(migrate(data))
    except ValidationError as exc:
        fields = sorted({str(err["loc"][0]) for err in exc.errors() if err["loc"]})
        return f"has values that are not valid ({', '.join(fields) or 'the file as a whole'})"
    except (ValueError, KeyError) as exc:
        return f"cannot be understood ({exc})"
    return None


# ----- presets ----------------------------------------------------------------------------

def check_presets(home: Home) -> list[Finding]:
    damaged = damaged_preset_files()
    if not damaged:
        return [Finding(PRESETS, Status.OK, "Every preset file of yours is readable.")]
    findings = []
    for path, reason in damaged:
        if not home.options.repair:
            findings.append(Finding(PRESETS, Status.PROBLEM,
                                    f"The preset file {path} cannot be read: {reason} It is left out of the "
                                    "presets list; a normal run moves it aside."))
            continue
        target = _free_name(path.with_name(path.name + BAD_PRESET_SUFFIX))
        os.replace(path, target)
        findings.append(Finding(PRESETS, Status.REPAIRED,
                                f"The preset file {path} could not be read ({reason.rstrip('.')}); it was moved "
                                f"aside to {target}. Fix it and import it again with "
                                "'pixop-desktop presets import', or delete it."))
    return findings


def _free_name(path: Path) -> Path:
    candidate, number = path, 2
    while candidate.exists():
        candidate, number = path.with_name(f"{path.name}-{number}"), number + 1
    return candidate


# ----- watch rules ------------------------------------------------------------------------

def check_watch_rules(home: Home) -> list[Finding]:
    path = rules_path()
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return [Finding(RULES, Status.OK, "No watched folders are set up.")]
    except (OSError, ValueError) as exc:
        return [_unreadable_rules(home, path, exc)]
    raw_rules = data.get("rules", []) if isinstance(data, dict) else []
    findings = []
    for raw in raw_rules if isinstance(raw_rules, list) else []:
        try:
            rule = WatchRule.model_validate(raw)
        except ValueError as exc:
            findings.append(Finding(RULES, Status.PROBLEM,
                                    f"A watch rule in {path} cannot be read and is ignored ({_first_line(exc)}). "
                                    "Set that folder up again in the app's Watched folders page."))
            continue
        findings.extend(_rule_places(rule))
    if not findings:
        findings.append(Finding(RULES, Status.OK, f"{len(raw_rules)} watched folder(s): every folder is "
                                                  "readable and every output folder writable."))
    return findings


def _unreadable_rules(home: Home, path: Path, exc: Exception) -> Finding:
    reason = _first_line(exc)
    if not home.options.repair:
        return Finding(RULES, Status.PROBLEM, f"{path} cannot be read ({reason}); no folder is watched. "
                                              "A normal run sets it aside.")
    load_rules(path)  # sets the file aside as .bad
    return Finding(RULES, Status.REPAIRED,
                   f"{path} could not be read ({reason}); it was set aside as {path.name}.bad. Set your "
                   "watched folders up again.")


def _rule_places(rule: WatchRule) -> list[Finding]:
    """The rule's folder must be there and readable, its output folder writable."""
    name, found = rule.display_name, []
    folder = Path(rule.folder)
    if not folder.is_dir():
        found.append(Finding(RULES, Status.PROBLEM,
                             f"The watched folder of “{name}” ({folder}) is not there. Reconnect the drive or "
                             "share, or change the rule."))
    elif not os.access(folder, os.R_OK | os.X_OK):
        found.append(Finding(RULES, Status.PROBLEM,
                             f"The watched folder of “{name}” ({folder}) cannot be read. Give your user "
                             "permission to read it."))
    if rule.output_folder and not _writable(Path(rule.output_folder)):
        found.append(Finding(RULES, Status.PROBLEM,
                             f"The output folder of “{name}” ({rule.output_folder}) cannot be written. Give "
                             "your user permission to write there, or choose another output folder."))
    return found


def _writable(folder: Path) -> bool:
    """The folder, or the nearest folder above it that exists (it is made when needed)."""
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
