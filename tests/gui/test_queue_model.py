"""The queue model: Qt's model rules, incremental updates, filters, 10,000 rows."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from pixop_desktop.jobs.events import RunnerEvents
from pixop_desktop.jobs.model import Job, JobError, Progress, Source, Stage, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.ui.queue.model import NAME, PERCENT_ROLE, PROGRESS, RESULT, SPEED, STAGE, JobInbox, QueueModel
from pixop_desktop.ui.queue.text import QueueFilter


@pytest.fixture
def store(tmp_path):
    with JobStore(tmp_path / "queue.sqlite3") as store:
        yield store


def add_jobs(store: JobStore, count: int, prefix: str = "clip") -> list[int]:
    return store.add_many(Job(Source.local(f"/videos/{prefix}{i:05d}.mp4", 1000 + i, 1)) for i in range(count))


def move(store: JobStore, job_id: int, *states: State, **kwargs) -> Job:
    job = None
    for state in states:
        job = store.transition(job_id, state, **kwargs)
    return job


class Signals:
    """Every structural and data signal a model emits."""

    def __init__(self, model) -> None:
        self.seen: list[tuple] = []
        model.dataChanged.connect(lambda a, b, roles=(): self.seen.append(("data", a.row(), b.row())))
        model.rowsInserted.connect(lambda p, a, b: self.seen.append(("insert", a, b)))
        model.rowsRemoved.connect(lambda p, a, b: self.seen.append(("remove", a, b)))
        model.layoutChanged.connect(lambda *a: self.seen.append(("layout",)))
        model.modelReset.connect(lambda: self.seen.append(("reset",)))

    def kinds(self) -> set[str]:
        return {entry[0] for entry in self.seen}


def test_qtmodeltester_passes_through_changes_and_filters(qtmodeltester, store):
    ids = add_jobs(store, 6)
    move(store, ids[1], State.RUNNING)
    move(store, ids[2], State.RUNNING, State.FAILED, error=JobError("Upload failed", "The network went away."))
    move(store, ids[3], State.RUNNING, State.NEEDS_APPROVAL, stage=Stage.APPROVAL)
    move(store, ids[4], State.RUNNING, State.DONE, stage=Stage.FINISHED)
    model = QueueModel(store)
    model.reload()
    qtmodeltester.check(model)
    for which in (QueueFilter.ACTIVE, QueueFilter.ATTENTION, QueueFilter.DONE, QueueFilter.ALL):
        model.set_filter(which)
        qtmodeltester.check(model)
    model.apply_jobs([move(store, ids[1], State.PAUSED)])
    store.set_priority([ids[5]], 5)
    model.refresh_jobs([ids[5]])
    assert model.job_ids()[0] == ids[5]
    store.delete([ids[0]])
    model.remove_jobs([ids[0]])
    qtmodeltester.check(model)


def test_cells_say_what_a_person_needs(store):
    ids = add_jobs(store, 3)
    move(store, ids[0], State.RUNNING)
    store.update_progress(ids[0], 500, 1000, speed_bps=2_500_000, eta_seconds=95)
    move(store, ids[1], State.RUNNING, State.FAILED, error=JobError("Upload failed", "The network went away."))
    model = QueueModel(store)
    model.reload()
    cell = lambda row, column: model.index(row, column).data()  # noqa: E731
    assert cell(0, NAME) == "clip00000.mp4" and cell(0, STAGE) == "Preparing upload"
    assert cell(0, PROGRESS) == "50 %" and model.index(0, PROGRESS).data(PERCENT_ROLE) == 50
    assert cell(0, SPEED) == "20 Mbit/s" and cell(0, 4) == "2 min"  # the unit bandwidth limits use
    assert cell(1, STAGE) == "Failed" and cell(1, RESULT) == "Upload failed"
    assert "network went away" in model.index(1, RESULT).data(Qt.ItemDataRole.ToolTipRole)
    assert cell(2, STAGE) == "Waiting to upload" and model.index(2, PROGRESS).data(PERCENT_ROLE) == -1


def test_runner_events_from_other_threads_reach_rows_only_on_tick(store):
    ids = add_jobs(store, 3)
    events, inbox = RunnerEvents(), JobInbox()
    inbox.listen_to(events)
    model = QueueModel(store, inbox)
    model.reload()
    signals = Signals(model)

    def runner_thread():
        events.job_changed(move(store, ids[1], State.RUNNING))
        events.progress(ids[1], Progress(10, 100, 10.0, 1000.0, 9.0))
        events.progress(ids[1], Progress(40, 100, 40.0, 1000.0, 6.0))

    thread = threading.Thread(target=runner_thread)
    thread.start()
    thread.join()
    assert signals.seen == [] and model.index(1, STAGE).data() == "Waiting to upload"
    model.tick()
    assert signals.kinds() == {"data"} and {row for _, row, end in signals.seen} == {1}
    assert model.index(1, STAGE).data() == "Preparing upload" and model.index(1, PROGRESS).data() == "40 %"
    inbox.stop_listening()
    events.job_changed(move(store, ids[2], State.PAUSED))
    model.tick()
    assert model.index(2, STAGE).data() == "Waiting to upload"  # no longer listening


def test_a_job_leaving_the_filter_is_removed_and_the_selection_stays(qtbot, store):
    ids = add_jobs(store, 5)
    model = QueueModel(store)
    model.reload()
    model.set_filter(QueueFilter.ACTIVE)
    selection = QItemSelectionModel(model)
    selection.select(model.index(3, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    signals = Signals(model)
    model.apply_jobs([move(store, ids[1], State.RUNNING, State.DONE, stage=Stage.FINISHED)])
    assert model.job_ids() == [ids[0], ids[2], ids[3], ids[4]]
    assert ("remove", 1, 1) in signals.seen and "reset" not in signals.kinds()
    assert [model.index(i.row(), 0).data() for i in selection.selectedRows()] == ["clip00003.mp4"]
    model.set_filter(QueueFilter.DONE)
    assert model.job_ids() == [ids[1]]


def test_ten_thousand_rows_update_incrementally_and_fast(store):
    ids = add_jobs(store, 10_000)
    model = QueueModel(store)
    started = time.perf_counter()
    model.reload()
    assert model.rowCount() == 10_000
    assert time.perf_counter() - started < 3.0
    signals = Signals(model)
    changed = [move(store, job_id, State.RUNNING) for job_id in (ids[10], ids[11], ids[5000])]
    for job in changed:
        model.inbox.job_changed(job)
    for job_id in ids[:200]:
        model.inbox.progress(job_id, Progress(5, 10, 50.0, 100.0, 1.0))
    started = time.perf_counter()
    model.tick()
    elapsed = time.perf_counter() - started
    assert elapsed < 0.05, f"one tick took {elapsed * 1000:.1f} ms"
    assert signals.kinds() == {"data"}
    assert ("data", 10, 11) in signals.seen and ("data", 5000, 5000) in signals.seen
    # A new job (e.g. from a watched folder) is inserted at its place, not by a reset.
    new_id, = add_jobs(store, 1, prefix="late")
    signals.seen.clear()
    model.inbox.job_changed(store.get(new_id))
    model.tick()
    assert signals.seen[0] == ("insert", 10_000, 10_000) and "reset" not in signals.kinds()
