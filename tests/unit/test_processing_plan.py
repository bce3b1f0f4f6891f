"""plan_output: the output the wizard announces and the sandbox makes."""

from __future__ import annotations

from fractions import Fraction

import pytest

from pixop_desktop.processing import (
    ProcessingRequest,
    ProcessingRequestError,
    SourceInfo,
    check_against_source,
    plan_output,
)

PAL = SourceInfo(width=720, height=576, fps=25.0, duration_ms=10_000, display_aspect=16 / 9,
                 pix_fmt="yuv420p", codec="h264", container="mp4")


def plan(body: dict, source: SourceInfo = PAL):
    return plan_output(ProcessingRequest.from_json(body), source)


@pytest.mark.parametrize(("resolution", "size"), [
    (None, (720, 576)),
    ({"tag": "hd_1080p"}, (1920, 1080)),
    ({"tag": "uhd_4k"}, (3840, 2160)),
    ({"tag": "uhd_8k"}, (7680, 4320)),
    ({"tag": "2x"}, (1440, 1152)),
    ({"tag": "3x"}, (2160, 1728)),
    ({"tag": "4x"}, (2880, 2304)),
    ({"width": 1280, "height": 720}, (1280, 720)),
    ({"width": 1281, "height": 719}, (1282, 720)),
    ({"width": 1280, "aspectRatioTag": "16:9"}, (1280, 720)),
    ({"height": 576, "aspectRatioTag": "4:3"}, (768, 576)),
    ({"width": 1024, "aspectRatioTag": "display"}, (1024, 576)),
    ({"width": 1440, "aspectRatioTag": "storage"}, (1440, 1152)),
    ({"height": 1080}, (1920, 1080)),
    ({"width": 720}, (720, 406)),
])
def test_output_size(resolution, size):
    body = {"resolution": resolution} if resolution else {}
    result = plan(body)
    assert (result.width, result.height) == size
    assert result.width % 2 == 0 and result.height % 2 == 0


def test_display_aspect_falls_back_to_storage_aspect():
    square = SourceInfo(width=640, height=480, fps=25.0)
    result = plan({"resolution": {"width": 1280, "aspectRatioTag": "display"}}, square)
    assert (result.width, result.height) == (1280, 960)


def test_odd_source_size_is_rounded_to_even():
    odd = SourceInfo(width=161, height=121, fps=10.0)
    assert (plan({}, odd).width, plan({}, odd).height) == (162, 122)


@pytest.mark.parametrize(("frame_rate", "exact"), [
    ({"tag": "film_ntsc"}, Fraction(24000, 1001)),
    ({"tag": "film"}, Fraction(24)),
    ({"tag": "video_pal"}, Fraction(25)),
    ({"tag": "video_ntsc"}, Fraction(30000, 1001)),
    ({"tag": "video_hd"}, Fraction(30)),
    ({"tag": "video_pal_fast"}, Fraction(50)),
    ({"tag": "video_ntsc_fast"}, Fraction(60000, 1001)),
    ({"tag": "video_hd_fast"}, Fraction(60)),
    ({"fps": 12.5}, Fraction(25, 2)),
    ({"fps": 23.976}, Fraction(24000, 1001)),
    ({"fps": 29.97}, Fraction(30000, 1001)),
    ({"fps": 59.94}, Fraction(60000, 1001)),
    ({"fps": 29.97002997}, Fraction(30000, 1001)),
    ({"fps": 23.976023976}, Fraction(24000, 1001)),
    ({"fps": 119.88}, Fraction(120000, 1001)),
    ({"fps": 23.98}, Fraction(1199, 50)),  # not NTSC: too far from 24000/1001
    ({"fps": 30.0}, Fraction(30)),
])
def test_output_frame_rate(frame_rate, exact):
    result = plan({"frameRate": frame_rate})
    assert result.fps_rational == exact
    assert result.fps == float(exact)


def test_frame_rate_is_inherited_exactly():
    ntsc = SourceInfo(width=720, height=480, fps=29.97002997002997)
    assert plan({}, ntsc).fps_rational == Fraction(30000, 1001)
    rounded_metadata = SourceInfo(width=720, height=480, fps=29.97)
    assert plan({}, rounded_metadata).fps_rational == Fraction(30000, 1001)


