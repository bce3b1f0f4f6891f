"""Background work for the import dialogs: a runnable with progress and a cancel flag.

Like ui/workers.Worker, but the function also gets ``progress(done, total)`` and
``cancelled()`` (the CRC32C of a large file takes seconds). Signals reach the GUI thread
through queued connections; receivers are ``@Slot`` methods, never lambdas.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from pixop_desktop.ui.workers import describe_error

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    progress = Signal(object, object)      # done, total (ints can exceed 32 bits)
    succeeded = Signal(object)
    failed = Signal(str, str)              # title, message
    finished = Signal()


class ProgressTask(QRunnable):
    """Runs ``fn(progress, cancelled)`` on a pool thread."""

    def __init__(self, fn: Callable[[Callable[[int, int], None], Callable[[], bool]], Any]) -> None:
        super().__init__()
        self._fn = fn
        self._cancel = threading.Event()
        self.signals = TaskSignals()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = self._fn(self.signals.progress.emit, self._cancel.is_set)
        except Exception as exc:  # shown in the dialog as title + message
            log.info("import dialog task failed", exc_info=True)
            self.signals.failed.emit(*describe_error(exc))
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()
