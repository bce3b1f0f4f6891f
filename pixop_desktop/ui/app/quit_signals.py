"""Quit the app the normal way on SIGTERM / SIGINT (logout, ``kill``, Ctrl+C in a terminal).

Python runs signal handlers only when the interpreter gets control, which a
Qt event loop busy in C++ never gives it. So the signal also writes a byte
into a socket (``signal.set_wakeup_fd``) that a QSocketNotifier watches: that
wakes Python, the handler closes any open dialog (a dialog's ``exec`` runs its
own event loop, which ``quit`` does not end: the first-run welcome, a message
box) and asks the main event loop to quit; ``run_gui`` then shuts the window
down and stops the sandbox as after File → Quit.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
import threading
from collections.abc import Iterator

from PySide6.QtCore import QCoreApplication, QSocketNotifier
from PySide6.QtWidgets import QApplication, QDialog

log = logging.getLogger(__name__)

SIGNALS = tuple(sig for sig in (getattr(signal, "SIGTERM", None), signal.SIGINT) if sig is not None)


@contextlib.contextmanager
def quit_on_signals(app: QCoreApplication) -> Iterator[None]:
    """While inside, SIGTERM and SIGINT make ``app`` quit; handlers are restored afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals can only be handled on the main thread
        return
    reader, writer = socket.socketpair()
    for end in (reader, writer):
        end.setblocking(False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda *_: _drain(reader))

    def handle(signum, _frame) -> None:
        log.info("received %s: quitting", signal.Signals(signum).name)
        _close_dialogs(app)
        app.quit()

    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    previous = {sig: signal.signal(sig, handle) for sig in SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        notifier.deleteLater()
        reader.close()
        writer.close()


def _close_dialogs(app: QCoreApplication) -> None:
    """Reject every open dialog, innermost first, so each nested ``exec`` returns."""
    if not isinstance(app, QApplication):
        return
    dialogs = [w for w in app.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    active = app.activeModalWidget()
    dialogs.sort(key=lambda dialog: dialog is not active)  # the active modal one first
    for dialog in dialogs:
        dialog.reject()


def _drain(reader: socket.socket) -> None:
    """Empty the wake-up socket; running any Python here lets the pending handler run."""
    with contextlib.suppress(BlockingIOError, OSError):
        while reader.recv(64):
            pass
