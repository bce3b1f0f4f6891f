"""``pixop-desktop doctor``: check the app's own files and connections, repair what can be
repaired, and say in plain words what was done and what is left to the person.

Each check is a small function returning :class:`Finding` s — which check, how it stands
(ok / repaired / warning / problem) and one sentence with the next step. Nothing here asks a
question or prints: the command line (``commands/doctor.py``) and, one day, the window show
the findings. With ``repair=False`` (``--dry-run``) no file is changed; what would be repaired
is reported as a problem saying what a normal run would do.

Repairs never delete a person's data: a damaged file is moved aside under a name that says
so, and leftover partial downloads are only listed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from pixop_desktop.settings import Settings

log = logging.getLogger(__name__)


class Status(StrEnum):
    OK = "ok"
    REPAIRED = "repaired"
    WARNING = "warning"  # worth knowing, nothing is broken (a missing keyring on a server, a clock off)
    PROBLEM = "problem"  # still wrong: the person has to act (or run without --dry-run)


@dataclass(frozen=True)
class Finding:
    check: str
    status: Status
    message: str


@dataclass(frozen=True)
class DoctorOptions:
    repair: bool = True
    network: bool = True
    server: str | None = None  # --server; else PIXOP_SERVER, else the settings'
    team: str | None = None


@dataclass
class Home:
    """What one check learns that a later one needs (the settings in force)."""

    options: DoctorOptions
    settings: Settings = field(default_factory=Settings)


@dataclass
class Report:
    findings: list[Finding]
    repair: bool

    @property
    def ok(self) -> bool:
        """Nothing is left for the person to do (repaired counts as fine)."""
        return not any(finding.status is Status.PROBLEM for finding in self.findings)

    def to_json(self) -> dict:
        return {"ok": self.ok, "dryRun": not self.repair,
                "checks": [{"check": f.check, "status": f.status.value, "message": f.message}
                           for f in self.findings]}


Check = Callable[[Home], list[Finding]]


def checks() -> list[tuple[str, Check]]:
    """Every check, in the order they run: the settings first, since the others use them."""
    from . import doctor_files, doctor_server, doctor_store

    return [
        (doctor_files.SETTINGS, doctor_files.check_settings),
        (doctor_store.STORE, doctor_store.check_store),
        (doctor_files.PRESETS, doctor_files.check_presets),
        (doctor_files.RULES, doctor_files.check_watch_rules),
        (doctor_server.KEYRING, doctor_server.check_keyring),
        (doctor_server.SERVER, doctor_server.check_server),
    ]


def run_doctor(options: DoctorOptions, on_finding: Callable[[Finding], None] | None = None) -> Report:
    """Run every check; ``on_finding`` hears each finding as soon as it is known (a full
    integrity check or an unanswering server takes a while)."""
    home, findings = Home(options), []
    for name, check in checks():
        for finding in _run_one(name, check, home):
            findings.append(finding)
            if on_finding is not None:
                on_finding(finding)
    return Report(findings, options.repair)


def _run_one(name: str, check: Check, home: Home) -> list[Finding]:
    """One check; a check that breaks becomes a problem of its own, never the end of the doctor."""
    try:
        return check(home)
    except Exception as exc:  # the doctor must report every other check whatever one of them hits
        log.exception("doctor check %s failed", name)
        return [Finding(name, Status.PROBLEM,
                        f"The check itself failed ({type(exc).__name__}: {exc}); the log has the details.")]
