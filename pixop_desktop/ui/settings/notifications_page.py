"""Settings → Notifications: one message per finished batch, failures, sound."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QWidget

from pixop_desktop.settings import CloseWhileWorking, Settings


class NotificationsPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notificationsPage")
        self.title = self.tr("Notifications")
        self.when_done_check = QCheckBox(self.tr("Tell me when a &batch of videos is finished"))
        self.when_done_check.setAccessibleName(self.tr("Notify when a batch is finished"))
        self.on_failure_check = QCheckBox(self.tr("Tell me when a video &fails"))
        self.on_failure_check.setAccessibleName(self.tr("Notify when a video fails"))
        self.sound_check = QCheckBox(self.tr("Play a &sound with notifications"))
        self.sound_check.setAccessibleName(self.tr("Play a sound with notifications"))
        self.close_combo = QComboBox()
        self.close_combo.setAccessibleName(self.tr("When I close the window while videos are being worked on"))
        self.close_combo.addItem(self.tr("Ask me"), CloseWhileWorking.ASK)
        self.close_combo.addItem(self.tr("Keep working in the tray"), CloseWhileWorking.KEEP_IN_TRAY)
        self.close_combo.addItem(self.tr("Stop and quit"), CloseWhileWorking.STOP)
        explain = QLabel(self.tr("You get one notification per batch, never one per file."))
        explain.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(explain)
        form.addRow(self.when_done_check)
        form.addRow(self.on_failure_check)
        form.addRow(self.sound_check)
        form.addRow(self.tr("&Closing the window while working:"), self.close_combo)

    def load(self, settings: Settings) -> None:
        self.when_done_check.setChecked(settings.notify_when_done)
        self.on_failure_check.setChecked(settings.notify_on_failure)
        self.sound_check.setChecked(settings.notify_sound)
        self.close_combo.setCurrentIndex(self.close_combo.findData(settings.close_while_working))

    def apply(self, settings: Settings) -> None:
        settings.notify_when_done = self.when_done_check.isChecked()
        settings.notify_on_failure = self.on_failure_check.isChecked()
        settings.notify_sound = self.sound_check.isChecked()
        settings.close_while_working = CloseWhileWorking(self.close_combo.currentData())
