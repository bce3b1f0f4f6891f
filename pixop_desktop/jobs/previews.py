"""Preview orders: the short processed pieces a person asked to see before approving a job.

A preview is processing Pixop made of a few seconds of a job's video. It is a child of the
job's video like the job's real result, so the process stage must never adopt it as the job's
processing ("never ordered twice" looks at the video's children). Every preview order is
recorded here, in its own table of the queue file (created on first use, like the watch
ledger, so it needs no schema step of the job tables), keyed by the source video and the
preview's settings: asking for the same preview again reuses the order instead of paying twice.
"""

from __future__ import annotations

import time

_TABLE = """CREATE TABLE IF NOT EXISTS job_previews (
    source_video_id TEXT NOT NULL,
    key TEXT NOT NULL,
    processed_video_id TEXT NOT NULL,
    start_ms INTEGER NOT NULL,
    end_ms INTEGER NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (source_video_id, key))"""


def _ensure_table(conn) -> None:
    conn.execute(_TABLE)


def record_preview(store, source_video_id: str, key: str, processed_video_id: str,
                   start_ms: int, end_ms: int) -> None:
    """Note a preview order (the moment Pixop's answer names the processed video)."""
    with store.transaction() as conn:
        _ensure_table(conn)
        conn.execute("INSERT OR REPLACE INTO job_previews VALUES (?, ?, ?, ?, ?, ?)",
                     (source_video_id, key, processed_video_id, int(start_ms), int(end_ms), time.time()))


def recorded_preview(store, source_video_id: str, key: str) -> str | None:
    """The processed video of an earlier preview of this video with these settings, if any."""
    with store.transaction() as conn:
        _ensure_table(conn)
        row = conn.execute("SELECT processed_video_id FROM job_previews WHERE source_video_id = ? AND key = ?",
                           (source_video_id, key)).fetchone()
    return row[0] if row else None


def preview_video_ids(store, source_video_id: str | None) -> set[str]:
    """Every preview made of this video: never to be taken for the job's own processing."""
    if not source_video_id:
        return set()
    with store.transaction() as conn:
        _ensure_table(conn)
        rows = conn.execute("SELECT processed_video_id FROM job_previews WHERE source_video_id = ?",
                            (source_video_id,)).fetchall()
    return {row[0] for row in rows}