@pytest.mark.parametrize(("body", "source", "expected"), [
    ({}, PAL, ("mp4", "h264", "yuv420p", None)),
    ({}, SourceInfo(1920, 1080, 25.0, codec="prores", container="mov", pix_fmt="yuv422p10le"),
     ("mov", "prores", "yuv422p10le", "standard")),
    ({}, SourceInfo(1920, 1080, 25.0, codec="h264", container="mov,mp4,m4a,3gp,3g2,mj2"),
     ("mp4", "h264", "yuv420p", None)),
    ({}, SourceInfo(1920, 1080, 25.0, codec="h264", container="mpegts"), ("mts", "h264", "yuv420p", None)),
    ({}, SourceInfo(640, 480, 25.0, codec="vp9", container="matroska,webm"), ("mp4", "h264", "yuv420p", None)),
    ({"mediaContainerCodec": {"codec": "prores"}}, PAL, ("mov", "prores", "yuv422p10le", "standard")),
    ({"mediaContainerCodec": {"codec": "prores"}, "appleProresProfile": "4444"}, PAL,
     ("mov", "prores", "yuv444p10le", "4444")),
    ({"mediaContainerCodec": {"codec": "prores"}, "chromaSubsampling": {"yuv": "4:4:4"}}, PAL,
     ("mov", "prores", "yuv444p10le", "4444")),
    ({"mediaContainerCodec": {"codec": "dnxhd"}}, PAL, ("mov", "dnxhd", "yuv422p", "dnxhr_sq")),
    ({"mediaContainerCodec": {"codec": "dnxhd"}, "chromaSubsampling": {"bits": 10}}, PAL,
     ("mov", "dnxhd", "yuv422p10le", "dnxhd_hqx")),
    ({"mediaContainerCodec": {"codec": "dnxhd"}, "chromaSubsampling": {"yuv": "4:4:4", "bits": 10}}, PAL,
     ("mov", "dnxhd", "yuv444p10le", "dnxhd_444")),
    # Pixop's table: DNxHR HQX is 4:2:2 12-bit, DNxHR 444 is 4:4:4 12-bit
    ({"mediaContainerCodec": {"codec": "dnxhd"}, "chromaSubsampling": {"bits": 12}}, PAL,
     ("mov", "dnxhd", "yuv422p12le", "dnxhr_hqx")),
    ({"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhr_hqx"}, PAL,
     ("mov", "dnxhd", "yuv422p12le", "dnxhr_hqx")),
    ({"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhr_444"}, PAL,
     ("mov", "dnxhd", "yuv444p12le", "dnxhr_444")),
    ({"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhd_hqx"}, PAL,
     ("mov", "dnxhd", "yuv422p10le", "dnxhd_hqx")),
    ({"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhd_444"}, PAL,
     ("mov", "dnxhd", "yuv444p10le", "dnxhd_444")),
    ({"mediaContainerCodec": {"codec": "xdcam"}}, PAL, ("mxf", "xdcam", "yuv422p", None)),
    ({"mediaContainerCodec": {"container": "mxf"}}, PAL, ("mxf", "h264", "yuv420p", None)),
    ({"chromaSubsampling": {"yuv": "4:2:2", "bits": 10}}, PAL, ("mp4", "h264", "yuv422p10le", None)),
    ({"chromaSubsampling": {"bits": 10}},
     SourceInfo(1920, 1080, 25.0, codec="h264", container="mp4", pix_fmt="yuv422p"),
     ("mp4", "h264", "yuv422p10le", None)),
    ({"chromaSubsampling": {"bits": 12}}, PAL, ("mp4", "hevc", "yuv420p12le", None)),
    ({"chromaSubsampling": {"yuv": "4:1:1"}}, PAL, ("mov", "ffv1", "yuv411p", None)),  # only mov holds ffv1
    ({"mediaContainerCodec": {"container": "mts"}, "chromaSubsampling": {"bits": 12}}, PAL,
     ("mts", "hevc", "yuv420p12le", None)),
])
def test_container_codec_and_pixel_format(body, source, expected):
    result = plan(body, source)
    assert (result.container, result.codec, result.pix_fmt, result.profile) == expected


def test_bitrate_and_clip():
    result = plan({"bitrate": {"mbps": 20.5}, "range": {"startPositionMilliseconds": 1500}})
    assert result.bitrate_bps == 20_500_000
    assert (result.start_ms, result.end_ms) == (1500, 10_000)
    whole = plan({})
    assert (whole.bitrate_bps, whole.start_ms, whole.end_ms) == (None, 0, 10_000)
    unknown_length = plan({"range": {"endPositionMilliseconds": 900}}, SourceInfo(160, 120, 10.0))
    assert (unknown_length.start_ms, unknown_length.end_ms) == (0, 900)


