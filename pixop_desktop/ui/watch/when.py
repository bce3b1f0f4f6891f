"""When something happened, in the words a table cell shows ("2 min ago")."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QCoreApplication


def ago(epoch: float | None, now: float | None = None) -> str:
    """"2 min ago" style (plain, for a table cell)."""
    if epoch is None:
        return "—"
    seconds = max(0, int((now or _dt.datetime.now().timestamp()) - epoch))
    if seconds < 60:
        return QCoreApplication.translate("WatchPage", "{n} s ago").format(n=seconds)
    if seconds < 3600:
        return QCoreApplication.translate("WatchPage", "{n} min ago").format(n=seconds // 60)
    if seconds < 86400:
        return QCoreApplication.translate("WatchPage", "{n} h ago").format(n=seconds // 3600)
    return _dt.datetime.fromtimestamp(epoch).strftime("%Y-%m-%d %H:%M")
