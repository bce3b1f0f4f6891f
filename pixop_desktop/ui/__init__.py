"""The PySide6 user interface. The only package that may import Qt.

It adapts the Qt-free core (api, jobs, settings, credentials) to widgets:
blocking work runs in :mod:`pixop_desktop.ui.workers`, never on the GUI thread.
"""
