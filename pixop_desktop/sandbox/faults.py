"""Fault switches: make the sandbox misbehave on purpose, the way real networks and servers do.

Tests flip a switch, run the code under test against the sandbox, and check it copes. Every
switch is thread-safe (the server reads them from its event loop while tests write them from
theirs) and ``reset()`` turns them all off. Counted switches ("the next N responses") count
down as they fire, so a test can ask for exactly one failure and then see the retry succeed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

HOSTILE_FILENAMES = (
    "../../etc/passwd",
    "..\\..\\windows\\system32\\evil.mp4",
    "CON.mp4",
    "sub/dir/name.mp4",
    "nul\x00byte.mp4",
)
"""File names a test may pass to :meth:`Faults.hostile_filename` (any other string works too)."""

STUCK = "IN_PROGRESS"
"""The state :meth:`Faults.end_next` leaves work in when told to get stuck (no progress, no end)."""

WORK_KINDS = ("ingestion", "processing")


@dataclass
class _Counted:
    remaining: int = 0


class Faults:
    """Thread-safe fault switches read by the sandbox for every request."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._token_epoch = 0
        self._released = threading.Event()  # one Event for good: stuck work may be waiting on it
        self._download_starts: list[int] = []
        self._import_held = threading.Event()  # set once an import's answer is being held
        self.reset()

    def reset(self) -> None:
        """Turn every fault off (token expiry done by :meth:`expire_tokens` stays done)."""
        with self._lock:
            self._cut = _Counted()
            self._cut_after = 0
            self._short = _Counted()
            self._short_after = 0
            self._unframed = _Counted()
            self._unframed_after = 0
            self._partial_without_etag = False
            self._ignore_range = False
            self._unavailable = _Counted()
            self._unavailable_retry_after = 1
            self._unavailable_prefix = ""
            self._rate = 0
            self._etag_mode = "strong"
            self._etag_salt = ""
            self._filename: str | None = None
            self._requests_seen = 0
            self._drop_process = _Counted()
            self._hold_import = _Counted()
            self._endings: dict[str, list[tuple[str, str | None]]] = {kind: [] for kind in WORK_KINDS}
            self._download_starts = []
        self._released.set()  # nothing stays stuck after a reset

    # --- downloads -------------------------------------------------------------------------
    def cut_downloads(self, count: int = 1, after_bytes: int = 0) -> None:
        """Close the connection of the next ``count`` download responses after ``after_bytes``
        bytes of body (headers are sent normally, so the client sees a truncated transfer)."""
        with self._lock:
            self._cut = _Counted(count)
            self._cut_after = after_bytes

    def short_body(self, count: int = 1, after_bytes: int = 0) -> None:
        """Announce the full Content-Length for the next ``count`` downloads but send only
        ``after_bytes`` bytes, then end the response (the server closes the connection)."""
        with self._lock:
            self._short = _Counted(count)
            self._short_after = after_bytes

    def unframed_body(self, count: int = 1, after_bytes: int = 0) -> None:
        """Send the next ``count`` downloads without Content-Length and end them, cleanly, after
        ``after_bytes`` bytes: nothing in the answer itself tells the client it was cut short."""
        with self._lock:
            self._unframed = _Counted(count)
            self._unframed_after = after_bytes

    def partial_without_etag(self, enabled: bool = True) -> None:
        """Serve ranges whatever If-Range says, and answer them (206) without an ETag, as a
        proxy that ignores If-Range may."""
        with self._lock:
            self._partial_without_etag = enabled

    @property
    def partials_lack_etag(self) -> bool:
        with self._lock:
            return self._partial_without_etag

    def ignore_range(self, enabled: bool = True) -> None:
        """Ignore ``Range``/``If-Range`` on downloads: always answer 200 with the whole body."""
        with self._lock:
            self._ignore_range = enabled

    def weak_etag(self) -> None:
        """Serve ETags as weak validators (``W/"..."``), which must not pin a resumed Range."""
        with self._lock:
            self._etag_mode = "weak"

    def no_etag(self) -> None:
        """Send downloads without an ETag header at all."""
        with self._lock:
            self._etag_mode = "none"

    def salt_etags(self, salt: str) -> None:
        """Change every media ETag (as if the stored media had been replaced) without touching
        the bytes. See also ``Sandbox.replace_media`` to really change a video's media."""
        with self._lock:
            self._etag_salt = salt

    def hostile_filename(self, name: str = HOSTILE_FILENAMES[0]) -> None:
        """Send ``name`` as the download's Content-Disposition file name, whatever it is:
        path traversal, a Windows device name, slashes, backslashes, NUL bytes."""
        with self._lock:
            self._filename = name

    def download_starts(self) -> list[int]:
        """The first byte of every media body served so far (GET only; 0 unless a Range was
        honoured), so a test can see a download resumed instead of starting again."""
        with self._lock:
            return list(self._download_starts)

    def note_download_start(self, start: int) -> None:
        with self._lock:
            self._download_starts.append(start)

    # --- processing orders -----------------------------------------------------------------
    def drop_process_answers(self, count: int = 1) -> None:
        """Carry out the next ``count`` processing orders, v1 ``process-video`` or the current
        API's ``processing/start`` (the processed video exists, the order counts), but cut the
        connection before the answer's body: the client never learns it."""
        with self._lock:
            self._drop_process = _Counted(count)

    def take_dropped_process_answer(self) -> bool:
        """Whether the answer to the order just carried out must be dropped (consumes one)."""
        with self._lock:
            if self._drop_process.remaining <= 0:
                return False
            self._drop_process.remaining -= 1
            return True
    # --- imports ---------------------------------------------------------------------------
    def hold_import_answers(self, count: int = 1) -> None:
        """Carry out the next ``count`` imports (the video exists, the copy starts) but hold each
        answer until :meth:`release_stuck`, then cut the connection: a client killed meanwhile
        never learns the new video's id (:meth:`wait_import_held` says when to kill it)."""
        with self._lock:
            self._hold_import = _Counted(count)
            self._import_held.clear()
            self._released.clear()

    def take_held_import_answer(self) -> bool:
        """Whether the answer to the import just carried out must be held (consumes one)."""
        with self._lock:
            if self._hold_import.remaining <= 0:
                return False
            self._hold_import.remaining -= 1
        self._import_held.set()
        return True

    def wait_import_held(self, timeout: float) -> bool:
        """Until an import's answer is being held (True), or ``timeout`` seconds (False)."""
        return self._import_held.wait(timeout)

    def import_released(self) -> bool:
        return self._released.is_set()

    # --- ingestion and processing ------------------------------------------------------------
    def end_next(self, kind: str, state: str, reason: str | None = None, count: int = 1) -> None:
        """Make the next ``count`` ingestions or processing orders (``kind``: "ingestion" or
        "processing") end in ``state`` — any word: FAILED (ERROR under the ``error-state``
        variant), CANCELLED, ABORTED, an unknown one like ON_HOLD_FOREVER — with ``reason`` as
        its error (none if None). ``state=STUCK`` leaves it IN_PROGRESS with no progress until
        :meth:`release_stuck` (then it finishes normally). Processed videos' own ingestion and
        free clips are not counted: only the uploads, imports and orders a client makes."""
        if kind not in WORK_KINDS:
            raise ValueError(f"kind must be one of {WORK_KINDS}, not {kind!r}")
        with self._lock:
            self._endings[kind].extend([(state, reason)] * count)
            if state == STUCK:
                self._released.clear()

    def release_stuck(self) -> None:
        """Let work left stuck by ``end_next(kind, STUCK)`` go on (and finish)."""
        self._released.set()

    # --- every request ---------------------------------------------------------------------
    def unavailable(self, count: int = 1, retry_after: int = 1, path_prefix: str = "") -> None:
        """Answer the next ``count`` requests (only those whose path starts with
        ``path_prefix``, if given) with 503 and ``Retry-After: retry_after``."""
        with self._lock:
            self._unavailable = _Counted(count)
            self._unavailable_retry_after = retry_after
            self._unavailable_prefix = path_prefix

    def limit_rate(self, bytes_per_second: int) -> None:
        """Limit each upload and download body to about ``bytes_per_second`` (0 = unlimited)."""
        with self._lock:
            self._rate = max(0, int(bytes_per_second))

    def expire_tokens(self) -> None:
        """Make every JWT issued so far count as expired (→ ``ExpiredJWTTokenException``)."""
        with self._lock:
            self._token_epoch += 1

    # --- read side, used by the server -----------------------------------------------------
    def take_ending(self, kind: str) -> tuple[str, str | None] | None:
        """(state, reason) the work of ``kind`` starting now must end in, or None (consumes one)."""
        with self._lock:
            queue = self._endings.get(kind) or []
            return queue.pop(0) if queue else None

    def wait_released(self, cancelled) -> bool:
        """Block stuck work until released (True) or ``cancelled()`` (False)."""
        while not self._released.wait(0.05):
            if cancelled():
                return False
        return True

    @property
    def token_epoch(self) -> int:
        """Tokens carry the epoch they were issued in; older epochs are expired."""
        with self._lock:
            return self._token_epoch

    def take_unavailable(self, path: str) -> int | None:
        """Retry-After seconds if this request must get a 503, else None (consumes one)."""
        with self._lock:
            if self._unavailable.remaining <= 0 or not path.startswith(self._unavailable_prefix):
                return None
            self._unavailable.remaining -= 1
            return self._unavailable_retry_after

    def unavailable_left(self) -> int:
        """How many of the 503s asked for by :meth:`unavailable` are still to be given."""
        with self._lock:
            return self._unavailable.remaining

    def take_download_truncation(self, body_bytes: int | None = None) -> tuple[str, int] | None:
        """("cut" | "short" | "unframed", byte count) for the download starting now, or None. A body no
        longer than the byte count (a one-byte probe for a link that refuses HEAD) could not
        be truncated there, so it does not use the fault up."""
        with self._lock:
            if self._cut.remaining > 0 and (body_bytes is None or body_bytes > self._cut_after):
                self._cut.remaining -= 1
                return ("cut", self._cut_after)
            if self._short.remaining > 0 and (body_bytes is None or body_bytes > self._short_after):
                self._short.remaining -= 1
                return ("short", self._short_after)
            if self._unframed.remaining > 0 and (body_bytes is None or body_bytes > self._unframed_after):
                self._unframed.remaining -= 1
                return ("unframed", self._unframed_after)
            return None

    @property
    def ranges_ignored(self) -> bool:
        with self._lock:
            return self._ignore_range

    @property
    def rate(self) -> int:
        with self._lock:
            return self._rate

    def etag_for(self, digest: str) -> str | None:
        """The ETag header value for media with this sha256, as the switches say."""
        with self._lock:
            mode, salt = self._etag_mode, self._etag_salt
        if mode == "none" or not digest:
            return None
        value = digest if not salt else _salted(digest, salt)  # the SHA-256 itself: a known digest
        return f'W/"{value}"' if mode == "weak" else f'"{value}"'

    @property
    def filename_override(self) -> str | None:
        with self._lock:
            return self._filename


def _salted(digest: str, salt: str) -> str:
    import hashlib

    return hashlib.sha256(f"{digest}:{salt}".encode()).hexdigest()[:40]
