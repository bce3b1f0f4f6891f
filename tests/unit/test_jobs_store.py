"""The job store: CRUD, validated transitions with history, atomicity, order, progress."""

from __future__ import annotations

import pytest

from pixop_desktop import paths
from pixop_desktop.jobs.model import (
    IllegalTransition, InvalidJob, Job, JobError, JobNotFound, Source, Stage, State, WorkKind,
)
from pixop_desktop.jobs.store import JobStore

PROCESS = {"mediaProcessingParameters": {"container": "MP4", "codec": "H264"}, "extra": [1, 2]}


def local_job(name="a.mov", **kw) -> Job:
    return Job(Source.local(f"/media/{name}", 1234, 99), **kw)


@pytest.fixture
def store():
    with JobStore() as store:
        yield store


def test_default_file_is_in_the_data_dir(store):
    assert store.path == paths.data_dir() / "queue.sqlite3" and store.path.exists()


def test_add_and_get_round_trip_every_field(store):
    job = Job(Source.s3("loc-1", "in/b.mov"), processing=PROCESS, preset="HD", needs_approval=True,
              output_folder="/out", name_template="{stem}_{date}", priority=3, project_id="p9",
              watch_rule_id="rule-2")
    job_id = store.add(job)
    assert job.id == job_id == 1 and job.position == 0 and job.created_at
    loaded = store.get(job_id)
    assert loaded == job
    assert loaded.processing == PROCESS and loaded.source.object_key == "in/b.mov"


def test_ids_are_short_integers_never_reused(store):
    first, second = store.add_many([local_job("1.mov"), local_job("2.mov")])
    assert (first, second) == (1, 2)
    store.delete([second])
    assert store.add(local_job("3.mov")) == 3
    with pytest.raises(JobNotFound, match="There is no job 2"):
        store.get(2)


def test_invalid_jobs_are_refused_before_anything_is_written(store):
    with pytest.raises(InvalidJob, match="not a placeholder"):
        store.add_many([local_job("ok.mov"), local_job(processing=PROCESS, output_folder="/o", name_template="{x}")])
    with pytest.raises(InvalidJob, match="cannot start done"):
        store.add(local_job(state=State.DONE))
    assert store.list_jobs() == []


def test_transition_validates_records_history_and_sets_timestamps(store):
    job_id = store.add(local_job(processing=PROCESS))
    running = store.transition(job_id, State.RUNNING)
    assert running.started_at and running.finished_at is None
    store.transition(job_id, State.RUNNING, stage=Stage.UPLOAD, message="video created")
    failed = store.transition(job_id, State.FAILED, error=JobError("Upload failed", "The file changed."))
    assert failed.error == JobError("Upload failed", "The file changed.") and failed.finished_at
    with pytest.raises(IllegalTransition):
        store.transition(job_id, State.DONE)
    retried = store.transition(job_id, State.QUEUED, message="retry")
    assert retried.error is None and retried.finished_at is None and retried.stage is Stage.UPLOAD
    history = store.history(job_id)
    assert [(h.from_state, h.to_state, h.stage) for h in history] == [
        (None, State.QUEUED, Stage.CREATE_VIDEO),
        (State.QUEUED, State.RUNNING, Stage.CREATE_VIDEO),
        (State.RUNNING, State.RUNNING, Stage.UPLOAD),
        (State.RUNNING, State.FAILED, Stage.UPLOAD),
        (State.FAILED, State.QUEUED, Stage.UPLOAD),
    ]
    assert history[2].message == "video created" and history[3].message == "Upload failed: The file changed."


def test_transition_rules(store):
    job_id = store.add(local_job())
    store.transition(job_id, State.RUNNING)
    with pytest.raises(ValueError, match="with an error"):
        store.transition(job_id, State.FAILED)
    assert store.state_of(job_id) is State.RUNNING  # the refused move changed nothing
    with pytest.raises(IllegalTransition, match="it is running, not queued"):
        store.transition(job_id, State.RUNNING, expect=State.QUEUED)
    with pytest.raises(TypeError, match="cannot change state_x"):
        store.transition(job_id, State.QUEUED, state_x=1)
    with pytest.raises(JobNotFound):
        store.transition(99, State.RUNNING)
    done = store.transition(job_id, State.DONE, stage=Stage.FINISHED, output_path="/out/a.mp4",
                            processed_video_id="pv1")
    assert (done.output_path, done.processed_video_id, done.stage) == ("/out/a.mp4", "pv1", Stage.FINISHED)
    assert len(store.history(job_id)) == 3


def test_exception_inside_a_transaction_leaves_nothing(store):
    kept = store.add(local_job("kept.mov"))
    with pytest.raises(RuntimeError, match="boom"), store.transaction():
        store.add(local_job("lost.mov"))
        store.transition(kept, State.RUNNING)
        store.set_server_ids(kept, video_id="v1")
        raise RuntimeError("boom")
    assert [j.id for j in store.list_jobs()] == [kept]
    assert store.get(kept).state is State.QUEUED and store.get(kept).video_id is None
    assert len(store.history(kept)) == 1


def test_a_failed_inner_block_rolls_back_only_itself(store):
    with store.transaction():
        outer = store.add(local_job("outer.mov"))
        with pytest.raises(RuntimeError), store.transaction():
            store.add(local_job("inner.mov"))
            raise RuntimeError
    assert [j.id for j in store.list_jobs()] == [outer]


