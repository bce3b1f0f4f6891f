"""The job store's schema, as a list of steps; ``PRAGMA user_version`` counts the steps applied.

Never edit a released step: append a new one. The missing steps run in one
transaction together with the version bump, so a crash mid-migration leaves the
file at the old version, and two processes opening a new file at once do not
both migrate it (the version is re-read after taking the write lock).
"""

from __future__ import annotations

import sqlite3

# Step 1: jobs and their history.
_V1 = (
    """CREATE TABLE jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: `approve 17` must not hit a newer job
        uid TEXT NOT NULL UNIQUE,
        source_kind TEXT NOT NULL,
        source_path TEXT, source_url TEXT, source_location_id TEXT, source_object_key TEXT,
        source_size INTEGER, source_mtime_ns INTEGER,
        ingestion TEXT NOT NULL,
        project_id TEXT,
        processing TEXT,
        preset TEXT,
        needs_approval INTEGER NOT NULL DEFAULT 0,
        output_folder TEXT,
        name_template TEXT NOT NULL,
        after_action TEXT NOT NULL,
        done_folder TEXT,
        priority INTEGER NOT NULL DEFAULT 0,
        position INTEGER NOT NULL,
        state TEXT NOT NULL,
        stage TEXT NOT NULL,
        bytes_done INTEGER NOT NULL DEFAULT 0,
        bytes_total INTEGER, percent REAL, speed_bps REAL, eta_seconds REAL,
        error_title TEXT, error_message TEXT,
        video_id TEXT, processed_video_id TEXT,
        output_path TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at REAL NOT NULL, updated_at REAL NOT NULL, started_at REAL, finished_at REAL,
        watch_rule_id TEXT
    )""",
    """CREATE TABLE history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        at REAL NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        stage TEXT,
        message TEXT
    )""",
    "CREATE INDEX history_by_job ON history(job_id, id)",
)

# Step 2: backoff time for retries and polls, and an index for picking the next job.
_V2 = (
    "ALTER TABLE jobs ADD COLUMN not_before REAL",
    "CREATE INDEX jobs_runnable ON jobs(state, stage, priority DESC, position)",
)

# Step 3: which server a job belongs to, which runner is working on it, and the
# runners alive (pid + heartbeat), so a second process never takes over running jobs.
_V3 = (
    "ALTER TABLE jobs ADD COLUMN server TEXT",
    "ALTER TABLE jobs ADD COLUMN owner TEXT",
    """CREATE TABLE runners (
        owner TEXT PRIMARY KEY,
        host TEXT NOT NULL,
        pid INTEGER NOT NULL,
        started_at REAL NOT NULL,
        heartbeat REAL NOT NULL
    )""",
)

# Step 4: the free 10-second clip Pixop derives from an imported master, once found,
# so the queue shows it (and can fetch it) after a restart too.
_V4 = (
    "ALTER TABLE jobs ADD COLUMN free_clip_id TEXT",
)

# Step 5: what a person asked of an import beyond its source (name, description, file name,
# CRC32C, connections), as JSON, so the pipeline sends it when it starts the import.
_V5 = (
    "ALTER TABLE jobs ADD COLUMN import_options TEXT",
)

# Step 6: the URLs Pixop's answers gave for a job (store_urls.py), followed by later stages.
_V6 = (
    """CREATE TABLE job_urls (
        job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        url TEXT NOT NULL,
        PRIMARY KEY (job_id, name)
    )""",
)

# Step 7: what kind of failure a job stopped on (``JobError.kind``: Pixop ended its processing),
# and the processing orders a retry set aside to order again (never adopted as the job's order).
_V7 = (
    "ALTER TABLE jobs ADD COLUMN error_kind TEXT",
    """CREATE TABLE dropped_orders (
        job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        video_id TEXT NOT NULL,
        at REAL NOT NULL,
        PRIMARY KEY (job_id, video_id)
    )""",
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7)
SCHEMA_VERSION = len(MIGRATIONS)


class NewerSchemaError(RuntimeError):
    """The queue file was written by a newer Pixop Desktop."""


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, path: object = "") -> int:
    """Bring the schema up to ``SCHEMA_VERSION``; returns the version found before.

    ``conn`` must be in autocommit mode (``isolation_level=None``). An up-to-date
    file is only read, so opening the queue never waits for another process's writes.
    """
    found = schema_version(conn)
    _refuse_newer(found, path)
    if found == SCHEMA_VERSION:
        return found
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = schema_version(conn)  # again, under the lock: another process may have migrated
        _refuse_newer(found, path)
        for version in range(found, SCHEMA_VERSION):
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
        if found != SCHEMA_VERSION:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return found


def _refuse_newer(found: int, path: object) -> None:
    if found > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"The job queue {path} was written by a newer version of Pixop Desktop "
            f"(schema {found}, this version knows {SCHEMA_VERSION}). Update Pixop Desktop.")
