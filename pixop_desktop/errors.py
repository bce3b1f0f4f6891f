"""The one base of every error a person reads: a few words of title and a sentence of message.

A leaf module (no imports from the package), so every layer may raise and
catch it. The front ends show any ``UserFacingError`` as "title: message" (the
CLI's one line on stderr, the window's error banner, a job's failure) and treat
anything else as unexpected, with its traceback in the log.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """A failure told in plain words: ``title`` (a few words) and ``message`` (what happened, what to do)."""

    def __init__(self, title: str, message: str) -> None:
        super().__init__(title, message)
        self.title = title
        self.message = message

    def __str__(self) -> str:
        return f"{self.title}: {self.message}"

