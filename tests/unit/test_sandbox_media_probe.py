"""probe(), source_info() and quality_assessment() on real clips written by PyAV."""

from __future__ import annotations

import math
from fractions import Fraction

import av
import pytest

from pixop_desktop.sandbox.media import (
    NotAVideo,
    probe,
    process,
    quality_assessment,
    source_info,
)
from pixop_desktop.processing import ProcessingRequest
from pixop_desktop.sandbox.media_quality import subjective_label


def test_small_clip_is_measured_exactly(small_clip):
    result = probe(small_clip)

    assert (result.width, result.height) == (160, 120)
    assert result.fps == 25.0
    assert result.frame_rate == Fraction(25)
    assert result.duration_ms == 2000
    assert result.total_frames == 50
    assert result.pix_fmt == "yuv420p"
    assert (result.chroma_subsampling, result.bits) == ("4:2:0", 8)
    assert (result.scanning_type, result.field_order) == ("progressive", None)
    assert result.container == "mp4"
    assert result.container_name == "mov,mp4,m4a,3gp,3g2,mj2"
    assert result.codec_name == "h264"
    assert result.size == small_clip.stat().st_size
    assert 0 < result.video_stream_size < result.size
    assert result.display_aspect_ratio == Fraction(4, 3)
    assert result.has_audio is False


def test_metadata_json_has_the_seed_shape(small_clip):
    result = probe(small_clip)

    assert result.to_metadata_json() == {
        "containerName": "mov,mp4,m4a,3gp,3g2,mj2",
        "longContainerName": "QuickTime / MOV",
        "codecName": "h264",
        "longCodecName": result.long_codec_name,
        "pixelFormat": {"name": "yuv420p", "chromaSubsampling": {"yuv": "4:2:0", "bits": 8}},
        "frameWidth": 160,
        "frameHeight": 120,
        "scanning": {"metadata": {"scanningType": "progressive"}},
        "averageFramerate": 25.0,
        "durationInMillis": 2000,
        "totalFrames": 50,
        "size": small_clip.stat().st_size,
        "videoStreamSize": result.video_stream_size,
    }
    assert "H.264" in result.long_codec_name


def test_interlaced_top_field_first_clip(five_second_clip):
    result = probe(five_second_clip)

    assert (result.scanning_type, result.field_order) == ("interlaced", "top_field")
    assert result.duration_ms == 5000
    assert result.total_frames == 125
    assert result.to_metadata_json()["scanning"] == {
        "metadata": {"scanningType": "interlaced", "interlacedFieldOrder": "top_field"}
    }


def test_bottom_field_first_quicktime_with_audio(clip_factory):
    result = probe(clip_factory("bff.mov", interlaced="bff", audio=True))

    assert result.container == "mov"
    assert (result.scanning_type, result.field_order) == ("interlaced", "bottom_field")
    assert result.has_audio is True


def test_transport_stream_counts_frames_from_packets(clip_factory):
    path = clip_factory("tv.mts", codec="mpeg2video", interlaced="tff", audio=True)
    with av.open(str(path)) as container:
        assert container.streams.video[0].frames == 0  # the container does not say

    result = probe(path)

    assert result.container == "mts"
    assert result.container_name == "mpegts"
    assert result.codec_name == "mpeg2video"
    assert result.total_frames == 50
    assert result.duration_ms == 2000
    assert result.field_order == "top_field"


@pytest.mark.parametrize(
    ("name", "options", "expected"),
    [
        ("d10.mxf", {"codec": "mpeg2video", "pix_fmt": "yuv422p"}, ("mxf", "yuv422p", "4:2:2", 8)),
        ("hq.mov", {"codec": "prores_ks", "pix_fmt": "yuv422p10le"}, ("mov", "yuv422p10le", "4:2:2", 10)),
        ("x.mkv", {"codec": "ffv1", "pix_fmt": "yuv444p12le"}, ("mkv", "yuv444p12le", "4:4:4", 12)),
        ("s.mkv", {"codec": "ffv1", "pix_fmt": "yuv411p"}, ("mkv", "yuv411p", "4:1:1", 8)),
        ("g.mkv", {"codec": "ffv1", "pix_fmt": "gray"}, ("mkv", "gray", "4:0:0", 8)),
    ],
)
def test_containers_and_pixel_formats(clip_factory, name, options, expected):
    result = probe(clip_factory(name, seconds=1.0, **options))

    assert (result.container, result.pix_fmt, result.chroma_subsampling, result.bits) == expected
    assert result.total_frames == 25


def test_ntsc_rate_and_odd_size(clip_factory):
    result = probe(clip_factory("ntsc.mkv", codec="ffv1", fps=Fraction(30000, 1001), width=162, height=98))

    assert result.fps == 29.97
    assert result.frame_rate == Fraction(30000, 1001)
    assert (result.width, result.height) == (162, 98)
    assert result.display_aspect_ratio == Fraction(162, 98)


