"""A finished video, opened for the person: Play it with the system's player, or show its file in
the file manager with the file selected where the system allows it.

Windows: ``explorer /select,FILE``; macOS: ``open -R FILE``; elsewhere there is no common way to
select a file, so the folder opens. Everything goes through ``QDesktopServices`` or a detached
process: nothing here waits.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QProcess, QUrl
from PySide6.QtGui import QDesktopServices

from pixop_desktop.jobs.model import Job, State


def finished_file(job: Job) -> Path | None:
    """The downloaded result of a finished job, if it is still there."""
    if job.state is not State.DONE or not job.output_path:
        return None
    path = Path(job.output_path)
    return path if path.is_file() else None


def play(path: Path) -> bool:
    """Open the video with the system's default player."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_in_folder(path: Path) -> bool:
    """Show the file in the file manager: selected on Windows and macOS, its folder elsewhere."""
    if sys.platform == "win32":
        return QProcess.startDetached("explorer.exe", [f"/select,{path}"])[0]
    if sys.platform == "darwin":
        return QProcess.startDetached("open", ["-R", str(path)])[0]
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
