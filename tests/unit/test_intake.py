"""Dropped files and folders → probed videos and refusals → jobs (real files, real probe)."""

from __future__ import annotations

import os

from pixop_desktop.intake import JobOptions, build_jobs, expand_paths, intake, s3_job, url_job
from pixop_desktop.jobs.model import Ingestion, SourceKind, Stage
from tests.fixtures.clips import make_clip


def test_folders_expand_recursively_in_name_order_without_hidden_files_or_duplicates(tmp_path):
    folder = tmp_path / "reels"
    (folder / "b" / "deeper").mkdir(parents=True)
    (folder / ".cache").mkdir()
    for rel in ("z.mov", "a.mp4", "b/deeper/c.mxf", ".DS_Store", ".cache/x.mp4", "b/b.mp4"):
        (folder / rel).write_bytes(b"x")
    single = tmp_path / "single.mp4"
    single.write_bytes(b"x")

    files = expand_paths([single, folder, folder / "a.mp4", str(single)])

    assert [p.relative_to(tmp_path).as_posix() for p in files] == [
        "single.mp4", "reels/a.mp4", "reels/z.mov", "reels/b/b.mp4", "reels/b/deeper/c.mxf"]
    assert all(p.is_absolute() for p in files)


def test_probe_keeps_videos_and_refuses_the_rest_with_reasons(tmp_path):
    video = make_clip(tmp_path / "in" / "ok.mp4", seconds=0.5)
    text = tmp_path / "in" / "notes.txt"
    text.write_text("not a video")
    empty = tmp_path / "in" / "empty.mov"
    empty.write_bytes(b"")
    gone = tmp_path / "gone.mp4"

    result = intake([tmp_path / "in", gone])

    assert [m.path for m in result.accepted] == [video]
    refused = {r.path.name: r for r in result.refused}
    assert set(refused) == {"notes.txt", "empty.mov", "gone.mp4"}
    assert refused["notes.txt"].title == "Not a video" and "notes.txt" in refused["notes.txt"].message
    assert refused["empty.mov"].title == "Empty file"
    assert "does not exist" in refused["gone.mp4"].message


def test_probing_never_changes_the_files(tmp_path):
    video = make_clip(tmp_path / "ok.mp4", seconds=0.5)
    before = (video.stat().st_size, video.stat().st_mtime_ns, sorted(os.listdir(tmp_path)))
    intake([tmp_path])
    assert (video.stat().st_size, video.stat().st_mtime_ns, sorted(os.listdir(tmp_path))) == before


def test_cancelled_probe_stops_early(tmp_path):
    for name in ("a.mp4", "b.mp4"):
        (tmp_path / name).write_text("x")
    calls = []
    result = intake([tmp_path], cancelled=lambda: bool(calls.append(1)) or len(calls) > 1)
    assert len(result.refused) == 1


def test_jobs_carry_the_options_and_reference_the_file(tmp_path):
    video = make_clip(tmp_path / "ok.mp4", seconds=0.5)
    media = intake([video]).accepted
    request = {"resolution": {"multiplier": 2}}
    job, = build_jobs(media, JobOptions(Ingestion.LIGHT, "p1", request, "Upscale", str(tmp_path / "out"),
                                        "{stem}_x", needs_approval=True))
    assert job.source.kind is SourceKind.LOCAL and job.source.path == str(video)
    assert (job.source.size, job.source.mtime_ns) == (video.stat().st_size, video.stat().st_mtime_ns)
    assert (job.ingestion, job.project_id, job.processing, job.preset) == (Ingestion.LIGHT, "p1", request, "Upscale")
    assert job.output_folder == str(tmp_path / "out") and job.needs_approval and job.name_template == "{stem}_x"
    assert job.problem() is None and job.stage is Stage.CREATE_VIDEO


def test_upload_only_jobs_drop_download_and_approval(tmp_path):
    video = make_clip(tmp_path / "ok.mp4", seconds=0.5)
    job, = build_jobs(intake([video]).accepted, JobOptions(output_folder="/tmp/x", needs_approval=True,
                                                             preset="ignored"))
    assert job.processing is None and job.output_folder is None and not job.needs_approval
    assert job.preset is None and job.problem() is None


def test_url_and_s3_jobs():
    url = url_job("https://example.com/a/reel.mov?sig=1", JobOptions())
    s3 = s3_job("loc-1", "masters/reel.mxf", JobOptions(Ingestion.LIGHT))
    assert url.source.kind is SourceKind.URL and url.source.file_name == "reel.mov" and url.stage is Stage.IMPORT
    assert s3.source.kind is SourceKind.S3 and s3.source.file_name == "reel.mxf" and s3.ingestion is Ingestion.LIGHT
    assert url.problem() is None and s3.problem() is None
