"""A damaged job queue file: recognised, moved aside whole, never mistaken for a busy one.

A disk error, a copy taken mid-write or a sync tool can leave ``queue.sqlite3`` unreadable.
Then every command used to stop with a bare ``DatabaseError``, and deleting the file by hand
also deleted the watch ledger with no copy. Instead the file (with its ``-wal``/``-shm``
companions) is renamed aside, so nothing in it is lost for good, and a new queue starts.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from pixop_desktop.fileio import aside_name

# What SQLite says of a file it cannot read. "database is locked" and the like are a busy
# file, which must never be moved aside.
_DAMAGE_WORDS = ("file is not a database", "malformed", "file is encrypted", "disk image")


class DamagedQueue(sqlite3.DatabaseError):
    """The integrity check found damage in a file SQLite could open."""


def is_damage(exc: sqlite3.DatabaseError) -> bool:
    if isinstance(exc, DamagedQueue):
        return True
    text = str(exc).lower()
    return any(word in text for word in _DAMAGE_WORDS)


def check_integrity(conn: sqlite3.Connection) -> None:
    """``PRAGMA quick_check`` (milliseconds for a queue of thousands of jobs)."""
    rows = conn.execute("PRAGMA quick_check").fetchall()
    if [tuple(row) for row in rows] != [("ok",)]:
        raise DamagedQueue(f"integrity check: {rows[0][0] if rows else 'no answer'}")


def move_damaged_aside(path: Path) -> Path:
    """Rename the queue and its companions to ``NAME.damaged-STAMP``; returns the new name.
    Another process that got there first is fine: the file is then already gone."""
    target = aside_name(path, "damaged")
    for suffix in ("", "-wal", "-shm"):
        try:
            os.replace(f"{path}{suffix}", f"{target}{suffix}")
        except FileNotFoundError:
            pass
    return target
