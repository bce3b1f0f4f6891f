"""Background work for the GUI: a QRunnable plus a signals object (after superqt).

The signals object is created in the GUI thread, so its signals reach
receivers there through queued connections. Receivers are ``@Slot`` methods
of QObjects in the GUI thread — never lambdas, which would run in the worker
thread. Every worker carries a ``tag`` so a receiver can drop results that
arrived after the request they answer was superseded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Signal

from pixop_desktop.errors import UserFacingError

log = logging.getLogger(__name__)


def describe_error(exc: BaseException) -> tuple[str, str]:
    """A (title, message) pair for people; our errors (``UserFacingError``) already carry them."""
    if isinstance(exc, UserFacingError):
        return exc.title, exc.message
    return (QCoreApplication.translate("Workers", "Something went wrong"),
            f"{type(exc).__name__}: {exc}")


class WorkerSignals(QObject):
    """What a worker reports: ``succeeded(tag, result)`` or ``failed(tag, title, message)``, then ``finished(tag)``."""

    succeeded = Signal(object, object)
    failed = Signal(object, str, str)
    finished = Signal(object)


class Worker(QRunnable):
    """Runs ``fn(*args)`` on a pool thread and reports through :attr:`signals`."""

    def __init__(self, tag: Any, fn: Callable[..., Any], *args: Any) -> None:
        super().__init__()
        self.tag = tag
        self._fn = fn
        self._args = args
        self.signals = WorkerSignals()
        self.setAutoDelete(False)  # the owner keeps it until finished()

    def run(self) -> None:
        try:
            result = self._fn(*self._args)
        except Exception as exc:  # reported to the GUI, which shows it as title + message
            log.info("background task %r failed", self.tag, exc_info=True)
            title, message = describe_error(exc)
            self.signals.failed.emit(self.tag, title, message)
        else:
            self.signals.succeeded.emit(self.tag, result)
        finally:
            self.signals.finished.emit(self.tag)
