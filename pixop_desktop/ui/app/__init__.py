"""Starting the app: the QApplication, one instance per user, files from outside, the welcome, the self-test.

``run_gui`` is the `gui` command's door; it loads the window only when called, so importing
a module of this package (the self-test's Qt check) does not load the whole GUI.
"""

from __future__ import annotations


def run_gui(*args, **kwargs) -> int:
    from pixop_desktop.ui.app.start import run_gui as start

    return start(*args, **kwargs)