def test_filters_come_in_processing_order():
    body = {"postProcessor": "filmgrain", "frameRate": {"tag": "film"}, "frameRateConverter": "fblend",
            "scaler": "pabsr1", "stabilizer": "dejit", "denoiser": "hqdn3d", "deinterlacer": "bwdif"}
    assert plan(body).filters == ["bwdif", "hqdn3d", "dejit", "pabsr1", "fblend", "filmgrain"]
    assert plan({}).filters == []


INTERLACED_PAL = SourceInfo(720, 576, 25.0, duration_ms=4000, interlaced=True)


@pytest.mark.parametrize(("body", "source", "interlaced"), [
    ({}, PAL, None),
    ({"scanning": {"tag": "interlaced_tff"}}, PAL, "tff"),
    ({"scanning": {"tag": "interlaced_bff"}}, PAL, "bff"),
    ({"scanning": {"scanningType": "interlaced"}}, PAL, "tff"),
    ({"scanning": {"scanningType": "interlaced", "interlacedFieldOrder": "bottom_field"}}, PAL, "bff"),
    ({}, INTERLACED_PAL, "tff"),
    ({"scanning": {"tag": "auto"}}, INTERLACED_PAL, "tff"),
    ({}, SourceInfo(720, 576, 25.0, interlaced=True, field_order="bff"), "bff"),
    ({"scanning": {"tag": "progressive"}}, INTERLACED_PAL, None),
    ({"deinterlacer": "yadif"}, INTERLACED_PAL, None),
    ({"resolution": {"tag": "2x"}}, INTERLACED_PAL, None),
    ({"frameRate": {"tag": "video_pal_fast"}}, INTERLACED_PAL, None),
])
def test_scanning(body, source, interlaced):
    assert plan(body, source).interlaced == interlaced


@pytest.mark.parametrize("body", [
    {"mediaContainerCodec": {"codec": "dnxhd"}},
    {"mediaContainerCodec": {"codec": "dnxhd"}, "scanning": {"tag": "auto"}},
    {"mediaContainerCodec": {"container": "mxf", "codec": "dnxhd"}, "scanning": {}},
])
def test_dnx_output_is_progressive_with_an_announced_deinterlacer(body):
    result = plan(body, INTERLACED_PAL)
    assert (result.codec, result.interlaced) == ("dnxhd", None)
    assert result.filters == ["bwdif"]
    assert "with Bob Weaver" in result.describe()
    # a deinterlacer the request names is the one used
    chosen = plan({**body, "deinterlacer": "yadif"}, INTERLACED_PAL)
    assert (chosen.interlaced, chosen.filters) == (None, ["yadif"])


def test_progressive_output_from_interlaced_source_announces_its_deinterlacer():
    assert plan({"resolution": {"tag": "2x"}}, INTERLACED_PAL).filters == ["bwdif"]
    assert plan({"scanning": {"tag": "progressive"}}, INTERLACED_PAL).filters == ["bwdif"]
    assert plan({}, INTERLACED_PAL).filters == []  # stays interlaced: nothing to deinterlace
    assert plan({"resolution": {"tag": "2x"}}, PAL).filters == []


def test_inherited_dnx_is_not_kept_for_explicit_interlacing():
    dnx_source = SourceInfo(1920, 1080, 25.0, codec="dnxhd", container="mov", interlaced=True)
    assert plan({}, dnx_source).codec == "dnxhd"
    interlaced = plan({"scanning": {"tag": "interlaced_bff"}}, dnx_source)
    assert (interlaced.codec, interlaced.container, interlaced.interlaced) == ("h264", "mov", "bff")


def test_describe_announces_the_change():
    result = plan({"scaler": "pabsr1", "resolution": {"tag": "2x"}, "frameRate": {"tag": "video_pal_fast"},
                   "frameRateConverter": "mcinterpolate"})
    text = result.describe()
    assert text.startswith("2x of 720×576 → 1440×1152, 25 → 50 fps, ")
    assert "H.264 / AVC in MPEG-4 (.mp4)" in text
    assert "with Pixop Super Resolution, Motion Compensation" in text
    assert plan({"range": {"startPositionMilliseconds": 2000, "endPositionMilliseconds": 5500}}).describe() \
        == "720×576, 25 fps, H.264 / AVC in MPEG-4 (.mp4), yuv420p, clip 0:02.000–0:05.500"
    ntsc = plan({"frameRate": {"tag": "video_ntsc"}}).describe()
    assert "25 → 29.97 fps" in ntsc


def test_plan_is_deterministic():
    body = {"scaler": "dvres", "resolution": {"height": 1080}, "chromaSubsampling": {"bits": 10}}
    assert plan(body) == plan(body)