def test_claim_takes_runnable_jobs_in_priority_then_position_order(store):
    low, high, later, url = store.add_many([
        local_job("low.mov"), local_job("high.mov", priority=5), local_job("later.mov"),
        Job(Source.https("https://example.com/x.mp4"))])
    store.add(local_job("paused.mov", state=State.PAUSED))
    backoff = store.add(local_job("backoff.mov", priority=9))
    store.transition(backoff, State.QUEUED, not_before=4e9)
    assert [j.id for j in store.runnable(WorkKind.CONTROL)] == [high, low, later, url]
    assert store.runnable(WorkKind.UPLOAD) == []
    claimed = store.claim(WorkKind.CONTROL, limit=2)
    assert [(j.id, j.state) for j in claimed] == [(high, State.RUNNING), (low, State.RUNNING)]
    assert [j.id for j in store.claim([Stage.IMPORT])] == [url]
    assert [j.id for j in store.runnable(WorkKind.CONTROL, now=5e9)] == [backoff, later]


def test_recover_interrupted_requeues_running_jobs_at_their_stage(store):
    a, b = store.add_many([local_job("a.mov"), local_job("b.mov")])
    store.transition(a, State.RUNNING, stage=Stage.UPLOAD)
    assert store.recover_interrupted() == [a]
    assert store.get(a).state is State.QUEUED and store.get(a).stage is Stage.UPLOAD
    assert store.history(a)[-1].message == "Interrupted; will resume"
    assert store.get(b).state is State.QUEUED


def test_list_filters_and_counts(store):
    a, b, c = store.add_many([local_job("a.mov"), local_job("b.mov", watch_rule_id="r1"), local_job("c.mov")])
    store.transition(c, State.CANCELLED)
    assert [j.id for j in store.list_jobs(states=[State.QUEUED])] == [a, b]
    assert [j.id for j in store.list_jobs(ids=[c, a])] == [a, c]
    assert [j.id for j in store.list_jobs(watch_rule_id="r1")] == [b]
    paths = [store.get(c).source.path, store.get(a).source.path]
    assert [j.id for j in store.list_jobs(source_paths=paths)] == [a, c]
    assert [j.id for j in store.list_jobs(source_paths=paths, states=[State.QUEUED])] == [a]
    assert [j.id for j in store.list_jobs(limit=1)] == [a]
    counts = store.counts()
    assert counts[State.QUEUED] == 2 and counts[State.CANCELLED] == 1 and counts[State.DONE] == 0


def test_reorder_move_and_priority(store):
    ids = store.add_many([local_job(f"{i}.mov") for i in range(5)])
    order = lambda: [j.id for j in store.list_jobs()]  # noqa: E731
    store.reorder(ids[4], 0)
    assert order() == [ids[4], *ids[:4]]
    store.reorder(ids[4], 99)
    assert order() == ids
    assert store.move_up(ids[2]) and order() == [ids[0], ids[2], ids[1], ids[3], ids[4]]
    assert store.move_down(ids[0]) and order() == [ids[2], ids[0], ids[1], ids[3], ids[4]]
    assert not store.move_up(ids[2]) and not store.move_down(ids[4])
    store.set_priority([ids[3]], 10)
    assert order()[0] == ids[3]
    assert not store.move_up(ids[3])  # alone in its priority
    with pytest.raises(JobNotFound):
        store.set_priority([ids[0], 77], 1)
    assert store.get(ids[0]).priority == 0
    with pytest.raises(JobNotFound):
        store.reorder(77, 0)


def test_delete_refuses_running_jobs_and_removes_history(store):
    a, b = store.add_many([local_job("a.mov"), local_job("b.mov")])
    store.transition(b, State.RUNNING)
    with pytest.raises(InvalidJob, match="Job 2 is running"):
        store.delete([a, b])
    assert len(store.list_jobs()) == 2
    store.delete([a])
    assert store.history(a) == [] and [j.id for j in store.list_jobs()] == [b]


def test_progress_is_seen_at_once_in_process_and_written_on_state_change(store, tmp_path):
    job_id = store.add(local_job())
    store.transition(job_id, State.RUNNING, stage=Stage.UPLOAD)
    store.update_progress(job_id, 0, 1000)          # first report is written at once
    store.update_progress(job_id, 250, 1000, speed_bps=5e6, eta_seconds=3.0)
    progress = store.get(job_id).progress
    assert (progress.bytes_done, progress.percent, progress.speed_bps) == (250, 25.0, 5e6)
    assert store.live_progress()[job_id].bytes_done == 250
    with JobStore(store.path) as other:             # another reader sees only what is written
        assert other.get(job_id).progress.bytes_done == 0
        store.transition(job_id, State.QUEUED, stage=Stage.WAIT_INGEST)
        assert other.get(job_id).progress.bytes_done == 250


def test_late_progress_never_overwrites_a_finished_job(store):
    job_id = store.add(local_job())
    store.transition(job_id, State.RUNNING)
    store.update_progress(job_id, 1000, 1000)
    store.transition(job_id, State.DONE)
    store.update_progress(job_id, 5, 1000)
    store.flush_progress()
    assert store.get(job_id).progress.bytes_done == 1000


def test_reopen_after_close_preserves_everything(store):
    job = Job(Source.https("https://example.com/v.mp4"), processing=PROCESS, output_folder="/o")
    job_id = store.add(job)
    store.transition(job_id, State.RUNNING)
    store.set_server_ids(job_id, video_id="v-1")
    store.update_progress(job_id, 10, 100)
    store.update_progress(job_id, 60, 100)          # buffered: written by close()
    store.close()
    store.close()
    with pytest.raises(RuntimeError, match="closed"):
        store.get(job_id)
    with JobStore(store.path) as reopened:
        loaded = reopened.get(job_id)
        assert (loaded.state, loaded.video_id, loaded.progress.bytes_done) == (State.RUNNING, "v-1", 60)
        assert loaded.uid == job.uid and loaded.processing == PROCESS
        assert len(reopened.history(job_id)) == 2
