"""What the window says about the queue as a whole: Pause Everything, and a server that went away.

Pause Everything is a banner with Resume (a menu tick alone is easy to miss, and then nothing
seems to happen for no reason). A lost server replaces "Connected" in the header and marks the
rows still waiting for Pixop, within seconds (``ConnectionWatch``); recovery clears both.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from pixop_desktop.ui.window.banners import PausedBanner
from pixop_desktop.ui.window.connection_watch import ConnectionWatch


class QueueStatus(QObject):
    def __init__(self, window) -> None:
        """``window`` is the MainWindow (not imported: it imports this module)."""
        super().__init__(window)
        self.window = window
        self.paused_banner = PausedBanner()
        self.paused_banner.resume_button.clicked.connect(self.resume_everything)
        self.watch = ConnectionWatch(window.server.url, window.tasks, self)
        self.watch.changed.connect(self._reachability_changed)

    # ----- Pause Everything ---------------------------------------------------------------------

    @Slot()
    def toggle_pause_all(self) -> None:
        """Queue → Pause Everything (a checkable action): the banner follows the tick."""
        paused = self.window.pause_all_action.isChecked()
        runner = self.window.runner
        if runner is not None:
            runner.pause_queue() if paused else runner.resume_queue()
        if paused:
            self.paused_banner.show_paused()
        else:
            self.paused_banner.hide()

    @Slot()
    def resume_everything(self) -> None:
        """The banner's Resume: the same as unticking Queue → Pause Everything."""
        self.window.pause_all_action.setChecked(False)
        self.toggle_pause_all()
        self.window.show_status(self.tr("Resumed: videos are sent and fetched again."))

    # ----- the connection -----------------------------------------------------------------------

    def runner_started(self) -> None:
        self.watch.start()

    def runner_stopped(self) -> None:
        self.watch.stop()

    @Slot(bool)
    def _reachability_changed(self, reachable: bool) -> None:
        self.window.account_bar.show_reachable(reachable)
        self.window.queue_model.set_server_lost(not reachable)
        if reachable:
            self.window.show_status(self.tr("Pixop can be reached again; the videos go on."))
