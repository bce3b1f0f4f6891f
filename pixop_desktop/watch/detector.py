"""Finding files in a watched folder, and knowing when one is complete.

Three pieces, each simple on its own:

- ``scan_folder`` lists the candidate files (patterns applied, our own Done/
  Failed/output folders left out). It is the source of truth: a rescan runs
  periodically whatever happens, because network shares send no events.
- ``FolderEvents`` wraps a watchdog observer. An event only says "look now";
  it never decides anything, so a missed or doubled event costs nothing.
- ``StableFileDetector`` takes a file only once its size and modification
  time have stayed the same across polls for the settle time, and it can be
  opened for reading. A copy in progress (or a camera card being dumped)
  keeps changing, so it is never taken half-written. Where the platform says
  a writer closed the file after its last modification (Linux's close-write
  event), the settle wait is skipped: two polls seeing the same state do.
  A copy that stalls longer than the settle time is still taken half-written
  sometimes; ``supersede`` sends it again when the rest arrives.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pixop_desktop.platform_paths import events_hold_folder_open, path_key

from .claims import CLAIMS_FOLDER
from .rules import WatchRule

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A file found by a scan: its path and what ``stat`` said."""

    path: Path
    info: os.stat_result

    @property
    def signature(self) -> tuple[int, int]:
        return self.info.st_size, self.info.st_mtime_ns


def scan_folder(rule: WatchRule) -> list[Candidate]:
    """Every file in the rule's folder that its patterns accept (subfolders when recursive)."""
    root = Path(rule.folder)
    excluded = {path_key(p) for p in rule.excluded_folders()}
    return sorted(_walk(root, rule, excluded), key=lambda c: str(c.path))


def _walk(folder: Path, rule: WatchRule, excluded: set[str]) -> Iterator[Candidate]:
    try:
        entries = list(os.scandir(folder))
    except OSError as exc:  # the share went away, permissions …: the next scan tries again
        log.debug("Cannot list %s: %s", folder, exc)
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if entry.name == CLAIMS_FOLDER:  # the watchers' own claims, hidden or not
                    continue
                hidden = rule.ignore_hidden and entry.name.startswith(".")
                if rule.recursive and not hidden and path_key(entry.path) not in excluded:
                    yield from _walk(Path(entry.path), rule, excluded)
            elif entry.is_file() and rule.wants_name(entry.name):
                yield Candidate(Path(entry.path), _with_identity(entry))
        except OSError:  # vanished between listing and stat
            continue


def _with_identity(entry: os.DirEntry) -> os.stat_result:
    """The entry's stat with the file's identity. On Windows a directory listing reports
    ``st_dev``/``st_ino`` as 0 (the documented scandir behaviour), and a file whose identity
    never matches a fresh stat would be looked at forever and never sent: ask ``os.stat`` then."""
    info = entry.stat()
    if info.st_ino == 0 and info.st_dev == 0:
        info = os.stat(entry.path)
    return info


def can_open(path: Path) -> bool:
    """Whether the file can be opened for reading now (a writer may hold it locked on Windows)."""
    try:
        with open(path, "rb") as handle:
            handle.read(1)
    except OSError:
        return False
    return True


# A settled file that cannot be opened at this many polls in a row is reported as unreadable
# (a writer's lock is brief; a missing permission is not).
UNREADABLE_AFTER_POLLS = 3


@dataclass(slots=True)
class _Watch:
    signature: tuple[int, int]
    since: float       # when this signature was first seen
    polls: int = 1     # how many polls saw this signature


