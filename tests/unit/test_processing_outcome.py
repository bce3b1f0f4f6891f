"""What an order amounts to: a .mov source stays .mov, the size estimate's rules, and which
orders would give back the same video."""

from __future__ import annotations

import pytest

from pixop_desktop.processing import (
    ProcessingRequest, SourceInfo, changes_nothing, container_label, container_name, estimated_bytes, plan_output,
    typical_bitrate_bps,
)

ISO = "mov,mp4,m4a,3gp,3g2,mj2"
SOURCE = SourceInfo(1920, 1080, 30000 / 1001, duration_ms=60_000, pix_fmt="yuv420p", codec="h264",
                    container="mp4")


def plan(body: dict, source: SourceInfo = SOURCE):
    return plan_output(ProcessingRequest.from_json(body), source)


@pytest.mark.parametrize("brand, file_name, expected", [
    ("qt  ", None, "mov"), ("", "x.mp4", "mov"), ("isom", "x.mov", "mp4"), ("mp42", None, "mp4"),
    (None, "clip.MOV", "mov"), (None, "clip.m4v", "mp4"), (None, "clip.3gp", ISO), (None, "clip", ISO),
])
def test_container_name_tells_quicktime_from_mpeg4(brand, file_name, expected):
    assert container_name(ISO, brand, file_name) == expected
    assert container_name("mxf", brand, file_name) == "mxf"


def test_container_name_falls_back_on_the_mime_type():
    assert container_name(ISO, None, "clip", "video/quicktime") == "mov"
    assert container_name(ISO, None, None, "video/mp4; codecs=avc1") == "mp4"
    assert container_name(ISO, None, "clip.mov", "video/mp4") == "mov"  # the extension first


@pytest.mark.parametrize("file_name, mime, expected", [
    ("reel.mp4", None, "MP4"), ("reel.M4V", None, "MP4"), ("reel.mov", None, "QuickTime / MOV"),
    ("phone.3gp", None, "3GP"), ("tune.m4a", None, "M4A"), ("reel", "video/mp4", "MP4"),
    ("reel", "video/quicktime", "QuickTime / MOV"), ("reel.bin", "application/octet-stream", "QuickTime / MOV"),
    (None, None, "QuickTime / MOV"),
])
def test_container_label_names_the_iso_family_member_by_the_file(file_name, mime, expected):
    assert container_label(ISO, "QuickTime / MOV", file_name, mime) == expected


def test_container_label_keeps_other_containers_names():
    assert container_label("mxf", "MXF (Material eXchange Format)", "reel.mp4", "video/mp4") == \
        "MXF (Material eXchange Format)"
    assert container_label("mpegts", None, "reel.mts") == "mpegts"
    assert container_label(None, None, "reel.mp4") is None


def test_a_mov_source_keeps_its_container():
    mov = SourceInfo(720, 576, 25, codec="h264", container=container_name(ISO, "qt  "))
    assert plan({"denoiser": "denoise"}, mov).container == "mov"


def test_size_estimate_rules():
    assert estimated_bytes(plan({"bitrate": {"mbps": 8}})) == 8_000_000 * 60 // 8
    prores = plan({"mediaContainerCodec": {"container": "mov", "codec": "prores"}, "appleProresProfile": "hq"})
    assert typical_bitrate_bps(prores) == 220_000_000  # Apple's figure for 1080p 29.97
    assert typical_bitrate_bps(plan({})) == round(0.1 * 1920 * 1080 * 30000 / 1001)
    assert typical_bitrate_bps(plan({"mediaContainerCodec": {"codec": "xdcam"}})) == 50_000_000
    assert estimated_bytes(plan({}, SourceInfo(640, 480, 25))) is None  # unknown length


def test_changes_nothing():
    assert changes_nothing(ProcessingRequest())
    assert not changes_nothing(ProcessingRequest.from_json({"denoiser": "denoise"}))
    assert changes_nothing(ProcessingRequest(), SOURCE)
    assert changes_nothing(ProcessingRequest.from_json({"mediaContainerCodec": {"container": "mp4"}}), SOURCE)
    for body in ({"mediaContainerCodec": {"container": "mov"}}, {"resolution": {"tag": "2x"}},
                 {"range": {"startPositionMilliseconds": 1000}}, {"bitrate": {"mbps": 4}}):
        assert not changes_nothing(ProcessingRequest.from_json(body), SOURCE), body
    interlaced = SourceInfo(720, 576, 25, codec="h264", container="mp4", interlaced=True, field_order="tff")
    assert changes_nothing(ProcessingRequest(), interlaced)  # kept interlaced, as it is
    assert not changes_nothing(ProcessingRequest.from_json({"scanning": {"tag": "progressive"}}), interlaced)
