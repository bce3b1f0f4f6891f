"""The URLs Pixop's answers gave for a job (``processVideoUrl``, ``checkProgressUrl``,
``downloadMediaUrl``...), kept so later stages follow them as Pixop's own curl demo does,
after a restart too.

Only what the server said is kept, under its own key; the API client decides per request
whether a URL is usable and where credentials may go (``PixopClient.server_url``), and falls
back to the documented path, so a missing or odd URL here never stops a job.
"""

from __future__ import annotations

MAX_URL_LENGTH = 8192


class ServerUrlsMixin:
    """``set_server_urls`` / ``server_urls`` for ``JobStore`` (needs ``transaction()``, ``_query``)."""

    def set_server_urls(self, job_id: int, urls: dict[str, str | None]) -> None:
        """Record (or replace) the given URLs; ``None`` values and over-long ones are skipped."""
        rows = [(job_id, name, url) for name, url in urls.items()
                if isinstance(url, str) and url and len(url) <= MAX_URL_LENGTH]
        if not rows:
            return
        with self.transaction() as conn:  # type: ignore[attr-defined]
            conn.executemany("INSERT OR REPLACE INTO job_urls (job_id, name, url) VALUES (?, ?, ?)",
                             rows)

    def server_urls(self, job_id: int) -> dict[str, str]:
        rows = self._query("SELECT name, url FROM job_urls WHERE job_id = ?",  # type: ignore[attr-defined]
                           (job_id,))
        return {name: url for name, url in rows}
