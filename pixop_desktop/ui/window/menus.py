"""The main window's menu bar: File, Queue, View, Help.

The actions are kept on the window (``window.pause_all_action`` …) so the other
parts (the extras, the tray, tests) find them there; their slots are the
window's public methods. The words keep the context "MainWindow" they had as
the window's own ``self.tr``, so existing translations still apply.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from pixop_desktop import __version__, paths

QUEUE_ACTIONS = ("play", "show_in_folder", "pause", "resume", "retry", "approve", "reject", "change_processing",
                 "cancel", "remove", "move_up", "move_down", "open_folder", "download_free_clip", "details")


def _action(window: QMainWindow, text: str, slot, shortcut=None) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(slot)
    return action


def build_menus(window) -> None:
    """Adds the menus to ``window`` (a MainWindow) and keeps each menu and action on it."""
    window.file_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&File"))
    window.add_files_action = _action(window, QCoreApplication.translate("MainWindow", "&Add Files…"),
                                      window.drop_zone.choose_files, QKeySequence.StandardKey.Open)
    window.add_folder_action = _action(window, QCoreApplication.translate("MainWindow", "Add &Folder…"),
                                       window.drop_zone.choose_folder, QKeySequence("Ctrl+Shift+A"))
    window.file_menu.addActions([window.add_files_action, window.add_folder_action])
    window.file_menu.addSeparator()
    window.import_separator = window.file_menu.addSeparator()
    window.quit_action = _action(window, QCoreApplication.translate("MainWindow", "&Quit"), window.quit_app,
                                 QKeySequence.StandardKey.Quit)
    window.file_menu.addAction(window.quit_action)

    window.queue_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Queue"))
    window.pause_all_action = _action(window, QCoreApplication.translate("MainWindow", "Pause &Everything"),
                                      window.toggle_pause_all, QKeySequence("Ctrl+Shift+P"))
    window.pause_all_action.setCheckable(True)
    window.stop_after_current_action = _action(
        window, QCoreApplication.translate("MainWindow", "&Stop After Current Videos"),
        window.toggle_stop_after_current)
    window.stop_after_current_action.setCheckable(True)
    window.queue_menu.addActions([window.pause_all_action, window.stop_after_current_action])
    window.queue_menu.addSeparator()
    for name in QUEUE_ACTIONS:
        window.queue_menu.addAction(window.queue.action[name])

    window.view_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&View"))
    window.refresh_action = _action(window, QCoreApplication.translate("MainWindow", "&Refresh"), window.refresh,
                                    QKeySequence("F5"))
    window.view_menu.addAction(window.refresh_action)
    window.columns_menu = window.queue.columns.build_menu(window.view_menu)  # also the header's context menu
    window.view_menu.addMenu(window.columns_menu)

    window.help_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    window.open_log_action = _action(window, QCoreApplication.translate("MainWindow", "Open &Log Folder"),
                                     functools.partial(open_log_folder, window))
    window.open_log_action.setStatusTip(
        QCoreApplication.translate("MainWindow", "Show the app's log files, e.g. to send them to support"))
    window.help_menu.addAction(window.open_log_action)
    window.help_menu.addAction(_action(window, QCoreApplication.translate("MainWindow", "&About Pixop Desktop"),
                                       functools.partial(show_about, window)))


def open_log_folder(window: QMainWindow) -> bool:
    """Open the log folder in the file manager (Explorer, Finder, the desktop's default)."""
    folder = paths.log_dir()
    opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
    if not opened:
        window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "The log files are in {folder}").format(folder=folder))
    return opened


def show_about(window: QMainWindow) -> None:
    QMessageBox.about(window, QCoreApplication.translate("MainWindow", "About Pixop Desktop"),
                      QCoreApplication.translate("MainWindow", "Pixop Desktop {version}\nSend videos to Pixop for "
                                                 "enhancement and get the results back.").format(version=__version__))
