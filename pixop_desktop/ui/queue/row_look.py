"""How a queue row looks beyond its words: a failed row looks failed, a row waiting for a
server that went away says so, and every cell that may be cut off has its full text as a tooltip.

Colours come from ``ui/colors`` (a light and a dark shade each, chosen by the palette in use).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from pixop_desktop.jobs.model import Job, State
from pixop_desktop.services.words import SERVER_LOST
from pixop_desktop.ui.colors import colour

NAME, STAGE, PROGRESS, SPEED, ETA, SIZE, RESULT, ORIGIN = range(8)  # as in model.py


def waits_for_server(job: Job) -> bool:
    """Rows a lost server holds up: those still to be sent, processed or fetched (paused ones wait for
    the person, not for Pixop)."""
    return job.state in (State.QUEUED, State.RUNNING)


def server_lost_text() -> str:
    return QCoreApplication.translate("Queue", SERVER_LOST)


def _icon(pixmap: QStyle.StandardPixmap) -> QIcon | None:
    style = QApplication.style()  # None without a widget application (a model on its own)
    return None if style is None else style.standardIcon(pixmap)


def decoration(job: Job, column: int, server_lost: bool) -> QIcon | None:
    """An icon before the name: an error sign on a failed row, a warning while Pixop cannot be reached."""
    if column != NAME:
        return None
    if job.state is State.FAILED:
        return _icon(QStyle.StandardPixmap.SP_MessageBoxCritical)
    if server_lost and waits_for_server(job):
        return _icon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    return None


def foreground(job: Job, column: int, server_lost: bool) -> QBrush | None:
    """The words of a failed row's Stage and Result in the palette's problem colour."""
    if job.state is State.FAILED and column in (STAGE, RESULT, PROGRESS):
        return QBrush(QColor(colour("problem")))
    if server_lost and waits_for_server(job) and column == STAGE:
        return QBrush(QColor(colour("warning")))
    return None


def tooltip(job: Job, column: int, shown: str, server_lost: bool) -> str | None:
    """The full text of a cell (columns are narrow at 1024 px), with more where there is more."""
    if column == NAME:
        return job.source.path or job.source.url or job.source.object_key or shown or None
    if column == STAGE and server_lost and waits_for_server(job):
        return QCoreApplication.translate(
            "Queue", "Pixop does not answer. The video goes on where it stopped once the connection is back.")
    if column == RESULT and job.error and job.state in (State.FAILED, State.CANCELLED, State.QUEUED):
        return f"{job.error.title}\n{job.error.message}"
    if column == RESULT and job.output_path:
        return job.output_path
    return shown or None


def look(role: int, job: Job, column: int, shown: str, server_lost: bool):
    """The cell's value for a role this module answers (None otherwise)."""
    if role == Qt.ItemDataRole.DecorationRole:
        return decoration(job, column, server_lost)
    if role == Qt.ItemDataRole.ForegroundRole:
        return foreground(job, column, server_lost)
    if role == Qt.ItemDataRole.ToolTipRole:
        return tooltip(job, column, shown, server_lost)
    return None
