"""``pixop-desktop upload`` / ``download`` as a person or script runs them: a real
subprocess, credentials from the environment, the sandbox over loopback."""

from __future__ import annotations

import hashlib
import os
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import av
import pytest

from pixop_desktop.sandbox import DEFAULT_EMAIL, DEFAULT_PASSWORD
from tests.fixtures.sandbox import upload_video, v1_headers

INTERRUPTED = "pixop-desktop: Interrupted — run the same command again to resume."


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def cli_env(sandbox) -> dict[str, str]:
    return {**os.environ, "PIXOP_SERVER": sandbox.url, "PIXOP_EMAIL": DEFAULT_EMAIL,
            "PIXOP_PASSWORD": DEFAULT_PASSWORD, "PYTHONUNBUFFERED": "1"}


def run_cli(sandbox, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pixop_desktop", *args], env=cli_env(sandbox),
                          capture_output=True, text=True, timeout=120, cwd=cwd)


def start_cli(sandbox, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pixop_desktop", *args], env=cli_env(sandbox),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_until(condition, timeout: float = 30.0) -> None:
    """Poll a condition on the server or disk (the subprocess gives us no other event)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def interrupt(process: subprocess.Popen) -> tuple[str, str]:
    process.send_signal(signal.SIGINT)
    try:
        return process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def headers_only_mp4(source: Path, target: Path) -> Path:
    """An MP4 whose headers are fine but whose media data is gone: passes the local
    (headers-only) pre-flight, fails Pixop's ingestion."""
    faststart = target.with_suffix(".full.mp4")
    with av.open(str(source)) as src, av.open(str(faststart), "w", options={"movflags": "faststart"}) as out:
        stream = out.add_stream_from_template(src.streams.video[0])
        for packet in src.demux(src.streams.video[0]):
            if packet.dts is not None:
                packet.stream = stream
                out.mux(packet)
    data = faststart.read_bytes()
    pos = 0
    while data[pos + 4:pos + 8] != b"mdat":
        pos += struct.unpack(">I", data[pos:pos + 4])[0]
    target.write_bytes(data[:pos + 8])
    return target


def test_upload_prints_each_video_id_after_ingestion(sandbox, clip_factory):
    first, second = clip_factory("first.mp4"), clip_factory("second.mov", seconds=1.0)
    done = run_cli(sandbox, "upload", str(first), str(second))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["first.mp4", "second.mov"]
    ids = [line.split("\t")[1] for line in lines]
    assert [v.id for v in sandbox.state.videos()] == ids
    assert sandbox.state.media_sha256(ids[0]) == sha256(first)
    assert sandbox.state.media_sha256(ids[1]) == sha256(second)
    assert all(sandbox.state.video(i).ingestion_status == "DONE" for i in ids)
    assert sandbox.state.record(ids[0])["ingestion"]["full"] is True
    assert "Uploading first.mp4: 100%" in done.stderr  # plain lines: stderr is not a terminal


def test_upload_light_into_a_project(sandbox, small_clip):
    from pixop_desktop.api.client import PixopClient
    from tests.fixtures.sandbox import client_kwargs

    with PixopClient(**client_kwargs(sandbox)) as client:
        project = client.videos.create_project("Light ones")
    done = run_cli(sandbox, "upload", "--light", "--project", project.id, str(small_clip))
    assert done.returncode == 0, done.stderr
    video_id = done.stdout.strip().split("\t")[1]
    assert sandbox.state.video(video_id).project_id == project.id
    assert sandbox.state.record(video_id)["ingestion"]["full"] is False


def test_refusals_are_reported_before_anything_is_sent(sandbox, small_clip, not_a_video, tmp_path):
    empty = tmp_path / "empty.mp4"
    empty.touch()
    done = run_cli(sandbox, "upload", str(small_clip), str(not_a_video), str(empty))
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith("pixop-desktop: Not a video: “notes.mp4” is not a video file Pixop can read")
    assert lines[1].startswith("pixop-desktop: Empty file: “empty.mp4” is empty (0 bytes).")
    assert lines[1].endswith("Nothing was uploaded (2 of 3 files cannot be sent).")
    assert len(lines) == 2 and done.stdout == ""
    assert sandbox.state.videos() == []


def test_one_non_video_fails_with_one_line(sandbox, not_a_video):
    done = run_cli(sandbox, "upload", str(not_a_video))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "pixop-desktop: Not a video: “notes.mp4” is not a video file Pixop can read "
        "(invalid data found when processing input). Choose a video file."]


