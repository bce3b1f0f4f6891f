"""``import-url`` end to end against the sandbox: a real clip served over loopback HTTPS.

The sandbox runs with its private-URL switch and trusts the source's test certificate; the
CLI's matching test-only switch is PIXOP_ALLOW_PRIVATE_IMPORT_URLS=1.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pixop_desktop import cli
from pixop_desktop.transfer.crc import file_crc32c
from pixop_desktop.jobs.model import SourceKind, State
from pixop_desktop.jobs.store import JobStore

from .jobs_helpers import video_shape

pytestmark = pytest.mark.timeout(120)


def _import_with_processing(source, small_clip, out, capsys) -> list[str]:
    status = cli.main(["import-url", f"{source.base}/clip.mp4", "--name", "Archive reel",
                       "--description", "From the archive", "--crc32c-of", str(small_clip),
                       "--connections", "3", "--full-ingestion", "--process", '{"resolution": {"tag": "2x"}}',
                       "--download", str(out), "--poll-max", "0.2", "--clip-wait", "0"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert f"CRC32C of {small_clip.name}: {file_crc32c(small_clip)}" in captured.err
    return captured.out.strip().split("\t")


def test_import_is_verified_processed_and_downloaded(private_sandbox, source, small_clip, tmp_path, capsys):
    private_sandbox.set_free_clip(private_sandbox.state.team_id("Demo Team"), False)
    name, video_id, output, clip_id = _import_with_processing(source, small_clip, tmp_path / "out", capsys)
    assert name == "Archive reel" and clip_id == "-"
    master = private_sandbox.state.video(video_id)
    assert master.name == "Archive reel" and master.ingestion_status == "DONE"
    assert private_sandbox.state.media_path(video_id).read_bytes() == source.data
    assert video_shape(output)[:2] == (320, 240), "the processed (2x) result was downloaded"
    with JobStore() as store:
        [job] = store.list_jobs()
    assert job.state is State.DONE and job.source.kind is SourceKind.URL and job.video_id == video_id


def test_processing_an_import_with_a_free_clip_downloads_the_processed_result(private_sandbox, source,
                                                                              small_clip, tmp_path, capsys):
    _name, _video_id, output, _clip = _import_with_processing(source, small_clip, tmp_path / "out", capsys)
    assert video_shape(output)[:2] == (320, 240)


def test_free_clip_is_listed_under_its_master_and_downloadable(private_sandbox, source, tmp_path, capsys):
    assert cli.main(["import-url", f"{source.base}/clip.mp4", "--poll-max", "0.2"]) == 0
    name, video_id, output, clip_id = capsys.readouterr().out.strip().split("\t")
    clip = private_sandbox.state.video(clip_id)
    assert clip.kind == "derived" and clip.parent_id == video_id
    (tmp_path / "clips").mkdir()
    assert cli.main(["download", clip_id, "-o", str(tmp_path / "clips")]) == 0
    clip_file = Path(capsys.readouterr().out.strip())
    assert clip_file.parent == tmp_path / "clips"
    digest = hashlib.sha256(clip_file.read_bytes()).hexdigest()
    assert digest == private_sandbox.state.media_sha256(clip_id)


def test_import_only_waits_for_ingestion_through_in_status(private_sandbox, source, capsys):
    assert cli.main(["import-url", f"{source.base}/clip.mp4", "--clip-wait", "0", "--poll-max", "0.2"]) == 0
    name, video_id, output, _clip = capsys.readouterr().out.strip().split("\t")
    assert name == "clip.mp4" and output == "-", "the name comes from the URL's file name"
    assert private_sandbox.state.video(video_id).ingestion_status == "DONE"
    assert private_sandbox.state.record(video_id)["upload"]["fileName"] == "clip.mp4"


def test_crc32c_mismatch_fails_the_job_visibly(private_sandbox, source, capsys):
    status = cli.main(["import-url", f"{source.base}/clip.mp4", "--crc32c", "12345", "--poll-max", "0.2"])
    err = capsys.readouterr().err
    assert status == 1 and "CRC32C" in err and "Import failed" in err
    with JobStore() as store:
        [job] = store.list_jobs()
    assert job.state is State.FAILED and "CRC32C" in job.error.message


def test_source_without_range_support_is_refused_by_pixop(private_sandbox, source, capsys):
    status = cli.main(["import-url", f"{source.base}/norange.mp4"])
    err = capsys.readouterr().err
    assert status == 1 and "range requests" in err
    assert private_sandbox.state.videos() == []
    with JobStore() as store:
        assert store.list_jobs() == [], "a refused import leaves no job behind"


def test_no_wait_only_starts_the_import_and_queues_the_job(private_sandbox, source, capsys):
    assert cli.main(["import-url", f"{source.base}/clip.mp4", "--no-wait"]) == 0
    with JobStore() as store:
        [job] = store.list_jobs()
    assert job.state is State.QUEUED and job.video_id and job.source.url == f"{source.base}/clip.mp4"
    assert private_sandbox.wait_idle(60)
    assert private_sandbox.state.video(job.video_id).upload_done
