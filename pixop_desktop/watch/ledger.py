"""The watch ledger: every file a rule has dealt with, kept in the job store's SQLite file.

Why it exists: a restart must never send a file again, and the same video
dropped twice (another name, another folder) must not be paid for twice.
So every decision about a file is written down with what identifies it:

- path, size and modification time (``mtime_ns``): "is this the file I saw?";
- file identity (``st_dev``, ``st_ino``): survives a rename inside the folder;
- a content fingerprint (size + SHA-256 of the first, middle and last MiB):
  recognises a copy, and costs three reads even for a 500 GB master;
- the watched folder (resolved): "already seen", "already paid for" and
  "still in flight" are questions about the FOLDER, not about the rule that
  watched it. A folder removed and added again in the app, or watched by
  ``watch FOLDER`` after a saved rule, gets a new rule id, and must not send
  its files again. Rows written before the folder was recorded are matched
  by their rule id.

The ledger lives in the store's file so that adding a job and writing its
ledger row is ONE transaction: a crash can never leave a job whose file the
ledger forgot (which a restart would submit again). Its tables have their own
version counter (``watch_schema``), separate from the job tables' migrations.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pixop_desktop.jobs.fingerprint import FINGERPRINT_VERSION, SAMPLE_BYTES, fingerprint  # noqa: F401 (its home before)
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.platform_paths import path_key


class Entry(StrEnum):
    """What became of a file."""

    SUBMITTED = "submitted"  # a job was added to the queue
    DONE = "done"            # its job finished
    FAILED = "failed"        # its job failed (the file was moved to Failed/ if the rule says so)
    DUPLICATE = "duplicate"  # the same content was already submitted by this rule
    SKIPPED = "skipped"      # not a video (sidecars …) or refused by the pre-flight check: left alone
    CANCELLED = "cancelled"  # its job was cancelled or removed by a person
    SUPERSEDED = "superseded"  # the file changed after it was sent (a stalled copy went on): sent again
    FOUND = "found"          # Pixop already holds a video of this content (sent before the ledger was
    #                          lost, or by a watcher on another machine): not sent again
    EXISTING = "existing"    # already in the folder when its rule was added with "only new ones": left
    #                          alone. Matched like any entry (path/identity + size + time), so the same
    #                          file renamed stays known, but written again or changed it is taken as new.


#: Entries whose content counts as "already paid for" when the same content arrives again.
PAID = (Entry.SUBMITTED, Entry.DONE, Entry.FOUND)

_SCHEMA = (
    (
        """CREATE TABLE IF NOT EXISTS watch_ledger (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            rule_id TEXT NOT NULL,
            path TEXT NOT NULL,
            rel_path TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            dev INTEGER, ino INTEGER,
            fingerprint TEXT,
            state TEXT NOT NULL,
            job_id INTEGER,
            duplicate_of INTEGER,
            reason TEXT,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS watch_ledger_by_path ON watch_ledger(rule_id, path)",
        "CREATE INDEX IF NOT EXISTS watch_ledger_by_print ON watch_ledger(rule_id, fingerprint)",
        "CREATE INDEX IF NOT EXISTS watch_ledger_by_state ON watch_ledger(rule_id, state)",
    ),
    (
        "ALTER TABLE watch_ledger ADD COLUMN folder TEXT",
        "CREATE INDEX IF NOT EXISTS watch_ledger_by_folder ON watch_ledger(folder, size, mtime_ns)",
        "CREATE INDEX IF NOT EXISTS watch_ledger_by_folder_print ON watch_ledger(folder, fingerprint)",
        "CREATE INDEX IF NOT EXISTS watch_ledger_by_folder_state ON watch_ledger(folder, state)",
    ),
)
LEDGER_VERSION = len(_SCHEMA)


def folder_key(folder: str | os.PathLike[str]) -> str:
    """The watched folder as the ledger knows it: resolved (symlinks, ``..``), case-folded where
    the platform's disks ignore case (macOS too) and in one Unicode form, so two rules naming one
    folder differently share its history (and a file is never paid for twice)."""
    return path_key(os.path.realpath(folder))