def test_empty_file(tmp_path):
    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")
    with pytest.raises(NotAVideo) as caught:
        probe(empty)
    assert caught.value.reason == "This file is empty."


def test_text_file(not_a_video):
    with pytest.raises(NotAVideo) as caught:
        probe(not_a_video)
    assert caught.value.reason.startswith("FFmpeg cannot read this file: ")
    assert str(not_a_video) not in caught.value.reason


def test_truncated_file(small_clip, tmp_path):
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(small_clip.read_bytes()[:3000])
    with pytest.raises(NotAVideo) as caught:
        probe(cut)
    assert "FFmpeg cannot read this file" in caught.value.reason


def test_audio_only_file(tmp_path):
    path = tmp_path / "song.m4a"
    with av.open(str(path), "w") as out:
        stream = out.add_stream("aac", rate=48000)
        stream.layout = "mono"
        frame = av.AudioFrame(format="s16", layout="mono", samples=1024)
        frame.planes[0].update(bytes(2048))
        frame.sample_rate = 48000
        for index in range(10):
            frame.pts = index * 1024
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    with pytest.raises(NotAVideo) as caught:
        probe(path)
    assert caught.value.reason == "This file has no video stream."


def test_source_info_from_probe(five_second_clip):
    info = source_info(probe(five_second_clip))

    assert (info.width, info.height, info.fps, info.duration_ms) == (160, 120, 25.0, 5000)
    assert info.display_aspect == pytest.approx(4 / 3)
    assert (info.pix_fmt, info.codec, info.container, info.interlaced) == ("yuv420p", "h264", "mp4", True)


def test_quality_assessment_shape(small_clip):
    result = probe(small_clip)
    quality = quality_assessment(small_clip, result)

    names = [metric["name"] for metric in quality["metrics"]]
    assert names == ["sharpness", "noise", "blockiness", "contrast"]
    for metric in quality["metrics"]:
        assert set(metric) == {"name", "sampleMean", "subjectiveLabel", "subjectiveScore"}
        assert 0.0 <= metric["subjectiveScore"] <= 5.0
        assert metric["subjectiveLabel"] == subjective_label(metric["subjectiveScore"])
        assert math.isfinite(metric["sampleMean"])
    mean = sum(m["subjectiveScore"] for m in quality["metrics"]) / 4
    assert quality["overallSubjectiveScore"] == pytest.approx(mean, abs=0.001)


def _metric(quality: dict, name: str) -> float:
    return next(m["sampleMean"] for m in quality["metrics"] if m["name"] == name)


def test_quality_measures_react_to_the_picture(clip_factory, tmp_path):
    """Film grain raises the noise estimate; starving MPEG-2 of bits makes it blocky."""
    clean = clip_factory("clean.mkv", codec="ffv1")
    source = source_info(probe(clean))
    grainy = tmp_path / "grainy.mov"
    process(clean, grainy, ProcessingRequest.from_json(
        {"postProcessor": "filmgrain", "mediaContainerCodec": {"container": "mov", "codec": "ffv1"}}
    ), source)
    starved = tmp_path / "starved.ts"
    process(clean, starved, ProcessingRequest.from_json(
        {"mediaContainerCodec": {"container": "mts", "codec": "mpeg2"}, "bitrate": {"mbps": 0.05}}
    ), source)

    clean_q = quality_assessment(clean, probe(clean))
    grainy_q = quality_assessment(grainy, probe(grainy))
    starved_q = quality_assessment(starved, probe(starved))

    assert _metric(grainy_q, "noise") > _metric(clean_q, "noise") + 1.0
    assert _metric(starved_q, "blockiness") > _metric(clean_q, "blockiness") + 0.2
    assert starved_q["overallSubjectiveScore"] < clean_q["overallSubjectiveScore"]


@pytest.mark.parametrize(
    ("score", "label"),
    [(0.0, "bad"), (0.99, "bad"), (1.0, "poor"), (2.5, "fair"), (3.99, "good"), (4.0, "excellent"), (5.0, "excellent")],
)
def test_subjective_labels(score, label):
    assert subjective_label(score) == label


def test_quality_assessment_of_a_long_clip_seeks_to_its_samples(clip_factory):
    """Past a few hundred frames the samples are found by seeking, not by decoding everything."""
    path = clip_factory("long.mp4", seconds=8.0, fps=100, width=64, height=48)
    result = probe(path)
    assert result.total_frames == 800

    quality = quality_assessment(path, result)

    assert [m["name"] for m in quality["metrics"]] == ["sharpness", "noise", "blockiness", "contrast"]
    assert quality["overallSubjectiveScore"] > 0
