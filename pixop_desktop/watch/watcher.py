"""One rule at work: scan → stable → decide → enqueue, and follow the jobs it made.

``RuleWatcher.poll()`` is one pass and has no thread of its own (the service
runs it on a thread; ``watch --once`` and the tests call it directly). A pass:

1. scans the folder and feeds the ``StableFileDetector``;
2. for each file that is stable now, decides — once, written in the ledger —
   whether it is already known (a restart), not a video (left alone), a
   duplicate of content already paid for, or a new job for the queue;
3. looks at the jobs it submitted that have ended since: a done job's file
   was moved by the pipeline's after-action (if the rule says so); a failed
   job's file is moved to Failed/ here, with the reason beside it.

Adding the job and writing its ledger row is one transaction, so no crash
can make a restart submit the same file again.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from typing import TYPE_CHECKING

from pixop_desktop.jobs.model import ENDED_STATES, AfterAction, Job, Source, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.transfer.probe import EmptyFile, FileMissing, FileUnreadable, LocalFileRefused, preflight
from pixop_desktop.platform_paths import same_path

from . import outcomes, supersede
from .detector import Candidate, StableFileDetector, scan_folder
from .claims import owner_for
from .ledger import Entry, FileSeen, Ledger, LedgerEntry, fingerprint, folder_key
from .on_server import OnServer
from .rules import AfterFailure, AfterSuccess, Approval, RuleError, WatchRule
from .sharing import SharedFolder

if TYPE_CHECKING:
    from pixop_desktop.api.client import PixopClient

log = logging.getLogger(__name__)


class EventKind(StrEnum):
    ARRIVED = "arrived"
    SUBMITTED = "submitted"
    DONE = "done"
    FAILED = "failed"
    DUPLICATE = "duplicate"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"
    SUPERSEDED = "superseded"  # changed after it was sent; the new version was sent again
    UNREADABLE = "unreadable"  # settled, but cannot be opened: said once, tried again each pass
    FOUND = "found"            # Pixop already holds a processed video of this content: not sent again
    CLAIMED = "claimed"        # another machine's watcher is sending it: left to it


@dataclass(frozen=True, slots=True)
class WatchEvent:
    """Something that happened to a file of a rule; ``line()`` is the plain log line."""

    kind: EventKind
    rule_id: str
    rel_path: str
    detail: str = ""
    job_id: int | None = None

    def line(self) -> str:
        text = f"{self.kind.value:<10} {self.rel_path}"
        return f"{text}  {self.detail}" if self.detail else text


EventSink = Callable[[WatchEvent], None]


#: How a file's earlier attempt ended for it to be taken again when it comes back.
RETRIABLE = (Entry.FAILED, Entry.CANCELLED)


def _why_again(earlier: LedgerEntry | None, previous: LedgerEntry | None) -> str | None:
    """The ledger's note on a file sent again (None for a first time)."""
    if previous is not None:
        return f"{supersede.CHANGED} (job {previous.job_id} was its earlier version)."
    if earlier is not None:
        return f"Another attempt after: {earlier.reason or earlier.state.value}"
    return None


def _changed_since(entry: LedgerEntry) -> bool:
    """Whether the file is still where the entry says, but no longer as it was when it was sent."""
    try:
        info = os.stat(entry.path)
    except OSError:
        return False
    return (info.st_size, info.st_mtime_ns) != (entry.size, entry.mtime_ns)


def came_back(earlier: LedgerEntry, seen: FileSeen) -> bool:
    """Whether a known file is back for another attempt: its last attempt failed or was cancelled and
    it is not where that attempt left it (moved back from Failed/, or renamed). A failed file left
    in place is not sent again at every restart."""
    return earlier.state in RETRIABLE and not same_path(earlier.path, seen.path)