@dataclass(frozen=True, slots=True)
class FileSeen:
    """A file as found on disk: enough to recognise it again."""

    path: str
    rel_path: str
    size: int
    mtime_ns: int
    dev: int
    ino: int
    folder: str = ""
    """``folder_key`` of the watched folder it was found in."""

    @classmethod
    def of(cls, path: Path, root: Path, info: os.stat_result | None = None) -> FileSeen:
        info = info or path.stat()
        return cls(str(path), path.relative_to(root).as_posix(), info.st_size, info.st_mtime_ns,
                   info.st_dev, info.st_ino, folder_key(root))


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    id: int
    rule_id: str
    path: str
    rel_path: str
    size: int
    mtime_ns: int
    fingerprint: str | None
    state: Entry
    job_id: int | None
    duplicate_of: int | None
    reason: str | None
    created_at: float
    updated_at: float
    folder: str | None = None


@dataclass(frozen=True, slots=True)
class RuleCounts:
    """How a rule has done: per-state counts and when it last did something."""

    submitted: int = 0   # still in the queue
    done: int = 0
    failed: int = 0
    duplicates: int = 0
    skipped: int = 0
    cancelled: int = 0
    last_activity: float | None = None
    last_path: str | None = None
    last_state: Entry | None = None
    superseded: int = 0  # sent, then changed (a stalled copy went on) and sent again
    found: int = 0       # already on Pixop (the ledger was lost, or another machine sent it)


_COLUMNS = ("id, rule_id, path, rel_path, size, mtime_ns, fingerprint, state, job_id, duplicate_of, "
            "reason, created_at, updated_at, folder")


def _entry(row: tuple) -> LedgerEntry:
    values = list(row)
    values[7] = Entry(values[7])
    return LedgerEntry(*values)


def _scope(rule_id: str, folder: str | None) -> tuple[str, tuple]:
    """The WHERE part for "this folder's rows": any rule's rows for the folder, and the rule's own
    rows written before the folder was recorded."""
    if not folder:
        return "rule_id = ?", (rule_id,)
    return "(folder = ? OR (folder IS NULL AND rule_id = ?))", (folder, rule_id)


