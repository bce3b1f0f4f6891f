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

import os
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from pixop_desktop import __version__, paths

from .report import EXPECT_KEYRING_ENV as EXPECT_KEYRING_ENV
from .report import REPORT_FILE as REPORT_FILE
from .report import KEYRING_TIMEOUT, CheckFailed, Report, save



def run_self_test(out: TextIO | None = None, *, check_qt: Callable[[], str]) -> int:
    """Run every check, print the report to ``out`` (stdout by default); 0 if all passed.

    ``check_qt`` is the Qt check: it lives in ui/, so the caller that may reach ui/
    (``commands/self_test``) hands it in and this package stays Qt-free."""
    out = sys.stdout if out is None else out
    report = Report(out)
    started = time.monotonic()
    report.add("INFO", "app", f"Pixop Desktop {__version__}, {_how_running()}, Python {sys.version.split()[0]}")
    report.add("INFO", "files", f"settings in {paths.config_dir()}, logs in {paths.log_dir()}")
    report.run("qt", check_qt)
    report.run("keyring", _check_keyring)
    with tempfile.TemporaryDirectory(prefix="pixop-self-test-") as scratch:
        _journey(report, Path(scratch))
    elapsed = time.monotonic() - started
    if report.failed:
        summary = f"self-test FAILED ({', '.join(report.failed)}) in {elapsed:.1f} s"
    else:
        summary = f"self-test passed in {elapsed:.1f} s"
    report.add("RESULT", "summary", summary)
    save(report)
    return 1 if report.failed else 0


def _how_running() -> str:
    if getattr(sys, "frozen", False):
        return f"frozen bundle at {Path(sys.executable).resolve().parent}"
    return f"from source at {Path(__file__).resolve().parent.parent}"  # the pixop_desktop folder


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
    from .journey import Journey

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
