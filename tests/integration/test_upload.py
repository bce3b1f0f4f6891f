"""The upload engine against the sandbox over loopback: real files, real multipart, real faults."""

from __future__ import annotations

import hashlib
import os
import threading
import time

import pytest

from pixop_desktop.api.client import PixopClient
from pixop_desktop.transfer.probe import EmptyFile, FileUnreadable, NotAVideoError, preflight
from pixop_desktop.transfer.throttle import BandwidthLimiter
from pixop_desktop.transfer.upload import FileChangedDuringUpload, UploadCancelled, UploadGaveUp, upload_file
from tests.fixtures.sandbox import client_kwargs

SMALL_CHUNK = 16 * 1024  # several chunks even for a tiny clip, so "mid-upload" exists


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client(sandbox, sleeps):
    """A client whose retry waits are recorded instead of slept."""
    with PixopClient(**client_kwargs(sandbox), sleep=sleeps.append) as pixop:
        yield pixop


@pytest.fixture
def video_id(client) -> str:
    return client.videos.create(name="clip").video_id


@pytest.fixture
def clip(clip_factory):
    return clip_factory("clip.mp4", seconds=3.0, width=320, height=240)


def test_full_upload_stores_the_same_bytes_and_ingests_fully(sandbox, client, video_id, clip):
    reports: list[tuple[int, int]] = []
    result = upload_file(client, video_id, clip, progress=lambda sent, total: reports.append((sent, total)))
    assert result.video_id == video_id and result.attempts == 1
    assert result.server.video_id == video_id
    assert sandbox.state.media_sha256(video_id) == sha256(clip)
    assert reports[0] == (0, clip.stat().st_size) and reports[-1] == (clip.stat().st_size,) * 2
    assert [sent for sent, _ in reports] == sorted(sent for sent, _ in reports)
    assert sandbox.wait_idle(60)
    record = sandbox.state.record(video_id)
    assert record["ingestion"]["full"] is True
    assert sandbox.state.video(video_id).ingestion_status == "DONE"


def test_light_upload_asks_for_light_ingestion(sandbox, client, video_id, clip):
    upload_file(client, video_id, clip, light=True)
    assert sandbox.state.media_sha256(video_id) == sha256(clip)
    assert sandbox.wait_idle(60)
    assert sandbox.state.record(video_id)["ingestion"]["full"] is False


def test_file_growing_during_upload_is_refused_and_never_done(sandbox, client, video_id, clip):
    size = clip.stat().st_size
    sandbox.faults.limit_rate(200_000)

    def append_once_a_third_is_sent(sent: int, total: int) -> None:
        if sent >= size // 3 and clip.stat().st_size == size:
            with clip.open("ab") as handle:
                handle.write(b"\0" * 1000)
            sandbox.faults.limit_rate(0)

    with pytest.raises(FileChangedDuringUpload) as caught:
        upload_file(client, video_id, clip, progress=append_once_a_third_is_sent, chunk_size=SMALL_CHUNK)
    assert caught.value.message == (
        "“clip.mp4” changed while it was being uploaded. Wait until it is fully copied, then try again.")
    assert caught.value.title == "File changed during upload"
    assert not sandbox.state.video(video_id).upload_done
    assert sandbox.state.media_sha256(video_id) is None


def test_file_touched_during_upload_is_refused(sandbox, client, video_id, clip):
    """Same size, new modification time: still a different file (e.g. rewritten in place)."""
    stamp = clip.stat().st_mtime_ns

    def touch_at_half(sent: int, total: int) -> None:
        if sent >= total // 2:
            os.utime(clip, ns=(stamp + 10**9, stamp + 10**9))

    with pytest.raises(FileChangedDuringUpload):
        upload_file(client, video_id, clip, progress=touch_at_half, chunk_size=SMALL_CHUNK)
    assert not sandbox.state.video(video_id).upload_done


def test_non_video_is_refused_before_any_byte_moves(sandbox, client, video_id, not_a_video):
    with pytest.raises(NotAVideoError) as caught:
        upload_file(client, video_id, not_a_video)
    assert caught.value.title == "Not a video"
    assert "“notes.mp4” is not a video file Pixop can read" in caught.value.message
    video = sandbox.state.video(video_id)
    assert video.upload_status == "INITIAL" and not video.upload_done


def test_empty_file_is_refused_before_any_byte_moves(sandbox, client, video_id, tmp_path):
    empty = tmp_path / "empty.mov"
    empty.touch()
    with pytest.raises(EmptyFile) as caught:
        upload_file(client, video_id, empty)
    assert "“empty.mov” is empty (0 bytes)" in caught.value.message
    assert sandbox.state.video(video_id).upload_status == "INITIAL"


def test_503_with_retry_after_is_waited_and_sent_again_to_the_same_video(sandbox, client, sleeps, video_id, clip):
    sandbox.faults.unavailable(count=2, retry_after=3, path_prefix="/media/v1/upload/")
    result = upload_file(client, video_id, clip)
    assert sleeps == [3.0, 3.0]
    assert result.attempts == 3
    assert sandbox.state.media_sha256(video_id) == sha256(clip)
    assert [v.id for v in sandbox.state.videos()] == [video_id]


