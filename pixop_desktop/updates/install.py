"""Which folder this copy of the app runs from, and whether it may update itself there.

A frozen bundle lives in one folder (Linux, Windows) or one ``.app`` (macOS); an update replaces
that folder. A copy installed by the system (the .deb in /opt) is not writable by the person and
is updated by the system's package manager instead; a checkout run from source updates with git.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from pixop_desktop import __version__, paths


@dataclass(frozen=True)
class Installation:
    folder: Path  # what an update replaces: the bundle folder, or the .app on macOS
    program: Path  # the program to start again after an update
    version: str

    @property
    def writable(self) -> bool:
        """Can the person replace the folder (rename it aside and put the new one in its place)?"""
        return os.access(self.folder, os.W_OK) and os.access(self.folder.parent, os.W_OK)

    @property
    def system_managed(self) -> bool:
        """Installed by a package manager (the .deb puts us in /opt): updates come from there."""
        return not self.writable


def current_installation() -> Installation | None:
    """This copy, when it is a frozen bundle; None when running from source (nothing to replace)."""
    if not getattr(sys, "frozen", False):
        return None
    program = Path(sys.executable).resolve()
    folder = program.parent
    if sys.platform == "darwin" and folder.name == "MacOS" and folder.parent.name == "Contents":
        folder = folder.parent.parent  # …/Pixop Desktop.app/Contents/MacOS/pixop-desktop
    return Installation(folder=folder, program=program, version=__version__)


def shipped_root_metadata() -> Path | None:
    """The update server's trusted ``root.json`` that came with this copy (``resources/update-root.json``,
    put there by whoever publishes releases; see docs/releasing.md), or None: no updates in this build."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    root = base / "resources" / "update-root.json"
    return root if root.is_file() else None


def state_dir() -> Path:
    """The updater's folder in the app's data folder: trusted metadata, downloads, the staged update."""
    return paths.data_dir() / "updates"
