"""The local pre-flight probe: real files, real PyAV."""

from __future__ import annotations

import os
import time
import wave

import av
import pytest

from pixop_desktop.transfer.probe import (
    MAX_UPLOAD_BYTES, EmptyFile, FileMissing, FileTooLarge, FileUnreadable, NotAVideoError, preflight,
    thumbnail,
)


def test_a_clip_is_described_from_its_headers(clip_factory):
    clip = clip_factory("clip.mov", seconds=2.0, width=160, height=120, fps=25)
    started = time.perf_counter()
    media = preflight(clip)
    assert time.perf_counter() - started < 0.5
    assert media.path == clip and media.path.is_absolute()
    assert (media.width, media.height, media.fps, media.duration_ms) == (160, 120, 25.0, 2000)
    assert media.codec == "h264" and "mov" in media.container
    assert media.size == clip.stat().st_size and media.mtime_ns == clip.stat().st_mtime_ns
    assert media.interlaced is None


def test_interlacing_is_reported(five_second_clip):
    assert preflight(five_second_clip).interlaced == "tff"


def test_text_file_is_not_a_video(not_a_video):
    with pytest.raises(NotAVideoError) as caught:
        preflight(not_a_video)
    assert caught.value.title == "Not a video"
    assert caught.value.message.startswith("“notes.mp4” is not a video file Pixop can read (")
    assert caught.value.message.endswith("Choose a video file.")
    assert caught.value.path == not_a_video


def test_audio_only_file_has_no_video_stream(tmp_path):
    path = tmp_path / "voice.wav"
    with wave.open(str(path), "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"\x00\x01" * 8000)
    with pytest.raises(NotAVideoError) as caught:
        preflight(path)
    assert caught.value.message == (
        "“voice.wav” is not a video file Pixop can read (no video stream). Choose a video file.")


def test_still_image_is_not_a_video(small_clip, tmp_path):
    picture = tmp_path / "frame.png"
    picture.write_bytes(thumbnail(small_clip, 64))
    with pytest.raises(NotAVideoError, match="still image"):
        preflight(picture)


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "copying.mp4"
    path.touch()
    with pytest.raises(EmptyFile, match="“copying.mp4” is empty"):
        preflight(path)


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(FileMissing, match="“gone.mp4” does not exist"):
        preflight(tmp_path / "gone.mp4")


def test_folder_is_refused(tmp_path):
    folder = tmp_path / "clips.mp4"
    folder.mkdir()
    with pytest.raises(FileUnreadable, match="is not a file"):
        preflight(folder)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file_is_refused(small_clip):
    small_clip.chmod(0)
    try:
        with pytest.raises(FileUnreadable, match="permission denied"):
            preflight(small_clip)
    finally:
        small_clip.chmod(0o644)


def test_over_500_gb_is_refused_without_reading_it(tmp_path):
    huge = tmp_path / "huge.mxf"
    with huge.open("wb") as handle:
        handle.truncate(MAX_UPLOAD_BYTES + 1)  # sparse: no disk space used
    with pytest.raises(FileTooLarge) as caught:
        preflight(huge)
    assert caught.value.message == (
        "“huge.mxf” is larger than 500 GB (500.0 GB), the most Pixop accepts for one file.")


def test_exactly_500_gb_passes_the_size_rule(tmp_path):
    edge = tmp_path / "edge.mp4"
    with edge.open("wb") as handle:
        handle.truncate(MAX_UPLOAD_BYTES)
    with pytest.raises(NotAVideoError):  # refused for being zeros, not for its size
        preflight(edge)


def test_thumbnail_is_a_png_that_fits(clip_factory, tmp_path):
    clip = clip_factory("wide.mp4", width=320, height=180, seconds=1.0)
    png = thumbnail(clip, 100)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    stored = tmp_path / "thumb.png"
    stored.write_bytes(png)
    with av.open(str(stored)) as picture:
        frame = next(picture.decode(video=0))
    assert (frame.width, frame.height) == (100, 56)
