"""What one tick of the queue costs the window with many jobs reporting at once: the model tells
the view of scattered changed rows in one signal, and the tray takes the tick's progress at once."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pixop_desktop.jobs.model import Job, Progress, Source, State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.settings import Settings
from pixop_desktop.ui.queue.model import ETA, PROGRESS, SPAN_AFTER_RUNS, QueueModel
from pixop_desktop.ui.window.tray import TrayController


@pytest.fixture
def model(tmp_path):
    with JobStore(tmp_path / "queue.sqlite3") as store:
        store.add_many(Job(Source.local(f"/videos/clip{i:03d}.mp4", 1000 + i, 1)) for i in range(100))
        model = QueueModel(store)
        model.reload()
        yield model


def _signals(model) -> list[tuple[int, int, int, int]]:
    seen: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda a, b, roles=(): seen.append((a.row(), b.row(), a.column(), b.column())))
    return seen


def _progress(model, rows) -> dict[int, Progress]:
    ids = model.job_ids()
    return {ids[row]: Progress(row, 100, float(row), 1e6, 5.0) for row in rows}


def test_progress_of_many_scattered_rows_is_one_signal_for_their_span(model):
    seen = _signals(model)
    rows = list(range(3, 3 + 2 * (SPAN_AFTER_RUNS + 5), 2))  # every other row: one run each
    model.apply_progress(_progress(model, rows))
    assert seen == [(rows[0], rows[-1], PROGRESS, ETA)]
    assert model.job(model.job_ids()[rows[-1]]).progress.bytes_done == rows[-1]


def test_progress_of_a_few_rows_is_a_signal_per_run(model):
    seen = _signals(model)
    model.apply_progress(_progress(model, [10, 11, 40, 70]))
    assert seen == [(10, 11, PROGRESS, ETA), (40, 40, PROGRESS, ETA), (70, 70, PROGRESS, ETA)]


def test_the_tray_takes_a_ticks_progress_at_once(qtbot):
    tray = TrayController(Settings())
    batch = [Job(Source.local(f"/videos/clip{i}.mp4"), id=i, state=State.RUNNING) for i in (1, 2, 3)]
    for job in batch:
        tray.job_changed(job)
    tray.progress_of({1: Progress(percent=60.0), 2: Progress(percent=30.0)})
    assert tray.last_percent == 30  # (60 + 30 + 0) / 3
    tray.job_changed(replace(batch[2], state=State.DONE))
    assert tray.last_percent == 63
