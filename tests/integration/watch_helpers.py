"""Shared by the watched-folder tests: a watch service + runner against the sandbox, and waits."""

from __future__ import annotations

import struct
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from pixop_desktop.watch.rules import WatchRule
from pixop_desktop.watch.service import WatchService
from pixop_desktop.watch.watcher import EventKind, WatchEvent

from .jobs_helpers import running

# "events": the observer on, rescans rare (so events must do the work);
# "polling": the observer off and the rule forced to poll, rescans frequent.
MODES = ("events", "polling")


def wait_until(condition: Callable[[], object], timeout: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def make_rule(mode: str, folder: Path, **fields) -> WatchRule:
    fields.setdefault("settle_seconds", 0.6)
    if mode == "polling":
        return WatchRule(folder=str(folder), poll_only=True, rescan_seconds=0.1, **fields)
    return WatchRule(folder=str(folder), rescan_seconds=120.0, **fields)


class EventLog:
    """Collects watch events (from the watcher threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.events: list[WatchEvent] = []

    def __call__(self, event: WatchEvent) -> None:
        with self._lock:
            self.events.append(event)

    def of(self, kind: EventKind) -> list[str]:
        with self._lock:
            return [e.rel_path for e in self.events if e.kind is kind]


@contextmanager
def watching(store, sandbox, rules: list[WatchRule], mode: str, *, runner: bool = True):
    """A started watch service (and runner); yields (service, event log, runner or None)."""
    log = EventLog()
    service = WatchService(store, rules, on_event=log, use_events=mode == "events")
    if not runner:
        with service:
            yield service, log, None
        return
    with running(store, sandbox) as job_runner:
        unsubscribe = service.attach(job_runner.events)
        try:
            with service:
                yield service, log, job_runner
        finally:
            unsubscribe()


def scans_after(service: WatchService, rule_id: str, more: int = 2, timeout: float = 10.0) -> None:
    """Wait until the rule's watcher has made ``more`` further passes over its folder.

    Each wait also asks for a pass: with events on and rare rescans, a quiet
    folder is otherwise not looked at again (which is the point of events).
    """
    watcher = service.watcher(rule_id)
    target = watcher.scans + more

    def scanned() -> bool:
        service.rescan(rule_id)
        return watcher.scans >= target
    wait_until(scanned, timeout, f"{more} scans")


def free_box(size: int) -> bytes:
    """The header of an ISO BMFF ``free`` box of ``size`` bytes (legal padding at an MP4's end)."""
    return struct.pack(">I4s", size, b"free")
