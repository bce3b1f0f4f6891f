"""``pixop-desktop --self-test``: prove that this installation works, frozen or not.

A bundle can build fine and still be broken at run time: a Qt plugin left out,
a keyring backend lost (keyring finds them through package metadata), an FFmpeg
library missing, a module uvicorn imports by name. So the self-test does the
real thing, quickly (a few seconds), with nothing outside a temporary folder:

- Qt starts (offscreen unless ``QT_QPA_PLATFORM`` asks for a display), draws a
  widget and loads the app icon (SVG) and the image formats;
- the keyring backend is found and, when there is one, a throw-away secret
  makes a write/read/delete round trip;
- the built-in sandbox starts in this process, and a tiny clip made with PyAV
  goes upload → ingest → process (2x) → download through the API client, and
  the result is checked with PyAV.

One line per check (``OK`` / ``FAILED`` / ``SKIPPED``), then a summary naming
what failed; exit status 0 or 1. The report also goes to ``self-test.txt`` in
the log folder, because a windowed app on Windows has no stdout.

Set ``PIXOP_SELFTEST_EXPECT_KEYRING`` (e.g. ``Secret Service``) to make a
missing or different keyring a failure (CI on Linux does); otherwise "no
keyring" is reported, not failed, since servers legitimately have none.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from pixop_desktop import __version__, paths
from pixop_desktop.errors import UserFacingError

log = logging.getLogger(__name__)

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
            self.add("FAILED", name, _describe(exc))
            return False
        self.add("OK", name, detail)
        return True


def run_self_test(out: TextIO | None = None) -> int:
    """Run every check, print the report to ``out`` (stdout by default); 0 if all passed."""
    out = sys.stdout if out is None else out
    report = Report(out)
    started = time.monotonic()
    report.add("INFO", "app", f"Pixop Desktop {__version__}, {_how_running()}, Python {sys.version.split()[0]}")
    report.add("INFO", "files", f"settings in {paths.config_dir()}, logs in {paths.log_dir()}")
    report.run("qt", _check_qt)
    report.run("keyring", _check_keyring)
    with tempfile.TemporaryDirectory(prefix="pixop-self-test-") as scratch:
        _journey(report, Path(scratch))
    elapsed = time.monotonic() - started
    if report.failed:
        summary = f"self-test FAILED ({', '.join(report.failed)}) in {elapsed:.1f} s"
    else:
        summary = f"self-test passed in {elapsed:.1f} s"
    report.add("RESULT", "summary", summary)
    _save(report)
    return 1 if report.failed else 0


def _how_running() -> str:
    if getattr(sys, "frozen", False):
        return f"frozen bundle at {Path(sys.executable).resolve().parent}"
    return f"from source at {Path(__file__).resolve().parent}"


def _check_qt() -> str:
    # A display is "requested" by setting QT_QPA_PLATFORM (xcb, wayland, windows, cocoa).
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pixop_desktop.ui.app.selftest_window import check_qt  # the only door into Qt

    return check_qt()


def _check_keyring() -> str:
    from pixop_desktop.credentials import CredentialStore

    store = CredentialStore("https://self-test.invalid")
    name = store.backend_name
    expected = os.environ.get(EXPECT_KEYRING_ENV, "").strip()
    backend = f"{type(store.backend).__module__}.{type(store.backend).__name__}"
    if expected and name != expected:
        raise CheckFailed(f"expected the {expected} keyring, found {name} ({backend})")
    if not store.keyring_available:
        return f"no keyring ({backend}); credentials come from the environment or 'this session only'"
    _with_timeout(_keyring_round_trip, store, timeout=KEYRING_TIMEOUT, what=f"the {name}")
    return f"{name} ({backend}): write, read and delete of a test secret worked"


def _keyring_round_trip(store) -> None:
    secret = uuid.uuid4().hex
    store.save(email="self-test@pixop.invalid", password=secret)
    try:
        loaded = store.load()
        if loaded.password != secret:
            raise CheckFailed("a secret written to the keyring did not read back")
    finally:
        store.delete()


def _with_timeout(fn, *args, timeout: float, what: str) -> None:
    """Run ``fn`` on a daemon thread: a keyring waiting for an unlock prompt must not hang the test."""
    outcome: list[BaseException | None] = []

    def target() -> None:
        try:
            fn(*args)
            outcome.append(None)
        except BaseException as exc:  # handed to the caller's thread
            outcome.append(exc)

    worker = threading.Thread(target=target, name="self-test-keyring", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise CheckFailed(f"{what} did not answer within {timeout:.0f} s (locked, waiting for a prompt?)")
    if outcome[0] is not None:
        raise outcome[0]


def _journey(report: Report, scratch: Path) -> None:
    """Clip → sandbox → upload → ingest → process → download → check; stops at the first failure."""
    from pixop_desktop.selftest_journey import Journey

    journey = Journey(scratch)
    try:
        ok = True
        for name, step in journey.steps():
            if not ok:
                report.add("SKIPPED", name, "an earlier step failed")
                continue
            ok = report.run(name, step)
    finally:
        journey.close()


def _save(report: Report) -> None:
    try:
        (paths.log_dir() / REPORT_FILE).write_text("\n".join(report.lines) + "\n", encoding="utf-8")
    except OSError:
        log.warning("could not save the self-test report", exc_info=True)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, UserFacingError):
        return f"{exc.title}: {exc.message}"
    if isinstance(exc, CheckFailed):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"
