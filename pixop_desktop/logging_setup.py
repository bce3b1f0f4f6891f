"""The app's log: a rotating file in ``paths.log_dir()`` that never holds a secret.

Every record passes a :class:`RedactingFilter` on the handler (handler filters
see records from every logger, unlike logger filters), which removes
passwords, tokens, API keys, ``Authorization`` headers, signed-URL signatures
and any exact secret value registered with :func:`register_secret` — from the
message, its arguments and the formatted traceback.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import threading
import time
from pathlib import Path

from pixop_desktop import paths

LOG_FILE = "pixop-desktop.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUP_COUNT = 5
REDACTED = "[REDACTED]"

_SECRET_KEYS = (
    r"password|passwd|new_?password|api[_-]?key|x-(?:pixop-|mimir-)?api-key|apikey|"
    r"(?:jwt|access|refresh|id)?_?token|jwtToken|secret|client_secret|"
    r"x-amz-signature|x-amz-credential|x-amz-security-token|signature|sig"
)

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # Authorization: Bearer xxx / Basic xxx (headers, reprs, curl lines)
    (re.compile(r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?)(?:(bearer|basic)\s+)?[^\s'\",}]+"),
     r"\1\2 " + REDACTED),
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}"), r"\1 " + REDACTED),
    # "key": "value with spaces" (quoted values end at their closing quote)
    (re.compile(rf"(?i)(['\"]?\b(?:{_SECRET_KEYS})['\"]?\s*[:=]\s*)(['\"])(?:\\.|(?!\2).)*\2"),
     r"\1\2" + REDACTED + r"\2"),
    # key=value, key: value (unquoted)
    (re.compile(rf"(?i)(['\"]?\b(?:{_SECRET_KEYS})['\"]?\s*[:=]\s*['\"]?)[^\s'\"&,}}]+"), r"\1" + REDACTED),
    # bare JWTs
    (re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"), REDACTED),
    # https://user:password@host
    (re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^/\s:@]+:)[^/\s@]+@"), r"\1" + REDACTED + "@"),
]

_known_secrets: set[str] = set()
_known_lock = threading.Lock()


# A known secret is replaced wherever it stands, so a short one would also blank ordinary words
# ("Pixop rejected the password" with the password "Pixop"). Shorter secrets are still caught
# where they appear as a value (password=…, "apiKey": "…", Authorization, URLs) by the patterns.
MIN_KNOWN_SECRET = 8


def register_secret(value: str | None) -> None:
    """Make sure this exact value never reaches the log (e.g. a password just loaded)."""
    if value and len(value) >= MIN_KNOWN_SECRET:
        with _known_lock:
            _known_secrets.add(value)


def redact(text: str) -> str:
    """Return ``text`` with every secret we can recognise replaced by ``[REDACTED]``."""
    with _known_lock:
        known = sorted(_known_secrets, key=len, reverse=True)
    for secret in known:
        text = text.replace(secret, REDACTED)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites each record so the formatted message and traceback carry no secret."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
            # keep exc_info for handlers that need the type, but the text is what gets printed
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


_QUIETED = ("httpx", "httpcore")
_level_before: int | None = None  # the root level before setup_logging, restored by shutdown_logging

_FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"


def log_file_path() -> Path:
    return paths.log_dir() / LOG_FILE


class SharedRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log that several processes write (the window, a watcher, a command).

    On Windows a file another process holds open cannot be renamed, so a rollover fails; the
    stock handler has closed its stream by then, and every later record is lost with a
    "--- Logging error ---" on stderr. Here a failed rollover reopens the same file, goes on
    appending, and tries to roll over again only after ``RETRY_SECONDS``.
    """

    RETRY_SECONDS = 60.0
    _blocked_until = 0.0

    def shouldRollover(self, record: logging.LogRecord) -> int:  # noqa: N802 (logging's name)
        if time.monotonic() < self._blocked_until:
            return 0
        return super().shouldRollover(record)

    def doRollover(self) -> None:  # noqa: N802 (logging's name)
        try:
            super().doRollover()
        except OSError:
            self._blocked_until = time.monotonic() + self.RETRY_SECONDS
            if self.stream is None or self.stream.closed:
                self.stream = self._open()


def setup_logging(level: int = logging.INFO, *, console: bool = False) -> Path:
    """Attach the rotating file handler (once) to the root logger; return the file's path.

    ``console=True`` also logs to stderr (``--verbose``), through the same filter.
    """
    global _level_before
    shutdown_logging()
    root = logging.getLogger()
    path = log_file_path()
    _level_before = root.level
    file_handler = SharedRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True)
    handlers: list[logging.Handler] = [file_handler]
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler.addFilter(RedactingFilter())
        handler._pixop_desktop = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    # httpx logs every request URL at INFO; keep that out unless debugging.
    logging.getLogger("httpx").setLevel(logging.DEBUG if level <= logging.DEBUG else logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return path


def shutdown_logging() -> None:
    """Detach and close our handlers and restore the root level (tests, the end of a CLI run)."""
    global _level_before
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_pixop_desktop", False):
            root.removeHandler(handler)
            handler.close()
    if _level_before is not None:
        root.setLevel(_level_before)
        _level_before = None
        for name in _QUIETED:
            logging.getLogger(name).setLevel(logging.NOTSET)
