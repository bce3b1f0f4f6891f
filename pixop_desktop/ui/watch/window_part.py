"""The Watched folders tab of the main window, and the saved rules running while the window is open.

``WatchedFolders`` adds the page to the window's tabs, keeps the queue's "Made by"
column and the running rules in step with it, gives the rule dialog the team's
projects (``projects_changed``), and reports what the watchers did in the status
bar and, for a file that failed before becoming a job, the tray.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QMainWindow

from pixop_desktop.ui.watch.folder_watching import FolderWatching, failure_notification, status_text
from pixop_desktop.ui.watch.page import WatchPage
from pixop_desktop.watch.watcher import EventKind


class WatchedFolders(QObject):
    def __init__(self, window: QMainWindow, tray, parent: QObject | None = None) -> None:
        """``window`` is the MainWindow; ``tray`` its TrayController."""
        super().__init__(parent)
        self.window, self.tray = window, tray
        self.page = WatchPage(window.store, parent=window)
        window.tabs.addTab(self.page, self.tr("&Watched folders"))
        self.page.rulesChanged.connect(window.queue_model.set_rules)  # the "Made by" column
        window.projects_changed.connect(self.page.set_projects)
        # Files told unreadable in the tray: a rule restarted by an edit finds them again, and a file
        # that stays locked is worth one notification, not one per restart. Forgotten once it is sent.
        self._told_unreadable: set[tuple[str, str]] = set()
        # The saved rules run while the window is open (jobs wait in the queue until connected).
        self.folder_watching = FolderWatching(window.store, self.page.rules(), self)
        self.page.rulesChanged.connect(self.folder_watching.set_rules)
        self.folder_watching.event.connect(self._watch_event)
        self.folder_watching.start()

    @Slot(object)
    def _watch_event(self, event) -> None:
        rule = next((r for r in self.page.rules() if r.id == event.rule_id), None)
        name = rule.display_name if rule is not None else event.rule_id
        text = status_text(event, name)
        if text:
            self.window.show_status(text)
        note = failure_notification(event, name)  # a file that failed without ever becoming a job
        if self._already_told(event):
            return
        if note is not None and self.tray.settings.notify_on_failure:
            self.tray.show_notification(note)

    def _already_told(self, event) -> bool:
        """True for a file already told unreadable in the tray (see ``__init__``)."""
        key = (event.rule_id, event.rel_path)
        if event.kind in (EventKind.SUBMITTED, EventKind.DUPLICATE):  # it could be opened after all
            self._told_unreadable.discard(key)
        if event.kind is not EventKind.UNREADABLE:
            return False
        if key in self._told_unreadable:
            return True
        self._told_unreadable.add(key)
        return False

    def runner_started(self, runner) -> None:
        """A (re)connected runner: a rule's finished job is followed up at once (Done/, Failed/)."""
        self.folder_watching.attach_runner(runner)

    def runner_stopping(self) -> None:
        self.folder_watching.detach_runner()

    def shutdown(self) -> None:
        self.folder_watching.shutdown()
