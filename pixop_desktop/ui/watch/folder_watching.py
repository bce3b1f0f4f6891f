"""The app's watched folders: the Watched folders page's rules, applied while the window is open.

The Qt-free ``WatchService`` does the work on its own threads (one per active
rule, one shared file-system observer). This object owns it for the window:

- it starts with the window and applies every saved rule that is not paused;
- the page's ``rulesChanged`` (a rule added, edited, paused, removed — already
  saved) goes to ``set_rules``: changed rules restart, paused or removed ones stop;
- while the window has a runner it listens to the runner's job events, so a
  finished job's source moves to ``Done/`` (or ``Failed/``) at once;
- every ``WatchEvent`` becomes the ``event`` signal on the GUI thread (the
  status bar says what a folder just sent or refused).

Jobs it makes go into the same store as drops; the window's runner runs them
once connected, and the headless ``watch`` command sees the same ledger.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal

from pixop_desktop.jobs.store import JobStore
from pixop_desktop.notify import Notification
from pixop_desktop.watch.rules import WatchRule
from pixop_desktop.watch.service import WatchService
from pixop_desktop.watch.watcher import EventKind, WatchEvent

log = logging.getLogger(__name__)


class FolderWatching(QObject):
    """Runs the saved watch rules for the window; ``shutdown()`` joins every watcher thread."""

    event = Signal(object)  # WatchEvent; emitted from watcher threads, delivered queued on the GUI thread

    def __init__(self, store: JobStore, rules: Iterable[WatchRule], parent: QObject | None = None, *,
                 use_events: bool = True) -> None:
        super().__init__(parent)
        self.service = WatchService(store, rules, on_event=self._emit, use_events=use_events)
        self._unsubscribe: Callable[[], None] | None = None
        self._running = False

    def start(self) -> None:
        if not self._running:
            self.service.start()
            self._running = True

    def set_rules(self, rules: Iterable[WatchRule]) -> None:
        self.service.set_rules(list(rules))

    def attach_runner(self, runner) -> None:
        """Follow this runner's jobs (a reconnect makes a new runner: the old one is let go)."""
        self.detach_runner()
        self._unsubscribe = self.service.attach(runner.events, client=runner.client)

    def detach_runner(self) -> None:
        unsubscribe, self._unsubscribe = self._unsubscribe, None
        if unsubscribe is not None:
            unsubscribe()

    def shutdown(self) -> None:
        """Stop and join the watcher threads (nothing is lost: the ledger and the queue hold it all)."""
        self.detach_runner()
        if self._running:
            self._running = False
            self.service.stop()

    def _emit(self, event: WatchEvent) -> None:
        if self._running:
            self.event.emit(event)


# Marked for lupdate; translated in status_text.
_STATUS = {
    EventKind.SUBMITTED: QT_TRANSLATE_NOOP("FolderWatching", "Watched folder {folder}: sending {file}"),
    EventKind.DONE: QT_TRANSLATE_NOOP("FolderWatching", "Watched folder {folder}: {file} is done"),
    EventKind.FAILED: QT_TRANSLATE_NOOP("FolderWatching", "Watched folder {folder}: {file} failed — {why}"),
    EventKind.DUPLICATE: QT_TRANSLATE_NOOP("FolderWatching",
                                           "Watched folder {folder}: {file} was sent before; not sent again"),
    EventKind.FOUND: QT_TRANSLATE_NOOP("FolderWatching",
                                       "Watched folder {folder}: {file} is on Pixop already; not sent again"),
    EventKind.CLAIMED: QT_TRANSLATE_NOOP("FolderWatching",
                                         "Watched folder {folder}: {file} is being sent by another computer"),
    EventKind.SUPERSEDED: QT_TRANSLATE_NOOP("FolderWatching",
                                            "Watched folder {folder}: {file} changed after it was sent; "
                                            "sending the new version"),
    EventKind.UNREADABLE: QT_TRANSLATE_NOOP("FolderWatching",
                                            "Watched folder {folder}: {file} cannot be opened; "
                                            "it is tried again at every scan"),
}


def status_text(event: WatchEvent, folder_name: str) -> str | None:
    """What the status bar says about a watch event, or None for the quiet ones."""
    source = _STATUS.get(event.kind)
    if source is None:
        return None
    return QCoreApplication.translate("FolderWatching", source).format(
        folder=folder_name, file=event.rel_path, why=event.detail)


def failure_notification(event: WatchEvent, folder_name: str) -> Notification | None:
    """The tray notification for a file a watched folder could not send (not a video, unreadable, a
    rule that cannot be used), or None. Only failures without a job: a job that fails is told by the
    tray's own batch notification already, and telling it twice would be noise.

    A settled file that cannot be opened stays where it is and is tried again at every scan; the
    watcher says so once per version of the file, and the window once per file (``WatchedFolders``)."""
    if event.kind is EventKind.UNREADABLE:
        title = QCoreApplication.translate("FolderWatching", "Watched folder {folder}: {file} cannot be opened"
                                           ).format(folder=folder_name, file=event.rel_path)
        message = QCoreApplication.translate("FolderWatching", "Check its permissions, or whether another "
                                             "program holds it locked. It is tried again at every scan.")
        return Notification(title, message, True)
    if event.kind is not EventKind.FAILED or event.job_id is not None:
        return None
    title = QCoreApplication.translate("FolderWatching", "Watched folder {folder}: {file} was not sent").format(
        folder=folder_name, file=event.rel_path)
    message = QCoreApplication.translate("FolderWatching", "{why} Its Recent activity on the Watched "
                                         "folders page says more.").format(why=event.detail)
    return Notification(title, message, True)