def test_failed_ingestion_is_one_line_with_the_reason(sandbox, small_clip, tmp_path):
    broken = headers_only_mp4(small_clip, tmp_path / "broken.mp4")
    done = run_cli(sandbox, "upload", str(broken))
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines[-1].startswith("pixop-desktop: Ingestion failed: Pixop could not ingest “broken.mp4”: ")
    assert "FFmpeg cannot read this file" in lines[-1]
    assert done.stdout == ""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_interrupted_upload_reuses_the_same_video_when_run_again(sandbox, small_clip):
    with small_clip.open("ab") as handle:  # more than the socket buffers hold: the cut is mid-body
        handle.write(os.urandom(16 * 1024 * 1024))
    sandbox.faults.limit_rate(200_000)  # ~80 s for the whole file: Ctrl-C comes long before
    process = start_cli(sandbox, "upload", "--no-wait", str(small_clip))
    wait_until(lambda: any(v.upload_status == "IN_PROGRESS" for v in sandbox.state.videos()))
    out, err = interrupt(process)
    assert process.returncode == 130, err
    assert err.strip().splitlines()[-1] == INTERRUPTED and out == ""
    sandbox.faults.limit_rate(0)
    [first] = sandbox.state.videos()
    wait_until(lambda: sandbox.state.video(first.id).upload_status == "FAILED")  # server saw the cut
    assert not sandbox.state.video(first.id).upload_done

    again = run_cli(sandbox, "upload", "--no-wait", str(small_clip))
    assert again.returncode == 0, again.stderr
    assert again.stdout == f"small.mp4\t{first.id}\n"
    assert [v.id for v in sandbox.state.videos()] == [first.id]
    assert sandbox.state.media_sha256(first.id) == sha256(small_clip)


def test_run_again_after_the_upload_finished_only_waits_for_ingestion(sandbox, small_clip, app_home):
    """Interrupted while waiting for ingestion: the re-run neither re-sends nor duplicates."""
    first = run_cli(sandbox, "upload", "--no-wait", str(small_clip))
    video_id = first.stdout.strip().split("\t")[1]
    # --no-wait forgets the record like a finished run; put it back as an interrupted run leaves it
    from pixop_desktop.commands.transfer import UploadResumeRecords, record_key
    from pixop_desktop.transfer.probe import preflight

    media = preflight(small_clip)
    UploadResumeRecords().remember(record_key(sandbox.url, media.path, media.size, media.mtime_ns, None), video_id)
    generation = sandbox.state.record(video_id)["upload"]["generation"]
    again = run_cli(sandbox, "upload", str(small_clip))
    assert again.returncode == 0, again.stderr
    assert again.stdout == f"small.mp4\t{video_id}\n"
    assert sandbox.state.record(video_id)["upload"]["generation"] == generation  # not sent twice
    assert [v.id for v in sandbox.state.videos()] == [video_id]
    assert sandbox.state.video(video_id).ingestion_status == "DONE"


def test_download_original_to_a_folder(sandbox, small_clip, tmp_path):
    video_id = upload_video(sandbox, small_clip, v1_headers(sandbox), wait=False)
    target = tmp_path / "out"
    target.mkdir()
    done = run_cli(sandbox, "download", video_id, "--original", "-o", str(target))
    assert done.returncode == 0, done.stderr
    saved = Path(done.stdout.strip())
    assert saved.parent == target and saved.name == "small.mp4"
    assert sha256(saved) == sha256(small_clip)


def test_download_of_an_unknown_video_fails_with_one_line(sandbox, tmp_path):
    done = run_cli(sandbox, "download", "no-such-video", "--original", "-o", str(tmp_path))
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pixop-desktop: Not found on Pixop: ")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_interrupted_download_resumes_to_the_same_bytes(sandbox, small_clip, tmp_path):
    with small_clip.open("ab") as handle:  # a bigger file to download slowly
        handle.write(os.urandom(3 * 1024 * 1024))
    video_id = upload_video(sandbox, small_clip, v1_headers(sandbox), wait=False)
    target = tmp_path / "out"
    target.mkdir()
    sandbox.faults.limit_rate(300_000)
    process = start_cli(sandbox, "download", video_id, "--original", "-o", str(target))
    part = target / "small.mp4.part"
    wait_until(lambda: part.exists() and part.stat().st_size > 256 * 1024)
    out, err = interrupt(process)
    assert process.returncode == 130, err
    assert err.strip().splitlines()[-1] == INTERRUPTED
    kept = part.stat().st_size
    assert 0 < kept < small_clip.stat().st_size

    sandbox.faults.limit_rate(0)
    again = run_cli(sandbox, "download", video_id, "--original", "-o", str(target))
    assert again.returncode == 0, again.stderr
    assert Path(again.stdout.strip()) == target / "small.mp4"
    assert sha256(target / "small.mp4") == sha256(small_clip)
    assert not part.exists()
