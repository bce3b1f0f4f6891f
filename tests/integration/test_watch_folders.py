"""Watched folders against the sandbox, each case with the observer on and off (polling only)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pixop_desktop.jobs.model import State
from pixop_desktop.jobs.store import JobStore
from pixop_desktop.watch.ledger import Entry
from pixop_desktop.watch.rules import AfterSuccess
from pixop_desktop.watch.watcher import EventKind
from tests.fixtures.clips import make_clip

from .jobs_helpers import sha256, video_shape
from .watch_helpers import MODES, free_box, make_rule, scans_after, wait_until, watching

pytestmark = pytest.mark.timeout(120)

TWICE = {"resolution": {"tag": "2x"}}
PIECES, PIECE = 10, 5 * 2**20


def _tiny(path: Path, **options) -> Path:
    options = {"seconds": 1, "width": 64, "height": 48, "fps": 5, **options}
    return make_clip(path, **options)


@pytest.mark.parametrize("mode", MODES)
def test_a_50_mb_video_written_in_slow_pieces_is_submitted_once_after_the_last_piece(
        mode, sandbox, tmp_path):
    incoming = tmp_path / "in"
    incoming.mkdir()
    clip = _tiny(tmp_path / "clip.mp4").read_bytes()
    total = len(clip) + PIECES * PIECE
    rule = make_rule(mode, incoming, settle_seconds=1.0)
    target = incoming / "master.mp4"
    with JobStore(tmp_path / "q.sqlite3") as store, watching(store, sandbox, [rule], mode) as (service, log, runner):
        with open(target, "wb") as handle:  # a real video from the first piece on, padded with a free box
            handle.write(clip + free_box(PIECES * PIECE))
            handle.flush()
            for piece in range(PIECES):
                scans_after(service, rule.id, 2)
                assert store.list_jobs() == [], f"submitted after piece {piece} of {PIECES}"
                handle.write(b"\0" * (PIECE - (8 if piece == 0 else 0)))
                handle.flush()
        assert target.stat().st_size == total
        wait_until(lambda: store.list_jobs(), 30, "the submission")
        assert runner.wait_for([job.id for job in store.list_jobs()], timeout=60)
        scans_after(service, rule.id, 3)
        [job] = store.list_jobs()
    assert job.state is State.DONE, job.error
    assert job.source.size == total and job.watch_rule_id == rule.id
    assert sandbox.state.media_sha256(job.video_id) == sha256(target)
    assert log.of(EventKind.SUBMITTED) == ["master.mp4"]


@pytest.mark.parametrize("mode", MODES)
def test_a_part_file_renamed_to_its_name_is_submitted_once(mode, sandbox, tmp_path):
    incoming = tmp_path / "in"
    part = _tiny(incoming / "interview.mp4.part", container="mp4")
    rule = make_rule(mode, incoming)
    with JobStore(tmp_path / "q.sqlite3") as store, watching(store, sandbox, [rule], mode) as (service, log, runner):
        scans_after(service, rule.id, 3)
        assert store.list_jobs() == [] and log.of(EventKind.ARRIVED) == []
        os.rename(part, incoming / "interview.mp4")
        wait_until(lambda: store.list_jobs(), 30, "the submission")
        assert runner.wait_for([job.id for job in store.list_jobs()], timeout=60)
        scans_after(service, rule.id, 3)
        jobs = store.list_jobs()
    assert len(jobs) == 1 and jobs[0].state is State.DONE
    assert Path(jobs[0].source.path).name == "interview.mp4"
    assert log.of(EventKind.SUBMITTED) == ["interview.mp4"]


@pytest.mark.parametrize("mode", MODES)
def test_twenty_videos_dropped_at_once_come_back_in_a_mirrored_tree(mode, sandbox, tmp_path):
    incoming, out, staging = tmp_path / "in", tmp_path / "out", tmp_path / "staging"
    incoming.mkdir()
    rels = [f"show{i % 4}/{'day2/' if i % 5 == 0 else ''}ep{i:02d}.mp4" for i in range(20)]
    _tiny(staging / "template.mp4")
    for index, rel in enumerate(rels):  # distinct content: copies would rightly count as duplicates
        _tiny(staging / rel, seconds=1 + index / 5)
    rule = make_rule(mode, incoming, processing=TWICE, output_folder=str(out),
                     after_success=AfterSuccess.MOVE)
    with JobStore(tmp_path / "q.sqlite3") as store, watching(store, sandbox, [rule], mode) as (service, log, runner):
        scans_after(service, rule.id, 1)
        for top in sorted({rel.split("/")[0] for rel in rels}):
            os.rename(staging / top, incoming / top)  # dropped: whole folders appear at once
        wait_until(lambda: len(store.list_jobs()) == 20, 30, "20 submissions")
        assert runner.wait_for([job.id for job in store.list_jobs()], timeout=90)
        wait_until(lambda: service.ledger.counts(rule.id).done == 20, 10, "the ledger to follow")
        jobs = store.list_jobs()
    assert [job.state for job in jobs] == [State.DONE] * 20, [job.error for job in jobs]
    for rel in rels:
        result = out / rel.replace(".mp4", "_pixop.mp4")
        assert result.exists(), result
        assert video_shape(result)[:2] == (128, 96)
        assert (incoming / "Done" / rel).exists() and not (incoming / rel).exists()
    assert sorted(log.of(EventKind.SUBMITTED)) == sorted(rels)
    assert sum(v.kind == "original" for v in sandbox.state.videos()) == 20


@pytest.mark.parametrize("mode", MODES)
def test_a_restart_resubmits_nothing_and_a_copy_is_reported_as_a_duplicate(mode, sandbox, tmp_path):
    incoming = tmp_path / "in"
    clips = [_tiny(incoming / f"take{i}.mp4", seconds=1 + i / 5) for i in range(3)]
    rule = make_rule(mode, incoming, processing=TWICE, output_folder=str(tmp_path / "out"))
    with JobStore(tmp_path / "q.sqlite3") as store:
        with watching(store, sandbox, [rule], mode) as (service, log, runner):
            wait_until(lambda: len(store.list_jobs()) == 3, 30, "3 submissions")
            assert runner.wait_for([job.id for job in store.list_jobs()], timeout=60)
        with watching(store, sandbox, [rule], mode) as (service, log, runner):  # the restart
            scans_after(service, rule.id, 3)
            assert len(store.list_jobs()) == 3 and log.of(EventKind.ARRIVED) == []
            shutil.copy2(clips[0], incoming / "take0 copy.mp4")
            wait_until(lambda: log.of(EventKind.DUPLICATE), 30, "the duplicate")
            scans_after(service, rule.id, 2)
            assert len(store.list_jobs()) == 3
            entry = service.ledger.entries(rule.id, states=(Entry.DUPLICATE,))[0]
            assert entry.rel_path == "take0 copy.mp4" and "take0.mp4" in entry.reason
    assert (incoming / "take0 copy.mp4").exists()  # reported, left alone
    assert sum(v.kind == "original" for v in sandbox.state.videos()) == 3


@pytest.mark.parametrize("mode", MODES)
def test_a_failing_file_goes_to_failed_with_its_reason_and_a_sidecar_stays(mode, sandbox, tmp_path):
    incoming = tmp_path / "in"
    good = _tiny(incoming / "reel" / "long.mp4", seconds=3)
    short = _tiny(incoming / "reel" / "short.mp4", seconds=1)  # the clip range is past its end
    sidecar = incoming / "reel" / "long.srt"
    sidecar.write_text("1\n00:00:00,000 --> 00:00:01,000\nHello\n")
    clip_range = {"range": {"startPositionMilliseconds": 0, "endPositionMilliseconds": 2000}}
    rule = make_rule(mode, incoming, processing=clip_range, output_folder=str(tmp_path / "out"))
    with JobStore(tmp_path / "q.sqlite3") as store, watching(store, sandbox, [rule], mode) as (service, log, runner):
        wait_until(lambda: len(store.list_jobs()) == 2, 30, "2 submissions")
        assert runner.wait_for([job.id for job in store.list_jobs()], timeout=60)
        wait_until(lambda: log.of(EventKind.FAILED), 10, "the failure to be followed up")
        assert log.of(EventKind.SKIPPED) == ["reel/long.srt"]
        states = {Path(job.source.path).name: job.state for job in store.list_jobs()}
    assert states == {"long.mp4": State.DONE, "short.mp4": State.FAILED}
    moved = incoming / "Failed" / "reel" / "short.mp4"
    assert moved.exists() and not short.exists()
    reason = (incoming / "Failed" / "reel" / "short.mp4.txt").read_text()
    assert "short.mp4" in reason and "past the end" in reason
    assert sidecar.exists() and good.exists()