@pytest.mark.parametrize(("body", "source", "field"), [
    ({"range": {"endPositionMilliseconds": 10_001}}, PAL, "range.endPositionMilliseconds"),
    ({"range": {"startPositionMilliseconds": 10_000}}, PAL, "range.startPositionMilliseconds"),
    ({"resolution": {"tag": "4x"}}, SourceInfo(3840, 2160, 25.0), "resolution.tag"),
    ({"resolution": {"tag": "3x"}}, SourceInfo(2562, 1440, 25.0), "resolution.tag"),
    ({"resolution": {"width": 16, "aspectRatioTag": "16:9"}}, PAL, "resolution.aspectRatioTag"),
    ({"resolution": {"width": 7680, "aspectRatioTag": "4:3"}}, PAL, "resolution.aspectRatioTag"),
    ({"resolution": {"height": 4320}}, SourceInfo(400, 100, 25.0), "resolution.height"),
    ({"mediaContainerCodec": {"codec": "dnxhd"}}, SourceInfo(160, 120, 25.0), "mediaContainerCodec.codec"),
    ({"mediaContainerCodec": {"codec": "dnxhd"}, "resolution": {"width": 254, "height": 240}}, PAL,
     "mediaContainerCodec.codec"),
    # the output keeps the source's rate, which MXF / MPEG-2 cannot carry
    ({"mediaContainerCodec": {"container": "mxf"}}, SourceInfo(160, 120, 12.5), "mediaContainerCodec.container"),
    ({"mediaContainerCodec": {"codec": "xdcam"}}, SourceInfo(160, 120, 15.0), "mediaContainerCodec.codec"),
    ({"mediaContainerCodec": {"codec": "mpeg2"}}, SourceInfo(160, 120, 7.0), "mediaContainerCodec.codec"),
    ({"mediaContainerCodec": {"container": "mxf", "codec": "mpeg2"}}, SourceInfo(160, 120, 29.97),
     None),
    # a source in MXF at an unusual rate given a new rate MXF cannot carry
    ({"frameRate": {"fps": 12.5}}, SourceInfo(160, 120, 25.0, container="mxf"), "frameRate.fps"),
])
def test_source_dependent_rules(body, source, field):
    request = ProcessingRequest.from_json(body)
    if field is None:  # accepted
        assert plan_output(request, source).fps_rational == Fraction(30000, 1001)
        return
    for attempt in (check_against_source, plan_output):
        with pytest.raises(ProcessingRequestError) as caught:
            attempt(request, source)
        assert caught.value.fields() == [field]


def test_dnx_is_inherited_only_where_it_can_be_made():
    hd = {"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhd_hq", "resolution": {"tag": "hd_1080p"}}
    assert (plan(hd).codec, plan(hd).profile, plan(hd).width) == ("dnxhd", "dnxhd_hq", 1920)
    # classic DNxHD profiles are allowed at any size DNxHR can make (the sandbox uses stand-ins)
    sd = {"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhd_sq"}
    assert (plan(sd).width, plan(sd).profile) == (720, "dnxhd_sq")
    tiny_dnx_source = SourceInfo(160, 120, 25.0, codec="dnxhd", container="mov")
    assert plan({}, tiny_dnx_source).codec == "h264"  # inherited DNx cannot make 160×120
    assert plan({"resolution": {"tag": "2x"}}, tiny_dnx_source).codec == "dnxhd"


def test_clip_messages_say_positions_as_times():
    request = ProcessingRequest.from_json({"range": {"endPositionMilliseconds": 65_250}})
    with pytest.raises(ProcessingRequestError) as caught:
        check_against_source(request, PAL)
    assert str(caught.value) == "Clip end (1:05.250) is past the end of the video (0:10.000)."


def test_clip_within_the_video_and_unknown_duration_pass():
    within = ProcessingRequest.from_json({"range": {"startPositionMilliseconds": 0, "endPositionMilliseconds": 10_000}})
    check_against_source(within, PAL)
    far = ProcessingRequest.from_json({"range": {"endPositionMilliseconds": 10**9}})
    check_against_source(far, SourceInfo(160, 120, 10.0))


def test_rate_messages_say_which_rates_work():
    request = ProcessingRequest.from_json({"mediaContainerCodec": {"container": "mxf"}})
    with pytest.raises(ProcessingRequestError) as caught:
        check_against_source(request, SourceInfo(160, 120, 12.5))
    assert str(caught.value) == (
        "Container: MXF files can only hold 23.976, 24, 25, 29.97, 30, 47.952, 48, 50, 59.94, 60,"
        " 71.928, 72, 75, 89.91, 90, 95.904, 96, 100, 119.88 or 120 fps, not this video's 12.5 fps;"
        " choose one of those frame rates or another container.")
