"""``pixop-desktop --self-test``: the core's checks (``selftest``) plus the Qt check from ui/.

The entry point lives here because commands/ may reach ui/; the checks themselves stay
Qt-free, and Qt is imported only when its check runs, so a broken Qt is a failed check.
"""

from __future__ import annotations

import os
from typing import TextIO

from pixop_desktop import selftest


def run_self_test(out: TextIO | None = None) -> int:
    """Run every check, print the report to ``out`` (stdout by default); 0 if all passed."""
    return selftest.run_self_test(out, check_qt=check_qt)


def check_qt() -> str:
    # A display is "requested" by setting QT_QPA_PLATFORM (xcb, wayland, windows, cocoa).
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pixop_desktop.ui.app.selftest_window import check_qt  # the only door into Qt

    return check_qt()
