"""The installed PySide6 keeps Python's reference counts straight.

PySide6 6.12.0 returns ``True`` from ``Signal.emit`` and ``None`` from
``QStyleOption.widget`` without a reference; a few hundred calls later the
interpreter aborts ("deallocating True or False"). pyproject.toml excludes that
release; these checks run in a child process so a bad release fails here with
a readable message instead of killing the test run.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

SIGNAL_EMITS = """
    from PySide6.QtCore import QCoreApplication, QObject, Signal
    app = QCoreApplication([])
    class Emitter(QObject):
        fired = Signal()
    emitter = Emitter()
    for _ in range(20_000):
        emitter.fired.emit()
"""

STYLE_OPTION_WIDGET = """
    from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
    app = QApplication([])
    option = QStyleOptionViewItem()
    for _ in range(200_000):
        option.widget
"""


@pytest.mark.parametrize("script", [SIGNAL_EMITS, STYLE_OPTION_WIDGET], ids=["signal-emit", "style-option-widget"])
def test_many_calls_do_not_corrupt_reference_counts(script):
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True,
                          timeout=120, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, f"PySide6 corrupted reference counts: {done.stderr.strip()[-400:]}"
