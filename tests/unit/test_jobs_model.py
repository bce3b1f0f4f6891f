"""The job model: state table, stage plan, set-up checks."""

from __future__ import annotations

import pytest

from pixop_desktop.jobs.model import (
    STAGE_KIND, TRANSITIONS, AfterAction, IllegalTransition, Job, Source, SourceKind, Stage, State, WorkKind,
    check_transition, next_stage, planned_stages,
)

PROCESS = {"mediaProcessingParameters": {"container": "MP4"}}

LEGAL = [
    (State.QUEUED, State.RUNNING), (State.QUEUED, State.PAUSED), (State.QUEUED, State.CANCELLED),
    (State.RUNNING, State.QUEUED), (State.RUNNING, State.RUNNING), (State.RUNNING, State.NEEDS_APPROVAL),
    (State.RUNNING, State.DONE), (State.RUNNING, State.FAILED), (State.RUNNING, State.PAUSED),
    (State.PAUSED, State.QUEUED), (State.NEEDS_APPROVAL, State.QUEUED), (State.NEEDS_APPROVAL, State.CANCELLED),
    (State.FAILED, State.QUEUED), (State.FAILED, State.CANCELLED),
]
ILLEGAL = [
    (State.DONE, State.QUEUED), (State.DONE, State.RUNNING), (State.CANCELLED, State.QUEUED),
    (State.QUEUED, State.DONE), (State.QUEUED, State.FAILED), (State.PAUSED, State.RUNNING),
    (State.NEEDS_APPROVAL, State.RUNNING), (State.FAILED, State.RUNNING), (State.PAUSED, State.DONE),
]


@pytest.mark.parametrize(("current", "wanted"), LEGAL)
def test_legal_transitions_pass(current, wanted):
    check_transition(1, current, wanted)


@pytest.mark.parametrize(("current", "wanted"), ILLEGAL)
def test_illegal_transitions_raise_with_plain_words(current, wanted):
    with pytest.raises(IllegalTransition) as caught:
        check_transition(7, current, wanted)
    assert caught.value.current is current and caught.value.wanted is wanted
    assert str(caught.value).startswith("Job 7: a ") and "_" not in str(caught.value)


def test_table_covers_every_state_and_finished_jobs_stay_finished():
    assert set(TRANSITIONS) == set(State)
    assert TRANSITIONS[State.DONE] == TRANSITIONS[State.CANCELLED] == frozenset()
    assert set(STAGE_KIND) == set(Stage)


def test_first_stage_depends_on_the_source():
    assert Job(Source.local("/v/a.mov")).stage is Stage.CREATE_VIDEO
    assert Job(Source.https("https://example.com/a.mp4")).stage is Stage.IMPORT
    assert Job(Source.s3("loc1", "in/a.mp4")).stage is Stage.IMPORT
    assert Job(Source.local("/v/a.mov")).kind is WorkKind.CONTROL


def test_planned_stages_follow_the_options():
    upload_only = Job(Source.local("/v/a.mov"))
    assert planned_stages(upload_only) == (Stage.CREATE_VIDEO, Stage.UPLOAD, Stage.WAIT_INGEST,
                                           Stage.AFTER_ACTION, Stage.FINISHED)
    full = Job(Source.https("https://example.com/a.mp4"), processing=PROCESS, needs_approval=True,
               output_folder="/out")
    assert planned_stages(full) == (Stage.IMPORT, Stage.WAIT_INGEST, Stage.APPROVAL, Stage.PROCESS,
                                    Stage.WAIT_PROCESSING, Stage.DOWNLOAD, Stage.AFTER_ACTION, Stage.FINISHED)
    full.stage = Stage.WAIT_INGEST
    assert next_stage(full) is Stage.APPROVAL
    full.stage = Stage.FINISHED
    assert next_stage(full) is Stage.FINISHED


def test_source_file_name_for_display_and_templates():
    assert Source.local("/v/sub/Interview 1.mov").file_name == "Interview 1.mov"
    assert Source.local("C:\\v\\clip.mxf").file_name == "clip.mxf"
    assert Source.https("https://cdn.example.com/a/b/c.mp4?sig=x#t").file_name == "c.mp4"
    assert Source.s3("loc", "incoming/day1/d.mov").file_name == "d.mov"


@pytest.mark.parametrize(("job", "words"), [
    (Job(Source(SourceKind.S3, location_id="loc")), "needs its object key"),
    (Job(Source(SourceKind.LOCAL)), "needs its path"),
    (Job(Source.https("https://e.com/a.mp4"), after_action=AfterAction.MOVE, done_folder="/d"), "Only a file"),
    (Job(Source.local("/a.mov"), after_action=AfterAction.MOVE), "Done folder"),
    (Job(Source.local("/a.mov"), needs_approval=True), "no processing to approve"),
    (Job(Source.local("/a.mov"), output_folder="/out"), "no result to download"),
    (Job(Source.local("/a.mov"), processing=PROCESS, output_folder="/o", name_template="{bad}"), "not a placeholder"),
])
def test_problems_are_plain_sentences(job, words):
    assert words in job.problem()


def test_a_well_formed_job_has_no_problem():
    job = Job(Source.local("/a.mov", 10, 20), processing=PROCESS, output_folder="/out",
              after_action=AfterAction.MOVE, done_folder="/done")
    assert job.problem() is None
    assert Job(Source.local("/a.mov")).uid != job.uid


def test_server_side_name_carries_a_short_tag_a_rerun_recognises():
    from pixop_desktop.jobs.pipeline import is_ours, video_name

    job, other = Job(Source.local("/media/Reel 7.mov")), Job(Source.local("/media/Reel 7.mov"))
    name = video_name(job)
    assert name == f"Reel 7.mov [{job.uid[:8]}]"
    assert is_ours(name, job) and not is_ours(name, other)
    assert is_ours(f"Reel 7.mov [{job.uid}]", job)  # named by an earlier version: the whole uid
    assert not is_ours("Reel 7.mov", job) and not is_ours(None, job)