class StableFileDetector:
    """Says which files have stopped changing for ``settle`` seconds (and can be opened).

    Feed it every scan with ``update``; it returns the files that are stable
    now. A file is returned once per signature: if it changes afterwards it
    has to settle again (and is returned again — the ledger decides whether
    that is news).
    """

    def __init__(self, settle: float, *, clock: Callable[[], float] = time.monotonic,
                 opener: Callable[[Path], bool] = can_open) -> None:
        self.settle = settle
        self.clock, self.opener = clock, opener
        self._watching: dict[Path, _Watch] = {}
        self._taken: dict[Path, tuple[int, int]] = {}
        self._closed: dict[Path, int] = {}  # path → wall-clock ns of its last close-after-write event
        self._closed_lock = threading.Lock()
        # Settled files that still cannot be opened (permissions, a lock that stays): said once,
        # no longer "pending" (so ``watch --once`` ends), and tried again at every pass.
        self._unreadable: dict[Path, tuple[int, int]] = {}
        self._newly_unreadable: list[Path] = []

    def closed_after_write(self, path: Path) -> None:
        """A close-after-write event (inotify's IN_CLOSE_WRITE, from the observer's thread). Only a
        hint that lets a file settle sooner: network shares send no events, so never required."""
        with self._closed_lock:
            self._closed[Path(path)] = time.time_ns()

    def _closed_since_written(self, candidate: Candidate) -> bool:
        """Whether the writer closed the file after its last modification."""
        with self._closed_lock:
            closed = self._closed.get(candidate.path)
        return closed is not None and closed >= candidate.info.st_mtime_ns

    @property
    def pending(self) -> int:
        """Files seen but not stable yet (a settled file that cannot be read is not waited for)."""
        return sum(1 for path, w in self._watching.items()
                   if self._taken.get(path) != w.signature and self._unreadable.get(path) != w.signature)

    def take_unreadable(self) -> list[Path]:
        """Files found unreadable since the last call, each once per version of the file."""
        found, self._newly_unreadable = self._newly_unreadable, []
        return found

    @property
    def settled(self) -> int:
        """Files offered as stable in their current state (a changed one counts again once it settles)."""
        return sum(1 for path, w in self._watching.items() if self._taken.get(path) == w.signature)

    def update(self, candidates: list[Candidate]) -> list[Candidate]:
        now = self.clock()
        present = {c.path for c in candidates}
        for path in [p for p in self._watching if p not in present]:  # gone (moved away, deleted)
            del self._watching[path]
            self._taken.pop(path, None)
            self._unreadable.pop(path, None)
            with self._closed_lock:
                self._closed.pop(path, None)
        stable = []
        for candidate in candidates:
            watch = self._watching.get(candidate.path)
            if watch is None or watch.signature != candidate.signature:
                self._watching[candidate.path] = _Watch(candidate.signature, now)
                continue
            watch.polls += 1
            if self._taken.get(candidate.path) == watch.signature:
                continue
            if now - watch.since < self.settle and not self._closed_since_written(candidate):
                continue
            if self.opener(candidate.path):
                self._taken[candidate.path] = watch.signature
                self._unreadable.pop(candidate.path, None)
                stable.append(candidate)
            elif watch.polls >= UNREADABLE_AFTER_POLLS and self._unreadable.get(candidate.path) != watch.signature:
                self._unreadable[candidate.path] = watch.signature
                self._newly_unreadable.append(candidate.path)
        return stable

    def forget(self, path: Path) -> None:
        """Look at ``path`` afresh (for example after it failed to submit)."""
        self._watching.pop(path, None)
        self._taken.pop(path, None)
        self._unreadable.pop(path, None)


class FolderEvents:
    """A watchdog observer that sets ``wake`` on any change under the watched folders.

    Where the platform's events do not work (or a rule forces polling) the
    periodic rescans find everything anyway; events only make arrivals quicker.
    """

    def __init__(self, holds_open: Callable[[Path], bool] = events_hold_folder_open) -> None:
        self._holds_open = holds_open
        self._observer = None
        self._lock = threading.Lock()
        self._watches: dict[str, tuple[object, threading.Event]] = {}

    def watch(self, key: str, folder: Path, recursive: bool, wake: threading.Event,
              closed: Callable[[Path], None] | None = None) -> bool:
        """Start sending events for ``folder`` to ``wake`` (and close-after-write events to ``closed``);
        False when the platform refuses."""
        from watchdog.events import FileSystemEventHandler

        class _Handler(FileSystemEventHandler):
            def on_any_event(self, event) -> None:  # created, modified, moved, closed …
                if event.event_type == "closed" and closed is not None and not event.is_directory:
                    closed(Path(os.fsdecode(event.src_path)))
                if event.event_type != "opened":
                    wake.set()

        if self._holds_open(folder):
            log.info("Rescanning %s instead of watching it, so that its drive can be ejected", folder)
            return False
        with self._lock:
            try:
                observer = self._ensure_observer()
                handle = observer.schedule(_Handler(), str(folder), recursive=recursive)
            except (OSError, RuntimeError) as exc:
                log.warning("No file events for %s (%s); rescanning periodically instead", folder, exc)
                return False
            self._watches[key] = (handle, wake)
            return True

    def unwatch(self, key: str) -> None:
        with self._lock:
            entry = self._watches.pop(key, None)
            if entry is not None and self._observer is not None:
                try:
                    self._observer.unschedule(entry[0])
                except (KeyError, OSError):
                    pass

    def _ensure_observer(self):
        if self._observer is None:
            from watchdog.observers import Observer

            self._observer = Observer()
            self._observer.start()
        return self._observer

    def stop(self) -> None:
        """Stop the observer and join its threads."""
        with self._lock:
            observer, self._observer = self._observer, None
            self._watches.clear()
        if observer is not None:
            observer.stop()
            observer.join()