def test_expired_token_is_renewed_and_the_file_sent_again(sandbox, client, video_id, clip):
    sandbox.faults.expire_tokens()  # the client's JWT (from creating the video) is now refused
    result = upload_file(client, video_id, clip)
    assert result.attempts == 2
    assert sandbox.state.media_sha256(video_id) == sha256(clip)


def test_token_expiring_mid_upload_does_not_break_it(sandbox, client, video_id, clip):
    """A long upload outlives its JWT: the upload still completes, and the next call renews."""
    expired = []

    def expire_at_half(sent: int, total: int) -> None:
        if not expired and sent >= total // 2:
            expired.append(sent)
            sandbox.faults.expire_tokens()

    sandbox.faults.limit_rate(300_000)
    result = upload_file(client, video_id, clip, progress=expire_at_half, chunk_size=SMALL_CHUNK)
    assert expired and result.attempts == 1
    assert client.videos.get(video_id).upload.has_finished_uploading is True
    assert sandbox.state.media_sha256(video_id) == sha256(clip)


def test_cancel_stops_the_upload_and_nothing_is_stored(sandbox, client, video_id, clip):
    cancel = threading.Event()

    def cancel_after_first_chunk(sent: int, total: int) -> None:
        if sent > 0:
            cancel.set()

    with pytest.raises(UploadCancelled):
        upload_file(client, video_id, clip, progress=cancel_after_first_chunk, cancel=cancel,
                    chunk_size=SMALL_CHUNK)
    assert not sandbox.state.video(video_id).upload_done


def test_retry_after_a_failed_upload_goes_to_the_same_video(sandbox, client, video_id, clip):
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(UploadCancelled):
        upload_file(client, video_id, clip, cancel=cancel)
    result = upload_file(client, video_id, clip)
    assert result.video_id == video_id
    assert [v.id for v in sandbox.state.videos()] == [video_id]
    assert sandbox.state.video(video_id).upload_done
    assert sandbox.state.media_sha256(video_id) == sha256(clip)


def test_bandwidth_limit_slows_the_upload_and_progress_stays_rate_limited(sandbox, client, video_id, clip):
    size = clip.stat().st_size
    rate = size * 2  # about half a second for the whole file
    calls: list[float] = []
    started = time.monotonic()
    upload_file(client, video_id, clip, limiter=BandwidthLimiter(rate),
                progress=lambda sent, total: calls.append(time.monotonic()))
    elapsed = time.monotonic() - started
    assert elapsed >= (size - rate * BandwidthLimiter.BURST_SECONDS) / rate * 0.9
    assert len(calls) <= elapsed * 10 + 3
    assert sandbox.state.media_sha256(video_id) == sha256(clip)


def test_stalled_upload_is_aborted_and_sent_again_to_the_same_video(sandbox, sleeps, clip):
    """The server stops reading: the watchdog ends the attempt, the retry delivers the file."""
    with clip.open("ab") as handle:  # bigger than every socket buffer on the way
        handle.write(os.urandom(24 * 1024 * 1024))

    def retry_wait(seconds: float) -> None:
        sleeps.append(seconds)
        sandbox.faults.limit_rate(0)  # the network recovers while we wait

    with PixopClient(**client_kwargs(sandbox), sleep=retry_wait) as client:
        video_id = client.videos.create(name="stall").video_id
        sandbox.faults.limit_rate(1)  # one byte a second: a stall
        started = time.monotonic()
        result = upload_file(client, video_id, clip, stall_seconds=0.5)
        took = time.monotonic() - started
    assert result.attempts == 2 and len(sleeps) == 1
    assert took < 5.0  # the watchdog fired, not the back-up write timeout (2 × 0.5 + 5 s)
    assert sandbox.state.media_sha256(video_id) == sha256(clip)
    assert [v.id for v in sandbox.state.videos()] == [video_id]


def test_attempts_are_bounded(sandbox, client, sleeps, video_id, clip):
    sandbox.faults.unavailable(count=5, retry_after=1, path_prefix="/media/v1/upload/")
    with pytest.raises(UploadGaveUp) as caught:
        upload_file(client, video_id, clip, max_attempts=2)
    assert caught.value.message == (
        "“clip.mp4” could not be sent after 2 attempts. Check the connection and try again.")
    assert len(sleeps) == 2 and not sandbox.state.video(video_id).upload_done


def test_file_changed_since_the_probe_is_refused_before_sending(sandbox, client, video_id, clip):
    media = preflight(clip)
    with clip.open("ab") as handle:
        handle.write(b"more")
    with pytest.raises(FileChangedDuringUpload):
        upload_file(client, video_id, clip, media=media)
    assert sandbox.state.video(video_id).upload_status == "INITIAL"


def test_file_deleted_before_sending_is_a_clear_refusal(sandbox, client, video_id, clip):
    media = preflight(clip)
    clip.unlink()
    with pytest.raises(FileUnreadable, match="“clip.mp4” could not be read during the upload"):
        upload_file(client, video_id, clip, media=media)
    assert sandbox.state.video(video_id).upload_status == "INITIAL"