class RuleWatcher:
    """Applies one rule to its folder. Not thread-safe: one caller at a time."""

    def __init__(self, rule: WatchRule, store: JobStore, ledger: Ledger, emit: EventSink | None = None, *,
                 clock: Callable[[], float] = time.monotonic,
                 client: Callable[[], PixopClient | None] = lambda: None,
                 claim_stale_after: float | None = None) -> None:
        self.rule, self.store, self.ledger = rule, store, ledger
        # The connection now, if any: to ask Pixop what it holds, and to delete a withdrawn version's upload.
        self._client = client
        self._emit = emit or (lambda event: None)
        self.detector = StableFileDetector(rule.settle_seconds, clock=clock)
        self.folder = folder_key(rule.folder)
        self.shared = SharedFolder(Path(rule.folder), owner_for(store.path), client, rule.project_id,
                                   claim_stale_after)
        self.scans = 0

    @property
    def root(self) -> Path:
        return Path(self.rule.folder)

    def poll(self) -> None:
        """One pass: scan, take what is stable, follow the jobs that ended."""
        for path in self.shared.new_pass():  # given back by another machine's watcher: look again
            self.detector.forget(path)
        for candidate in self.detector.update(scan_folder(self.rule)):
            try:
                self.consider(candidate)
            except OSError as exc:  # vanished or unreadable meanwhile: look again later
                log.info("Watch %s: %s: %s", self.rule.display_name, candidate.path, exc)
                self.detector.forget(candidate.path)
        for path in self.detector.take_unreadable():
            self._unreadable(path)
        self.scans += 1
        self.follow_jobs()

    def _unreadable(self, path: Path) -> None:
        try:
            seen = FileSeen.of(path, self.root)
        except OSError:
            return  # gone meanwhile
        self._event(EventKind.UNREADABLE, seen, "cannot be opened; check its permissions, or whether "
                                                "another program holds it locked. It is tried again at every scan")
        log.warning("Watch %s: %s cannot be opened; it is tried again at every scan",
                    self.rule.display_name, seen.rel_path)

    @property
    def pending(self) -> int:
        """Files seen that are not stable yet."""
        return self.detector.pending

    def in_flight(self) -> list[LedgerEntry]:
        """Ledger entries of this folder whose jobs have not ended yet (whichever rule submitted them:
        a folder removed and added again still follows up its jobs)."""
        return self.ledger.entries(self.rule.id, states=(Entry.SUBMITTED,), folder=self.folder)

    # ----- one stable file -------------------------------------------------------------

    def consider(self, candidate: Candidate) -> None:
        seen = FileSeen.of(candidate.path, self.root, candidate.info)
        earlier = self.ledger.known(self.rule.id, seen)
        if earlier is not None and not came_back(earlier, seen):
            return  # already dealt with (we restarted, or it was renamed in place)
        self._event(EventKind.ARRIVED, seen, "another attempt" if earlier is not None else "")
        try:
            media = preflight(candidate.path)
        except FileMissing:
            self.detector.forget(candidate.path)
            return
        except EmptyFile:  # nothing written yet: taken when it changes (the detector offers it again)
            return
        except LocalFileRefused as refusal:
            self._refused(seen, refusal)
            return
        print_ = fingerprint(candidate.path, seen.size)
        if FileSeen.of(candidate.path, self.root) != seen:  # changed while we read it: let it settle again
            self.detector.forget(candidate.path)
            return
        try:
            job = self.job_for(seen, media.size, media.mtime_ns)
        except RuleError as exc:
            self._fail_unsent(seen, print_, "The watch rule cannot be used", str(exc))
            return
        if (holder := self.shared.claim(candidate.path, seen.rel_path)) is not None:
            self._event(EventKind.CLAIMED, seen, f"being sent by {holder.describe()}; left to it")
            return
        submitted = False
        try:
            submitted = self._decide(seen, print_, job, earlier)
        finally:
            if not submitted:
                self.shared.release(seen.rel_path)

    def _on_server(self, seen: FileSeen, print_: str) -> OnServer | None:
        """Pixop's video of this content, unless this folder's ledger knows it paid for it already."""
        if self.ledger.paid_for(self.rule.id, print_, self.folder) is not None:
            return None
        return self.shared.on_server(print_)

    def _decide(self, seen: FileSeen, print_: str, job: Job, earlier: LedgerEntry | None) -> bool:
        """Duplicate, already on Pixop, new version of a file already sent, or new: decided and written
        in ONE write transaction (BEGIN IMMEDIATE), so a second watcher of this folder — another rule,
        the app and a headless ``watch`` — waits for it, then sees the row and never sends the file
        twice. Pixop is asked first (outside the transaction). True when a job was added."""
        withdrawn = paid = job_id = None
        found = self._on_server(seen, print_)
        with self.store.transaction():
            latest = self.ledger.known(self.rule.id, seen)
            if latest is not None and (earlier is None or latest.id != earlier.id):
                return False  # decided meanwhile by another watcher of this folder
            paid = self.ledger.paid_for(self.rule.id, print_, self.folder)
            if paid is not None:
                self.ledger.record(self.rule.id, seen, Entry.DUPLICATE, fingerprint=print_, duplicate_of=paid.id,
                                   reason=f"Same content as {paid.rel_path}")
            elif found is not None and found.processed:
                self.ledger.record(self.rule.id, seen, Entry.FOUND, fingerprint=print_,
                                   reason=f"Already on Pixop as video {found.video_id} ({found.name})")
            else:
                if found is not None:  # uploaded (or begun) but never processed: no second upload
                    job.video_id = found.video_id
                previous = self.ledger.sent_before(self.rule.id, seen)
                job_id = self.store.add(job, message=f"Found in watched folder {self.rule.display_name}")
                self.ledger.record(self.rule.id, seen, Entry.SUBMITTED, fingerprint=print_, job_id=job_id,
                                   reason=_why_again(earlier, previous))
                if previous is not None:
                    withdrawn = supersede.withdraw(self.store, self.ledger, previous, job_id)
        if paid is not None:
            self._event(EventKind.DUPLICATE, seen, f"same content as {paid.rel_path}; not sent again")
            log.warning("Watch %s: %s has the same content as %s; not sent again",
                        self.rule.display_name, seen.rel_path, paid.rel_path)
            return False
        if job_id is None:
            self._event(EventKind.FOUND, seen, f"already processed on Pixop (video {found.video_id}); not sent again")
            return False
        if withdrawn is not None:
            self._withdrawn(withdrawn, job_id)
        self._event(EventKind.SUBMITTED, seen, f"job {job_id}" + (f", on Pixop's video {found.video_id}"
                                                                   if found is not None else ""), job_id)
        return True

    def _withdrawn(self, withdrawn: supersede.Withdrawn, job_id: int) -> None:
        moved = supersede.tidy_up(withdrawn, self._client())
        what = f"{supersede.CHANGED.lower()} as job {job_id}"
        if withdrawn.cancelled:
            what += f" (job {withdrawn.entry.job_id} cancelled)"
        if moved is not None:
            what += f"; the earlier result is now {moved.name}"
        self._event(EventKind.SUPERSEDED, withdrawn.entry, what, withdrawn.entry.job_id)

    def _refused(self, seen: FileSeen, refusal: LocalFileRefused) -> None:
        """The pre-flight probe refused the file. A sidecar (no video extension) is recorded and left
        alone; a "video" that is not one (corrupt, a renamed text file) is a failure, handled as the
        rule says (moved to Failed/ with the reason), so someone sees it."""
        if outcomes.looks_like_video(seen.rel_path) and not isinstance(refusal, FileUnreadable):
            self._fail_unsent(seen, None, refusal.title, refusal.message)
            return
        self.ledger.record(self.rule.id, seen, Entry.SKIPPED, reason=refusal.message)
        self._event(EventKind.SKIPPED, seen, refusal.title.lower())

    def job_for(self, seen: FileSeen, size: int, mtime_ns: int) -> Job:
        """The queue job for a file of this rule (its subfolders mirrored in output and Done/)."""
        rule = self.rule
        request, preset = rule.request()
        moves = rule.after_success is AfterSuccess.MOVE
        return Job(Source.local(seen.path, size, mtime_ns), ingestion=rule.ingestion, project_id=rule.project_id,
                   processing=request, preset=preset,
                   needs_approval=rule.approval is Approval.HOLD and request is not None,
                   output_folder=outcomes.output_folder_for(rule, seen.rel_path) if request is not None else None,
                   name_template=rule.name_template,
                   after_action=AfterAction.MOVE if moves else AfterAction.LEAVE,
                   done_folder=outcomes.done_folder_for(rule, seen.rel_path) if moves else None,
                   watch_rule_id=rule.id)

    def _fail_unsent(self, seen: FileSeen, print_: str | None, title: str, message: str) -> None:
        reason = outcomes.reason_line(title, message)
        entry_id = self.ledger.record(self.rule.id, seen, Entry.FAILED, fingerprint=print_, reason=reason)
        if (moved := self._move_failed(Path(seen.path), seen.rel_path, title, message, None)) is not None:
            self.ledger.set_state(entry_id, Entry.FAILED, path=str(moved))
        self._event(EventKind.FAILED, seen, reason)

    # ----- following the jobs ----------------------------------------------------------

    def follow_jobs(self) -> None:
        """Record the jobs that ended since the last pass (and move failed files)."""
        entries = {entry.job_id: entry for entry in self.in_flight() if entry.job_id is not None}
        if not entries:
            return
        jobs = {job.id: job for job in self.store.list_jobs(ids=list(entries))}
        for job_id, entry in entries.items():
            job = jobs.get(job_id)
            if job is not None and job.state not in ENDED_STATES:
                self.shared.keep(entry.rel_path)  # still ours: the heartbeat says so to other machines
                continue
            self.shared.release(entry.rel_path)
            if job is None:  # removed from the queue by a person: never sent again
                self.ledger.set_state(entry.id, Entry.CANCELLED, reason="The job was removed from the queue.")
                self._event(EventKind.CANCELLED, entry, "removed from the queue", job_id)
            elif job.state is State.DONE:
                self.ledger.set_state(entry.id, Entry.DONE)
                self._event(EventKind.DONE, entry, f"→ {job.output_path}" if job.output_path else "", job_id)
            elif job.state is State.FAILED:
                self._job_failed(entry, job)
            elif job.state is State.CANCELLED:
                self.ledger.set_state(entry.id, Entry.CANCELLED, reason="Cancelled in the queue.")
                self._event(EventKind.CANCELLED, entry, "cancelled in the queue", job_id)

    def _job_failed(self, entry: LedgerEntry, job: Job) -> None:
        if _changed_since(entry):  # e.g. the upload refused a file a stalled copy went on writing
            note = f"{supersede.CHANGED} once it settles"
            self.ledger.set_state(entry.id, Entry.SUPERSEDED, reason=f"{note}.")
            self._event(EventKind.SUPERSEDED, entry, note.lower(), job.id)
            return  # not moved to Failed/: the detector offers the new version when it settles
        title, message = (job.error.title, job.error.message) if job.error else ("Failed", "No reason was recorded.")
        moved = self._move_failed(Path(entry.path), entry.rel_path, title, message, job.id)
        reason = outcomes.reason_line(title, message)
        self.ledger.set_state(entry.id, Entry.FAILED, reason=reason, path=str(moved) if moved else None)
        self._event(EventKind.FAILED, entry, reason, job.id)

    def _move_failed(self, source: Path, rel_path: str, title: str, message: str,
                     job_id: int | None) -> Path | None:
        if self.rule.after_failure is not AfterFailure.MOVE or not source.exists():
            return None
        try:
            moved = outcomes.move_to_failed(self.rule, source, rel_path, title, message, job_id)
        except OSError as exc:
            log.warning("Watch %s: cannot move %s to the Failed folder: %s", self.rule.display_name, source, exc)
            return None
        self.detector.forget(source)  # moved back (even before the next scan): news, offered again
        return moved

    def _event(self, kind: EventKind, about: FileSeen | LedgerEntry, detail: str = "",
               job_id: int | None = None) -> None:
        event = WatchEvent(kind, self.rule.id, about.rel_path, detail, job_id)
        log.info("Watch %s: %s", self.rule.display_name, event.line())
        try:
            self._emit(event)
        except Exception:  # a broken listener must not stop the watcher
            log.exception("A watch event listener failed")
