"""The self-test's report: one line per check, and the failure a check raises.

A leaf of the self-test package: the checks (``selftest``), the journey
(``selftest.journey``) and the Qt check in ``ui/selftest_window`` all use it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from pixop_desktop import paths
from pixop_desktop.errors import UserFacingError

log = logging.getLogger("pixop_desktop.selftest")

EXPECT_KEYRING_ENV = "PIXOP_SELFTEST_EXPECT_KEYRING"
REPORT_FILE = "self-test.txt"
WAIT_SECONDS = 60.0
KEYRING_TIMEOUT = 15.0


class CheckFailed(Exception):
    """A check's own failure, with a message that says what is wrong."""


@dataclass
class Report:
    """Collects one line per check and writes it to ``out`` as it goes."""

    out: TextIO | None
    lines: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def add(self, status: str, name: str, detail: str) -> None:
        line = f"{status:<7} {name}: {detail}"
        self.lines.append(line)
        if status == "FAILED":
            self.failed.append(name)
        log.info("self-test %s", line)
        if self.out is not None:
            print(line, file=self.out, flush=True)

    def run(self, name: str, check: Callable[[], str]) -> bool:
        """Run one check; any exception is that check's failure, never the end of the self-test."""
        try:
            detail = check()
        except Exception as exc:  # every failure is reported, then the next check runs
            log.warning("self-test check %s failed", name, exc_info=True)
            self.add("FAILED", name, describe(exc))
            return False
        self.add("OK", name, detail)
        return True


def save(report: Report) -> None:
    try:
        (paths.log_dir() / REPORT_FILE).write_text("\n".join(report.lines) + "\n", encoding="utf-8")
    except OSError:
        log.warning("could not save the self-test report", exc_info=True)


def describe(exc: BaseException) -> str:
    if isinstance(exc, UserFacingError):
        return f"{exc.title}: {exc.message}"
    if isinstance(exc, CheckFailed):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"
