"""Finding the built bundle and running its program (shared by the frozen-app tests)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROGRAM_ENV = "PIXOP_BUNDLE_PROGRAM"


def bundle_program() -> Path:
    """``$PIXOP_BUNDLE_PROGRAM``, or the program `make bundle` builds for this platform."""
    if os.environ.get(PROGRAM_ENV):
        return Path(os.environ[PROGRAM_ENV])
    if sys.platform == "darwin":
        return ROOT / "dist" / "Pixop Desktop.app" / "Contents" / "MacOS" / "pixop-desktop"
    if sys.platform == "win32":
        return ROOT / "dist" / "pixop-desktop" / "pixop-desktop-cli.exe"
    return ROOT / "dist" / "pixop-desktop" / "pixop-desktop"


@pytest.fixture
def frozen_program() -> Path:
    program = bundle_program()
    if not program.is_file():
        pytest.skip(f"the app bundle is not built ({program} is missing): run `make bundle` "
                    "(`make test` builds it first)")
    return program


def frozen_env(home: Path, **extra: str) -> dict[str, str]:
    """The test's environment for the frozen program, with its own app home."""
    env = dict(os.environ, PIXOP_DESKTOP_HOME=str(home), **extra)
    env.pop("PYTHONPATH", None)  # the bundle must not lean on this checkout
    return env


needs_secret_service = pytest.mark.skipif(
    not os.environ.get("DBUS_SESSION_BUS_ADDRESS"),
    reason="no D-Bus session: run through `make test` (scripts/with-test-session.sh) for the real keyring")
needs_display = pytest.mark.skipif(
    sys.platform != "linux" or not os.environ.get("DISPLAY"),
    reason="no X display: run through `make test` (scripts/with-test-session.sh starts Xvfb)")
