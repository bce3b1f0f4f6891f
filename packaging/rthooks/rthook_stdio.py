"""PyInstaller runtime hook: give a windowed app (no console) harmless stdout/stderr.

A windowed build on Windows (and a macOS .app started from Finder) runs with
``sys.stdout``/``sys.stderr`` set to None; a stray ``print(file=sys.stderr)``
or a logging StreamHandler would then raise. Writes go to the null device
instead; the log file and ``self-test.txt`` in the log folder keep what matters.
"""

import os
import sys

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the app
