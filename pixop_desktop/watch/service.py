"""The watch service: every active rule on its own thread, one shared observer.

Each rule's thread runs ``RuleWatcher.poll()``: often while files are
settling or jobs are in flight, every ``rescan_seconds`` otherwise, and at
once when a file-system event or the runner (a job of the rule changed)
wakes it. ``stop()`` joins every thread; nothing in flight is lost, because
everything a watcher decides is in the ledger and the queue already.

The service does not run jobs: a ``Runner`` does (in this process for the
``watch`` command and the app; it may also be another process).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from pixop_desktop.jobs.model import ENDED_STATES, Job
from pixop_desktop.jobs.store import JobStore

from .detector import FolderEvents
from .ledger import Ledger
from .rules import WatchRule
from .watcher import EventSink, RuleWatcher

if TYPE_CHECKING:
    from pixop_desktop.api.client import PixopClient

log = logging.getLogger(__name__)

FOLLOW_EVERY = 1.0  # seconds between looks at in-flight jobs when nothing wakes us
WITHOUT_EVENTS_EVERY = 5.0  # seconds between rescans of a folder whose events were refused


def settling_interval(rule: WatchRule) -> float:
    """How often to poll while a file settles: a few polls per settle time."""
    return max(0.05, min(2.0, rule.settle_seconds / 4))


class _RuleThread:
    def __init__(self, watcher: RuleWatcher, events: FolderEvents | None) -> None:
        self.watcher = watcher
        self.wake = threading.Event()
        self._stopping = threading.Event()
        self._events = events
        self._events_on = False
        self._thread = threading.Thread(target=self._loop, name=f"watch-{watcher.rule.id}")

    def start(self) -> None:
        rule = self.watcher.rule
        if self._events is not None and not rule.poll_only:
            self._events_on = self._events.watch(rule.id, self.watcher.root, rule.recursive, self.wake,
                                                 closed=self.watcher.detector.closed_after_write)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self.wake.set()
        if self._events is not None:
            self._events.unwatch(self.watcher.rule.id)

    def join(self) -> None:
        self._thread.join()

    def _loop(self) -> None:
        rule = self.watcher.rule
        while not self._stopping.is_set():
            self.wake.clear()  # before the pass: an event during it makes the next one come at once
            try:
                self.watcher.poll()
                delay = self._next_delay(rule)
            except Exception:  # the share vanished, the store is busy …: keep watching
                log.exception("Watching %s failed; trying again", rule.folder)
                delay = rule.rescan_seconds
            self.wake.wait(delay)

    def _next_delay(self, rule: WatchRule) -> float:
        if self.watcher.pending:
            return settling_interval(rule)
        if self.watcher.in_flight():
            return min(rule.rescan_seconds, FOLLOW_EVERY)
        if self._events is not None and not rule.poll_only and not self._events_on:
            # Events were wanted but refused (a removable drive, a platform limit): rescans must
            # find arrivals about as soon as events would have.
            return min(rule.rescan_seconds, WITHOUT_EVENTS_EVERY)
        return rule.rescan_seconds


class WatchService:
    """Runs the active (not paused) rules. ``start()``, then ``stop()`` (always)."""

    def __init__(self, store: JobStore, rules: Iterable[WatchRule] = (), *, on_event: EventSink | None = None,
                 use_events: bool = True, folder_events: FolderEvents | None = None) -> None:
        self.store = store
        self.ledger = Ledger(store)
        self.on_event = on_event
        self._events = (folder_events or FolderEvents()) if use_events else None
        self._rules = list(rules)
        self._threads: dict[str, _RuleThread] = {}
        self.client: PixopClient | None = None
        """The runner's connection, when there is one: a file that changed after it was sent has its
        earlier upload deleted on Pixop with it (see ``supersede``). Set by ``attach``."""
        self._lock = threading.Lock()
        self._started = False

    # ----- life cycle -------------------------------------------------------------------

    def start(self) -> WatchService:
        with self._lock:
            self._started = True
            self._apply(self._rules)
        return self

    def stop(self) -> None:
        with self._lock:
            self._started = False
            threads, self._threads = list(self._threads.values()), {}
        for thread in threads:
            thread.stop()
        for thread in threads:
            thread.join()
        if self._events is not None:
            self._events.stop()

    def __enter__(self) -> WatchService:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # ----- rules -------------------------------------------------------------------------

    def set_rules(self, rules: Iterable[WatchRule]) -> None:
        """Apply edited rules: changed ones restart, removed or paused ones stop, new ones start."""
        with self._lock:
            self._rules = list(rules)
            if self._started:
                self._apply(self._rules)

    def _apply(self, rules: list[WatchRule]) -> None:
        wanted = {rule.id: rule for rule in rules if not rule.paused}
        for rule_id, thread in list(self._threads.items()):
            if wanted.get(rule_id) != thread.watcher.rule:
                thread.stop()
                thread.join()
                del self._threads[rule_id]
        for rule_id, rule in wanted.items():
            if rule_id not in self._threads:
                thread = _RuleThread(RuleWatcher(rule, self.store, self.ledger, self.on_event,
                                                  client=lambda: self.client), self._events)
                self._threads[rule_id] = thread
                thread.start()

    def rescan(self, rule_id: str | None = None) -> None:
        """Look at the folder now (one rule, or all): a "Scan now" button, a test, a signal."""
        with self._lock:
            threads = [t for key, t in self._threads.items() if rule_id in (None, key)]
        for thread in threads:
            thread.wake.set()

    def watcher(self, rule_id: str) -> RuleWatcher | None:
        with self._lock:
            thread = self._threads.get(rule_id)
            return thread.watcher if thread else None

    # ----- the runner ----------------------------------------------------------------------

    def job_changed(self, job: Job) -> None:
        """A runner's ``job_changed`` listener: a rule's job ended → follow it up now."""
        if job.watch_rule_id is None or job.state not in ENDED_STATES:
            return
        with self._lock:
            thread = self._threads.get(job.watch_rule_id)
        if thread is not None:
            thread.wake.set()

    def attach(self, runner_events, client: PixopClient | None = None) -> Callable[[], None]:
        """Listen to a runner's events (and use its ``client``, if given, to delete the uploads of
        withdrawn versions); returns the function that undoes both."""
        unsubscribe = runner_events.subscribe_job_changed(self.job_changed)
        if client is not None:
            self.client = client

        def detach() -> None:
            unsubscribe()
            if self.client is client:
                self.client = None
        return detach