class Ledger:
    """The ledger tables in ``store``'s file; safe from any thread (the store serialises)."""

    def __init__(self, store: JobStore) -> None:
        self.store = store
        self._migrate()

    def _migrate(self) -> None:
        with self.store.transaction() as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS watch_schema (version INTEGER NOT NULL)")
            row = conn.execute("SELECT version FROM watch_schema").fetchone()
            found = row[0] if row else 0
            if found > LEDGER_VERSION:
                raise RuntimeError(f"The watch ledger in {self.store.path} was written by a newer "
                                   "Pixop Desktop. Update Pixop Desktop.")
            for version in range(found, LEDGER_VERSION):
                for statement in _SCHEMA[version]:
                    conn.execute(statement)
            if row is None:
                conn.execute("INSERT INTO watch_schema (version) VALUES (?)", (LEDGER_VERSION,))
            elif found != LEDGER_VERSION:
                conn.execute("UPDATE watch_schema SET version = ?", (LEDGER_VERSION,))

    # ----- recording ----------------------------------------------------------------------

    def record(self, rule_id: str, seen: FileSeen, state: Entry, *, fingerprint: str | None = None,
               job_id: int | None = None, duplicate_of: int | None = None, reason: str | None = None) -> int:
        """Write what became of a file; joins the caller's transaction if there is one."""
        now = time.time()
        with self.store.transaction() as conn:
            return conn.execute(
                "INSERT INTO watch_ledger (rule_id, folder, path, rel_path, size, mtime_ns, dev, ino, "
                "fingerprint, state, job_id, duplicate_of, reason, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (rule_id, seen.folder or None, seen.path, seen.rel_path, seen.size, seen.mtime_ns, seen.dev,
                 seen.ino, fingerprint, state.value, job_id, duplicate_of, reason, now, now)).lastrowid

    def set_state(self, entry_id: int, state: Entry, reason: str | None = None,
                  path: str | None = None) -> None:
        """A submitted file's job ended (``path``: where the file is now, if it moved)."""
        with self.store.transaction() as conn:
            conn.execute("UPDATE watch_ledger SET state = ?, reason = COALESCE(?, reason), "
                         "path = COALESCE(?, path), updated_at = ? WHERE id = ?",
                         (state.value, reason, path, time.time(), entry_id))

    # ----- asking -------------------------------------------------------------------------

    def _rows(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        # A plain read through the store's one connection (and its lock); no write lock taken.
        return self.store._query(sql, params)

    def known(self, rule_id: str, seen: FileSeen) -> LedgerEntry | None:
        """The latest entry for exactly this file (same path, size and time, or same identity) in its
        folder, whichever rule wrote it."""
        scope, params = _scope(rule_id, seen.folder)
        rows = self._rows(
            f"SELECT {_COLUMNS} FROM watch_ledger WHERE {scope} AND size = ? AND mtime_ns = ? "
            "AND (path = ? OR (dev = ? AND ino = ?)) ORDER BY id DESC LIMIT 1",
            (*params, seen.size, seen.mtime_ns, seen.path, seen.dev, seen.ino))
        return _entry(rows[0]) if rows else None

    def sent_before(self, rule_id: str, seen: FileSeen) -> LedgerEntry | None:
        """The entry of an earlier version of this very file (same path, same identity) that was sent,
        when that is the file's latest entry and the file has changed since (size or time): a copy that
        stalled longer than the settle time and then went on, or a file written again in place."""
        scope, params = _scope(rule_id, seen.folder)
        rows = self._rows(
            f"SELECT {_COLUMNS} FROM watch_ledger WHERE {scope} AND path = ? AND dev = ? AND ino = ? "
            "ORDER BY id DESC LIMIT 1", (*params, seen.path, seen.dev, seen.ino))
        if not rows:
            return None
        latest = _entry(rows[0])
        changed = (latest.size, latest.mtime_ns) != (seen.size, seen.mtime_ns)
        return latest if changed and latest.state in PAID else None

    def paid_for(self, rule_id: str, print_: str, folder: str | None = None) -> LedgerEntry | None:
        """An earlier file with this content submitted from this folder (``folder_key``), by any rule
        (not a failed one)."""
        scope, params = _scope(rule_id, folder)
        marks = ", ".join("?" for _ in PAID)
        rows = self._rows(
            f"SELECT {_COLUMNS} FROM watch_ledger WHERE {scope} AND fingerprint = ? "
            f"AND state IN ({marks}) ORDER BY id LIMIT 1", (*params, print_, *[s.value for s in PAID]))
        return _entry(rows[0]) if rows else None

    def entries(self, rule_id: str | None = None, *, states: tuple[Entry, ...] | None = None,
                limit: int | None = None, folder: str | None = None) -> list[LedgerEntry]:
        """Entries, newest first (with ``folder``: the rule's or the folder's, whichever rule wrote them)."""
        where, params = [], []
        if rule_id is not None:
            scope, scope_params = _scope(rule_id, folder)
            where.append(scope)
            params += scope_params
        if states:
            where.append(f"state IN ({', '.join('?' for _ in states)})")
            params += [s.value for s in states]
        sql = f"SELECT {_COLUMNS} FROM watch_ledger" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY id DESC" + (f" LIMIT {int(limit):d}" if limit is not None else "")
        return [_entry(row) for row in self._rows(sql, params)]

    def recent(self, rule_id: str, folder: str | None = None, limit: int = 50) -> list[LedgerEntry]:
        """The folder's latest happenings (the rule's rows, or the folder's by any rule), the most
        recently changed first: a job that just ended comes up even though its row is old."""
        scope, params = _scope(rule_id, folder)
        rows = self._rows(f"SELECT {_COLUMNS} FROM watch_ledger WHERE {scope} "
                          f"ORDER BY updated_at DESC, id DESC LIMIT {int(limit):d}", params)
        return [_entry(row) for row in rows]

    def for_job(self, job_id: int) -> LedgerEntry | None:
        rows = self._rows(f"SELECT {_COLUMNS} FROM watch_ledger WHERE job_id = ? ORDER BY id DESC LIMIT 1",
                                 (job_id,))
        return _entry(rows[0]) if rows else None

    def counts(self, rule_id: str) -> RuleCounts:
        per_state = dict(self._rows(
            "SELECT state, COUNT(*) FROM watch_ledger WHERE rule_id = ? GROUP BY state", (rule_id,)))
        last = self._rows("SELECT updated_at, rel_path, state FROM watch_ledger WHERE rule_id = ? "
                                 "ORDER BY updated_at DESC, id DESC LIMIT 1", (rule_id,))
        at, rel, state = last[0] if last else (None, None, None)
        return RuleCounts(per_state.get("submitted", 0), per_state.get("done", 0), per_state.get("failed", 0),
                          per_state.get("duplicate", 0), per_state.get("skipped", 0), per_state.get("cancelled", 0),
                          at, rel, Entry(state) if state else None, per_state.get("superseded", 0),
                          per_state.get("found", 0))
