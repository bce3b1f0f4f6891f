"""The queue's actions: label, shortcut and status tip of each, and where each is shown.

Marked for lupdate under "QueueView" and translated by the view's ``self.tr()``.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# (name, label, shortcut, status tip); marked for lupdate, translated by self.tr()
ACTIONS = (
    ("pause", QT_TRANSLATE_NOOP("QueueView", "&Pause"), "Ctrl+P",
     QT_TRANSLATE_NOOP("QueueView", "Pause the selected videos; they continue where they stopped")),
    ("resume", QT_TRANSLATE_NOOP("QueueView", "&Resume"), "Ctrl+R",
     QT_TRANSLATE_NOOP("QueueView", "Continue the selected paused videos")),
    ("retry", QT_TRANSLATE_NOOP("QueueView", "Re&try"), "Ctrl+Shift+R",
     QT_TRANSLATE_NOOP("QueueView", "Try the selected failed videos again")),
    ("approve", QT_TRANSLATE_NOOP("QueueView", "&Approve"), "Ctrl+Return",
     QT_TRANSLATE_NOOP("QueueView", "Start processing the selected videos that wait for approval")),
    ("reject", QT_TRANSLATE_NOOP("QueueView", "Re&ject"), "Ctrl+Shift+J",
     QT_TRANSLATE_NOOP("QueueView", "Do not process the selected videos (they stay uploaded)")),
    ("cancel", QT_TRANSLATE_NOOP("QueueView", "&Cancel"), "Ctrl+Shift+X",
     QT_TRANSLATE_NOOP("QueueView", "Stop the selected videos for good")),
    ("remove", QT_TRANSLATE_NOOP("QueueView", "Re&move from List"), "Delete",
     QT_TRANSLATE_NOOP("QueueView", "Take the selected videos off the list (your files stay)")),
    ("move_up", QT_TRANSLATE_NOOP("QueueView", "Move &Up"), "Ctrl+Up",
     QT_TRANSLATE_NOOP("QueueView", "Run the selected videos earlier")),
    ("move_down", QT_TRANSLATE_NOOP("QueueView", "Move &Down"), "Ctrl+Down",
     QT_TRANSLATE_NOOP("QueueView", "Run the selected videos later")),
    ("play", QT_TRANSLATE_NOOP("QueueView", "P&lay"), "Ctrl+Shift+Return",
     QT_TRANSLATE_NOOP("QueueView", "Open the finished video in your video player")),
    ("show_in_folder", QT_TRANSLATE_NOOP("QueueView", "Show i&n Folder"), "Ctrl+Shift+S",
     QT_TRANSLATE_NOOP("QueueView", "Show the finished video's file in the file manager")),
    ("open_folder", QT_TRANSLATE_NOOP("QueueView", "Open &Output Folder"), "Ctrl+Shift+O",
     QT_TRANSLATE_NOOP("QueueView", "Show the downloaded results in the file manager")),
    ("change_processing", QT_TRANSLATE_NOOP("QueueView", "C&hange Processing…"), "Ctrl+E",
     QT_TRANSLATE_NOOP("QueueView", "Choose again how Pixop processes the selected video (until processing "
                                    "starts)")),
    ("download_free_clip", QT_TRANSLATE_NOOP("QueueView", "Download &Free Clip"), "Ctrl+Shift+F",
     QT_TRANSLATE_NOOP("QueueView", "Fetch the free 10-second clip Pixop made of the selected imports")),
    ("details", QT_TRANSLATE_NOOP("QueueView", "Show Deta&ils"), "Ctrl+I",
     QT_TRANSLATE_NOOP("QueueView", "Show everything about the selected video")),
)
# Retry's words for a job whose processing Pixop ended: retrying orders it again (jobs/reorder.py)
ORDER_AGAIN = (QT_TRANSLATE_NOOP("QueueView", "Order A&gain"),
               QT_TRANSLATE_NOOP("QueueView", "Pixop could not process the selected video: this orders its "
                                              "processing again"))
TOOLBAR = ("pause", "resume", "retry", "approve", "change_processing", "cancel", "remove", "move_up", "move_down",
           "open_folder", "details")
MENU_GROUPS = (("play", "show_in_folder"), ("pause", "resume", "retry", "approve", "reject", "cancel"),
               ("change_processing",), ("move_up", "move_down", "remove"),
               ("open_folder", "download_free_clip", "details"))
