"""The tray: an icon showing overall progress, one notification per finished batch, and the
"keep working in the tray or stop?" question when the window closes while work runs.

The batch logic is :class:`pixop_desktop.notify.BatchTracker` (no Qt); it gives counts, and
the words are made here with ``tr()`` and "%n" plurals, so they can be translated. The window
forwards the runner's job changes and progress to :meth:`TrayController.job_changed` /
:meth:`TrayController.progress` in the GUI thread, and jobs removed from the queue to
:meth:`TrayController.jobs_removed`.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QObject, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QCheckBox, QMenu, QMessageBox, QSystemTrayIcon, QWidget

from pixop_desktop.jobs.model import Job, Progress
from pixop_desktop.notify import (ApprovalWait, BatchEvent, BatchSummary, BatchTracker, Notification,
                                  wants_notification)
from pixop_desktop.settings import CloseWhileWorking, Settings
from pixop_desktop.ui.resources import app_icon

ICON_SIZE = 64


_APP_ICON: list[QIcon] = []  # found and loaded once: the ring is redrawn as often as the percent moves


def progress_icon(percent: float | None, base: QIcon | None = None) -> QIcon:
    """The app icon with a progress ring round it (no ring when idle)."""
    if base is None:
        if not _APP_ICON:
            _APP_ICON.append(app_icon())
        base = _APP_ICON[0]
    pixmap = QPixmap(ICON_SIZE, ICON_SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    base.paint(painter, 8, 8, ICON_SIZE - 16, ICON_SIZE - 16)
    if percent is not None:
        ring = QRectF(3, 3, ICON_SIZE - 6, ICON_SIZE - 6)
        painter.setPen(QPen(QColor(0, 0, 0, 60), 5))
        painter.drawEllipse(ring)
        painter.setPen(QPen(QColor("#1e88e5"), 5))
        painter.drawArc(ring, 90 * 16, -int(max(0.0, min(100.0, percent)) * 360 * 16 / 100))
    painter.end()
    return QIcon(pixmap)


class TrayController(QObject):
    """Owns the tray icon; ``show_window_requested`` / ``quit_requested`` come from its menu."""

    show_window_requested = Signal()
    quit_requested = Signal()
    notified = Signal(object)  # the Notification just shown (tests, the main window's status bar)

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.tracker = BatchTracker()
        self.icon = QSystemTrayIcon(progress_icon(None), self)
        self.icon.setToolTip(self.tr("Pixop Desktop"))
        self.menu = QMenu()
        self.show_action = QAction(self.tr("&Show Pixop Desktop"), self.menu)
        self.quit_action = QAction(self.tr("&Quit"), self.menu)
        self.menu.addAction(self.show_action)
        self.menu.addAction(self.quit_action)
        self.icon.setContextMenu(self.menu)
        self.show_action.triggered.connect(self.show_window_requested)
        self.quit_action.triggered.connect(self.quit_requested)
        self.icon.activated.connect(self._on_activated)
        self.last_percent: float | None = None

    @property
    def available(self) -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        if self.available:
            self.icon.show()

    def set_settings(self, settings: Settings) -> None:
        self.settings = settings

    @Slot(object)
    def job_changed(self, job: Job) -> None:
        self._tell(self.tracker.job_changed(job))

    def jobs_removed(self, job_ids) -> None:
        """Jobs removed from the queue leave the batch (it may end with them gone)."""
        self._tell(self.tracker.forget(job_ids))

    def _tell(self, event: BatchEvent | None) -> None:
        self._refresh()
        if event is not None and wants_notification(event, when_done=self.settings.notify_when_done,
                                                    on_failure=self.settings.notify_on_failure):
            self.show_notification(self.notification_for(event))

    def notification_for(self, event: BatchEvent) -> Notification:
        """The words for a finished batch or for videos waiting for approval."""
        if isinstance(event, ApprovalWait):
            return Notification(
                self.tr("%n video(s) wait for your approval", "", event.count),
                self.tr("Open Pixop Desktop to check the cost and approve or reject."), False)
        return self._batch_notification(event)

    def _batch_notification(self, summary: BatchSummary) -> Notification:
        if summary.failed:
            names = ", ".join(summary.failed_names[:3]) + ("…" if len(summary.failed_names) > 3 else "")
            title = (self.tr("%n video(s) failed", "", summary.failed) if summary.failed == summary.total else
                     self.tr("{failed} of %n video(s) failed", "", summary.total).format(failed=summary.failed))
            return Notification(
                title, self.tr("Failed: {names}. Open Pixop Desktop to see why and retry.").format(names=names), True)
        message = self.tr("Pixop has finished. Open Pixop Desktop to see the results.")
        if summary.done == summary.total:
            return Notification(self.tr("All %n video(s) are ready", "", summary.done), message, False)
        return Notification(
            self.tr("{done} of %n video(s) are ready", "", summary.total).format(done=summary.done),
            self.tr("%n video(s) were cancelled.", "", summary.cancelled), False)

    @Slot(int, object)
    def progress(self, job_id: int, progress: Progress) -> None:
        self.progress_of({job_id: progress})

    def progress_of(self, progress: dict[int, Progress]) -> None:
        """Counters of several jobs at once (a queue tick's): the icon is redrawn once."""
        for job_id, counters in progress.items():
            self.tracker.progress(job_id, counters)
        self._refresh()

    def show_notification(self, note: Notification) -> None:
        kind = QSystemTrayIcon.MessageIcon.Warning if note.is_problem else QSystemTrayIcon.MessageIcon.Information
        if self.available and self.icon.isVisible() and QSystemTrayIcon.supportsMessages():
            self.icon.showMessage(note.title, note.message, kind, 10_000)
        if self.settings.notify_sound:
            QApplication.beep()
        self.notified.emit(note)

    def _refresh(self) -> None:
        percent = self.tracker.overall_percent() if self.tracker.active else None  # no ring while waiting
        rounded = None if percent is None else round(percent)
        if rounded == self.last_percent:
            return
        self.last_percent = rounded
        self.icon.setIcon(progress_icon(rounded))
        if rounded is None:
            self.icon.setToolTip(self.tr("Pixop Desktop"))
        else:
            self.icon.setToolTip(self.tr("Pixop Desktop — %n video(s) in progress, {percent} %", "",
                                         self.tracker.active_count).format(percent=rounded))

    @Slot(QSystemTrayIcon.ActivationReason)
    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.show_window_requested.emit()


class CloseChoice(Enum):
    KEEP_IN_TRAY = "keep_in_tray"
    STOP = "stop"
    CANCEL = "cancel"   # do not close


class CloseQuestion(QMessageBox):
    """"Videos are still being worked on": keep working in the tray, stop and quit, or cancel."""

    def __init__(self, active: int, tray_available: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Videos are still being worked on"))
        self.setText(self.tr("%n video(s) are still being sent, processed or fetched.", "", active))
        self.setInformativeText(self.tr(
            "Keep working in the tray and Pixop Desktop finishes them in the background, or stop now; "
            "stopped videos continue where they left off the next time you start the app."))
        self.keep_button = self.addButton(self.tr("&Keep working in the tray"), QMessageBox.ButtonRole.AcceptRole)
        self.keep_button.setAccessibleName(self.tr("Keep working in the tray"))
        self.keep_button.setEnabled(tray_available)
        self.stop_button = self.addButton(self.tr("&Stop and quit"), QMessageBox.ButtonRole.DestructiveRole)
        self.stop_button.setAccessibleName(self.tr("Stop and quit"))
        # Not "Cancel": next to videos being sent it could read as "cancel the videos".
        self.cancel_button = self.addButton(self.tr("&Don't close"), QMessageBox.ButtonRole.RejectRole)
        self.cancel_button.setAccessibleName(self.tr("Don't close; keep the window open"))
        self.setEscapeButton(self.cancel_button)
        self.remember_check = QCheckBox(self.tr("&Remember my choice"))
        self.remember_check.setAccessibleName(self.tr("Remember my choice"))
        self.setCheckBox(self.remember_check)
        self.setDefaultButton(self.keep_button if tray_available else self.stop_button)

    def choice(self) -> CloseChoice:
        clicked = self.clickedButton()
        if clicked is self.keep_button:
            return CloseChoice.KEEP_IN_TRAY
        if clicked is self.stop_button:
            return CloseChoice.STOP
        return CloseChoice.CANCEL


def decide_close(settings: Settings, active: int, tray_available: bool, parent: QWidget | None = None,
                 ask=None) -> CloseChoice:
    """What closing the window means now. Asks (``ask(question)`` runs the dialog; default ``exec``)
    unless nothing runs or the person chose before; a remembered choice is saved in ``settings``."""
    if active == 0:
        return CloseChoice.STOP
    remembered = settings.close_while_working
    if remembered is CloseWhileWorking.STOP:
        return CloseChoice.STOP
    if remembered is CloseWhileWorking.KEEP_IN_TRAY and tray_available:
        return CloseChoice.KEEP_IN_TRAY
    question = CloseQuestion(active, tray_available, parent)
    (ask or CloseQuestion.exec)(question)
    choice = question.choice()
    if question.remember_check.isChecked() and choice is not CloseChoice.CANCEL:
        settings.close_while_working = CloseWhileWorking(choice.value)
    return choice
