"""The queue as a table model, refreshed by one timer, fluid with 10,000 jobs.

How changes reach the rows:

- The runner's events arrive on its own threads. ``JobInbox`` (plain Python,
  a lock and two dicts) only *remembers* them: the newest ``Job`` per id and
  the newest ``Progress`` per id. No Qt object is touched off the GUI thread.
- ``QueueModel.tick()`` runs on a QTimer in the GUI thread (≈ 5 Hz), takes
  what the inbox holds and applies it: ``dataChanged`` on the changed rows
  only, grouped in runs. Rows move, appear or disappear only when the order
  or the filter asks for it (``beginInsertRows``/``beginRemoveRows``/
  ``layoutChanged`` with persistent indexes, so the selection survives).
- The store is read in full once (``reload``), when the view opens or the
  person presses Refresh; jobs the GUI changes itself are applied directly.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt,
                            Signal)

from pixop_desktop.jobs.events import RunnerEvents
from pixop_desktop.jobs.model import ENDED_STATES, Job, Progress, SourceKind, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.ui.queue import row_look, text
from pixop_desktop.ui.queue.text import FILTER_STATES, QueueFilter

NAME, STAGE, PROGRESS, SPEED, ETA, SIZE, RESULT, ORIGIN = range(8)
HEADERS = (  # marked for lupdate; translated in headerData
    QT_TRANSLATE_NOOP("QueueModel", "Name"), QT_TRANSLATE_NOOP("QueueModel", "Stage"),
    QT_TRANSLATE_NOOP("QueueModel", "Progress"), QT_TRANSLATE_NOOP("QueueModel", "Speed"),
    QT_TRANSLATE_NOOP("QueueModel", "Time left"), QT_TRANSLATE_NOOP("QueueModel", "Size"),
    QT_TRANSLATE_NOOP("QueueModel", "Result"), QT_TRANSLATE_NOOP("QueueModel", "Made by"),
)

JOB_ID_ROLE = Qt.ItemDataRole.UserRole + 1
JOB_ROLE = Qt.ItemDataRole.UserRole + 2
PERCENT_ROLE = Qt.ItemDataRole.UserRole + 3   # 0–100, or -1 when unknown (busy bar)
STATE_ROLE = Qt.ItemDataRole.UserRole + 4
LOOK_ROLES = (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole)
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren  # per cell: once
SPAN_AFTER_RUNS = 8  # more runs of changed rows than this in one tick: one dataChanged for their span


class JobInbox:
    """Thread-safe mailbox between the runner's threads and the GUI timer (no Qt)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[int, Job] = {}
        self._progress: dict[int, Progress] = {}
        self._unsubscribe: list = []

    def job_changed(self, job: Job) -> None:
        with self._lock:
            self._jobs[job.id] = job
            self._progress.pop(job.id, None)  # the job carries its own newest counters

    def progress(self, job_id: int, progress: Progress | None) -> None:
        if progress is None:
            return
        with self._lock:
            self._progress[job_id] = progress

    def take(self) -> tuple[dict[int, Job], dict[int, Progress]]:
        with self._lock:
            jobs, self._jobs = self._jobs, {}
            progress, self._progress = self._progress, {}
        return jobs, progress

    def listen_to(self, events: RunnerEvents) -> None:
        self._unsubscribe += [events.subscribe_job_changed(self.job_changed),
                              events.subscribe_progress(self.progress)]

    def stop_listening(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()


class RuleLabels:
    """Watched-folder names by rule id, read once and replaced when the rules change (cheap per cell)."""

    def __init__(self, rules: list | None = None) -> None:
        self._rules = rules
        self._labels: dict[str, str] = {}

    def set_rules(self, rules: list) -> None:
        self._rules, self._labels = list(rules), {}

    def label(self, rule_id: str) -> str:
        if rule_id not in self._labels:
            from pixop_desktop.watch.rules import load_rules, rule_label

            if self._rules is None:
                try:
                    self._rules = load_rules()
                except Exception:  # an unreadable rules file must not break the queue
                    self._rules = []
            self._labels[rule_id] = rule_label(rule_id, self._rules)
        return self._labels[rule_id]


def _order_key(job: Job) -> tuple:
    return (-job.priority, job.position if job.position is not None else 0, job.id)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers → (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


class QueueModel(QAbstractTableModel):
    """Jobs in queue order, filtered by ``QueueFilter``. One row per job.

    ``reported(jobs, progress)`` passes on what each tick took from the inbox
    (in the GUI thread), e.g. to the tray.
    """

    reported = Signal(object, object)  # dict[int, Job], dict[int, Progress]

    def __init__(self, store: JobStore, inbox: JobInbox | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.inbox = inbox or JobInbox()
        self._filter = QueueFilter.ALL
        self._jobs: dict[int, Job] = {}
        self._rows: list[int] = []
        self._row_of: dict[int, int] = {}
        self.rule_labels = RuleLabels()
        self.server_lost = False  # the connection watch cannot reach Pixop: rows waiting for it say so
        self._clip_notes: dict[int, str] = {}  # free clip news on an import's row ("Free clip saved"; free_clips.py)
        self.approval_line = None  # job → its Stage words with the price, or None (ui/approval_estimates.py)

    # ----- Qt's model interface ---------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation is Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr(HEADERS[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        job = self._jobs[self._rows[index.row()]]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(job, column)
        if role in LOOK_ROLES:
            return row_look.look(role, job, column, self._display(job, column), self.server_lost)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (SPEED, ETA, SIZE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == JOB_ID_ROLE:
            return job.id
        if role == JOB_ROLE:
            return job
        if role == STATE_ROLE:
            return job.state.value
        if role == PERCENT_ROLE:
            return self._percent(job)
        return None

    # ----- what a cell says -----------------------------------------------------------

    @staticmethod
    def _percent(job: Job) -> int:
        if job.state is State.DONE:
            return 100
        if job.state not in (State.QUEUED, State.RUNNING, State.PAUSED):
            return -1  # failed, cancelled, waiting for approval: a bar (full, say) would read as progress
        percent = job.progress.percent
        return -1 if percent is None else int(max(0.0, min(100.0, percent)))

    def _display(self, job: Job, column: int) -> str:
        running = job.state is State.RUNNING
        if column == NAME:
            return text.job_name(job)
        if column == STAGE:  # a job waiting for approval may add its price (ui/approval_estimates.py)
            if self.server_lost and row_look.waits_for_server(job):
                return row_look.server_lost_text()
            return (self.approval_line and self.approval_line(job)) or text.stage_text(job)
        if column == PROGRESS:
            percent = self._percent(job)
            return "" if percent < 0 else f"{percent} %"
        if column == SPEED:
            return text.speed_text(job.progress.speed_bps) if running else ""
        if column == ETA:
            return text.eta_text(job.progress.eta_seconds) if running else ""
        if column == SIZE:
            return text.size_text(text.job_size(job))
        if column == ORIGIN:
            return self.origin_text(job)
        note = self.clip_note_of(job)
        return " · ".join(filter(None, (text.result_text(job), note))) if note else text.result_text(job)

    def clip_note_of(self, job: Job) -> str | None:
        """What the Result column adds about an import's free clip: the latest news, else whether it is known."""
        note = self._clip_notes.get(job.id)
        if note is None and job.free_clip_id:
            note = self.tr("Free clip ready")  # recorded on the job: shown after a restart too
        return note

    def origin_text(self, job: Job) -> str:
        """Which watched folder made the job, or how else it came (the "Made by" column)."""
        if job.watch_rule_id:
            return self.rule_labels.label(job.watch_rule_id)
        if job.source.kind is SourceKind.LOCAL:
            return self.tr("Added by you")
        return self.tr("Import")

    # ----- what the rest of the window asks ---------------------------------------------

    @property
    def filter(self) -> QueueFilter:
        return self._filter

    def set_filter(self, which: QueueFilter) -> None:
        if which != self._filter:
            self._filter = QueueFilter(which)
            self._restructure()

    def job(self, job_id: int) -> Job | None:
        return self._jobs.get(job_id)

    def row_of(self, job_id: int) -> int | None:
        return self._row_of.get(job_id)

    def job_ids(self) -> list[int]:
        """The visible jobs' ids, top to bottom."""
        return list(self._rows)

    def all_jobs(self) -> list[Job]:
        return list(self._jobs.values())

    # ----- changes ------------------------------------------------------------------------

    def reload(self) -> None:
        """Read every job from the store (opening, Refresh); keeps the selection where it can."""
        self.inbox.take()  # what is in the inbox is older than what we read now
        self.rule_labels = RuleLabels()  # rules saved elsewhere (another process) are read again too
        self._jobs = {job.id: job for job in self.store.list_jobs()}
        self._restructure()
        self._changed_rows(range(len(self._rows)))

    def tick(self) -> None:
        """Apply what the runner reported since the last tick (the view's timer calls this)."""
        jobs, progress = self.inbox.take()
        if jobs:
            self.apply_jobs(jobs.values())
        if progress:
            self.apply_progress(progress)
        if jobs or progress:
            self.reported.emit(jobs, progress)

    def apply_jobs(self, jobs: Iterable[Job]) -> None:
        """Newer copies of jobs (from events or from the GUI's own actions)."""
        structural, changed = False, []
        for job in jobs:
            old = self._jobs.get(job.id)
            self._jobs[job.id] = job
            if old is None or _order_key(old) != _order_key(job) or self._shown(old) != self._shown(job):
                structural = True
            elif job.id in self._row_of:
                changed.append(job.id)
        if structural:
            self._restructure()
        self._changed_rows(self._row_of[i] for i in changed if i in self._row_of)

    def apply_progress(self, progress: dict[int, Progress]) -> None:
        rows = []
        for job_id, counters in progress.items():
            job = self._jobs.get(job_id)
            if job is None or job.state in ENDED_STATES:
                continue  # a late report must not overwrite the final counters
            job.progress = counters
            if job_id in self._row_of:
                rows.append(self._row_of[job_id])
        self._changed_rows(rows, first=PROGRESS, last=ETA)

    def refresh_jobs(self, job_ids: Iterable[int]) -> None:
        """Read these jobs again from the store (after a change the runner does not announce)."""
        self.apply_jobs(self.store.list_jobs(ids=list(job_ids)))

    def set_clip_note(self, job_id: int, note: str) -> None:
        """What the Result column adds about an import's free clip ("Free clip ready", "Free clip saved")."""
        if self._clip_notes.get(job_id) != note:
            self._clip_notes[job_id] = note
            if (row := self._row_of.get(job_id)) is not None:
                self._changed_rows([row], first=RESULT, last=RESULT)

    def set_server_lost(self, lost: bool) -> None:
        """Pixop stopped answering (or answers again): the rows waiting for it say so, or stop saying it."""
        if lost != self.server_lost:
            self.server_lost = lost
            self._changed_rows(range(len(self._rows)))

    def clip_note(self, job_id: int) -> str | None:
        return self._clip_notes.get(job_id)

    def set_rules(self, rules: list) -> None:
        """The watched-folder rules changed (the Watched folders page saved them): rename the origins."""
        self.rule_labels.set_rules(rules)
        if self._rows:
            self.dataChanged.emit(self.index(0, ORIGIN), self.index(len(self._rows) - 1, ORIGIN))

    def remove_jobs(self, job_ids: Iterable[int]) -> None:
        """Forget jobs the store no longer has."""
        for job_id in job_ids:
            self._jobs.pop(job_id, None)
        self._restructure()

    # ----- internals ------------------------------------------------------------------------

    def _shown(self, job: Job) -> bool:
        states = FILTER_STATES[self._filter]
        return states is None or job.state in states

    def _changed_rows(self, rows: Iterable[int], first: int = 0, last: int = len(HEADERS) - 1) -> None:
        runs = _runs(sorted(set(rows)))
        if len(runs) > SPAN_AFTER_RUNS:
            # Many scattered rows (progress of many jobs): one signal for the span. The view
            # repaints what it shows of it, once, instead of handling a signal per run — each
            # also asks this model for two indexes, through Python.
            runs = [(runs[0][0], runs[-1][1])]
        for start, end in runs:
            self.dataChanged.emit(self.index(start, first), self.index(end, last))

    def _restructure(self) -> None:
        """Bring the rows to the wanted order and filter with the fewest moves."""
        wanted = [job.id for job in sorted(self._jobs.values(), key=_order_key) if self._shown(job)]
        self._remove_missing(set(wanted))
        self._reorder_survivors(wanted)
        self._insert_new(wanted)
        self._row_of = {job_id: row for row, job_id in enumerate(self._rows)}

    def _remove_missing(self, wanted: set[int]) -> None:
        gone = [row for row, job_id in enumerate(self._rows) if job_id not in wanted]
        for start, end in reversed(_runs(gone)):
            self.beginRemoveRows(QModelIndex(), start, end)
            del self._rows[start:end + 1]
            self.endRemoveRows()

    def _reorder_survivors(self, wanted: list[int]) -> None:
        present = set(self._rows)
        survivors = [job_id for job_id in wanted if job_id in present]
        if survivors == self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        new_row = {job_id: row for row, job_id in enumerate(survivors)}
        old_rows = self._rows
        self._rows = survivors
        before = self.persistentIndexList()
        after = [self.index(new_row[old_rows[i.row()]], i.column()) for i in before]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _insert_new(self, wanted: list[int]) -> None:
        present = set(self._rows)
        new_rows = [row for row, job_id in enumerate(wanted) if job_id not in present]
        for start, end in _runs(new_rows):
            self.beginInsertRows(QModelIndex(), start, end)
            self._rows[start:start] = wanted[start:end + 1]
            self.endInsertRows()
