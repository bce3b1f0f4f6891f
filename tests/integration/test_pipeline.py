"""Five files with mixed options through the whole pipeline against the sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from pixop_desktop.jobs.model import AfterAction, Ingestion, Job, Source, State
from pixop_desktop.jobs.store import JobStore

from .jobs_helpers import expected_shape, running, sha256, video_shape

pytestmark = pytest.mark.timeout(120)


def _job(clip: Path, out: Path | None, request: dict | None, **options) -> Job:
    info = clip.stat()
    return Job(Source.local(str(clip), info.st_size, info.st_mtime_ns), processing=request,
               output_folder=None if out is None else str(out), **options)


def test_five_files_with_mixed_options_end_to_end(sandbox, clip_factory, tmp_path):
    out, done = tmp_path / "out", tmp_path / "done"
    clips = [clip_factory(f"clip{i}.mp4", seconds=2, fps=10) for i in range(5)]
    requests = [
        {"resolution": {"tag": "2x"}},                                               # full ingestion
        {"range": {"startPositionMilliseconds": 500, "endPositionMilliseconds": 1500}},  # a clip range
        {"frameRateConverter": "fps", "frameRate": {"fps": 20}},                      # frame-rate change
        {"resolution": {"width": 240, "aspectRatioTag": "storage"}},                  # needs approval
        None,                                                                          # upload only
    ]
    jobs = [
        _job(clips[0], out, requests[0], ingestion=Ingestion.FULL, name_template="{stem}_{width}x{height}"),
        _job(clips[1], out, requests[1], after_action=AfterAction.MOVE, done_folder=str(done)),
        _job(clips[2], out, requests[2], preset="smooth", name_template="{stem}_{preset}"),
        _job(clips[3], out, requests[3], needs_approval=True),
        _job(clips[4], None, None, ingestion=Ingestion.FULL),
    ]
    expected = [expected_shape(request, clip) for request, clip in zip(requests[:4], clips)]
    with JobStore(tmp_path / "queue.sqlite3") as store:
        ids = store.add_many(jobs)
        with running(store, sandbox) as runner:
            assert runner.wait_for([ids[3]], timeout=60, settled={State.NEEDS_APPROVAL})
            assert store.get(ids[3]).processed_video_id is None  # nothing ordered before approval
            runner.approve(ids[3])
            assert runner.wait_for(ids, timeout=90)
        finished = [store.get(job_id) for job_id in ids]

    assert [job.state for job in finished] == [State.DONE] * 5, [(j.state, j.error) for j in finished]
    for job, (want_w, want_h, want_fps) in zip(finished[:4], expected):
        output = Path(job.output_path)
        assert output.parent == out and output.exists()
        assert sha256(output) == sandbox.state.media_sha256(job.processed_video_id)
        width, height, fps = video_shape(output)
        assert (width, height) == (want_w, want_h)
        assert fps == pytest.approx(want_fps, rel=0.01)
    assert Path(finished[0].output_path).name == "clip0_320x240.mp4"
    assert Path(finished[2].output_path).name == "clip2_smooth.mp4"
    assert not clips[1].exists() and (done / "clip1.mp4").exists()       # moved to the Done folder
    assert clips[0].exists()                                              # left where it was
    assert finished[4].processed_video_id is None and finished[4].output_path is None
    assert sandbox.state.video(finished[4].video_id).upload_done
    originals = [v for v in sandbox.state.videos() if v.kind == "original"]
    assert len(originals) == 5 and all(sandbox.state.process_orders(v.id) <= 1 for v in originals)
    assert sum(v.kind == "processed" for v in sandbox.state.videos()) == 4
