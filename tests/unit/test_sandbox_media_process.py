"""process() makes exactly what plan_output() announces — checked by probing the output."""

from __future__ import annotations

import hashlib
from fractions import Fraction

import av
import pytest

from pixop_desktop.processing import ProcessingRequest, ProcessingRequestError, formats, plan_output
from pixop_desktop.sandbox.media import (
    DNXHD_PROFILE_STAND_INS,
    PIX_FMT_STAND_INS,
    ProcessingCancelled,
    ProcessingFailed,
    STAND_INS,
    probe,
    process,
    source_info,
)
from pixop_desktop.sandbox.media_filters import KNOWN_FILTERS

# A short clip range keeps large outputs (1080p, 4x) fast.
FIRST_FIFTH = {"range": {"startPositionMilliseconds": 0, "endPositionMilliseconds": 200}}


def run(src, tmp_path, body: dict, name: str = "out.mp4", **kwargs):
    """Process ``src`` with the JSON ``body``; return (probe of the output, the plan)."""
    request = ProcessingRequest.from_json(body)
    source = source_info(probe(src))
    dst = tmp_path / name
    process(src, dst, request, source, **kwargs)
    assert not list(tmp_path.glob("*.partial")), "temporary output left behind"
    return probe(dst), plan_output(request, source)


def luma_digest(path, frames: int = 6) -> str:
    digest = hashlib.sha256()
    with av.open(str(path)) as container:
        for index, frame in enumerate(container.decode(video=0)):
            if index >= frames:
                break
            digest.update(bytes(frame.reformat(format="gray").planes[0]))
    return digest.hexdigest()


def test_no_options_keeps_the_source_shape(small_clip, tmp_path):
    out, plan = run(small_clip, tmp_path, {})

    assert (out.width, out.height, out.fps, out.pix_fmt) == (160, 120, 25.0, "yuv420p")
    assert (out.container, out.codec_name, out.scanning_type) == ("mp4", "h264", "progressive")
    assert out.total_frames == 50
    assert out.duration_ms == 2000
    assert (plan.width, plan.height, plan.container, plan.codec) == (160, 120, "mp4", "h264")


@pytest.mark.parametrize(
    ("resolution", "size", "aspect"),
    [
        ({"tag": "2x"}, (320, 240), Fraction(4, 3)),
        ({"tag": "3x"}, (480, 360), Fraction(4, 3)),
        ({"tag": "4x"}, (640, 480), Fraction(4, 3)),
        ({"tag": "hd_1080p"}, (1920, 1080), Fraction(16, 9)),
        ({"width": 320, "aspectRatioTag": "16:9"}, (320, 180), Fraction(16, 9)),
        ({"height": 240, "aspectRatioTag": "display"}, (320, 240), Fraction(4, 3)),
        ({"width": 200, "height": 100}, (200, 100), Fraction(2, 1)),
    ],
)
def test_resolution(small_clip, tmp_path, resolution, size, aspect):
    out, plan = run(small_clip, tmp_path, {"resolution": resolution, **FIRST_FIFTH})

    assert (out.width, out.height) == size == (plan.width, plan.height)
    assert out.display_aspect_ratio == aspect
    assert out.total_frames == 5


@pytest.mark.parametrize(
    ("resolution", "size"),
    [({"tag": "2x"}, (320, 240)), ({"width": 320, "aspectRatioTag": "display"}, (320, 180))],
)
def test_anamorphic_source_keeps_its_display_aspect(clip_factory, tmp_path, resolution, size):
    """160x120 stored with 4:3 pixels shows as 16:9, and so must the output."""
    src = clip_factory("wide.mp4", seconds=0.4, sample_aspect=Fraction(4, 3))
    assert probe(src).display_aspect_ratio == Fraction(16, 9)

    out, _ = run(src, tmp_path, {"resolution": resolution})

    assert (out.width, out.height) == size
    assert out.display_aspect_ratio == Fraction(16, 9)


@pytest.mark.parametrize(
    ("frame_rate", "fps", "frames"),
    [
        ({"tag": "film"}, 24.0, 48),
        ({"tag": "video_ntsc"}, 29.97, 60),
        ({"tag": "video_pal_fast"}, 50.0, 100),
        ({"fps": 12.5}, 12.5, 25),
    ],
)
def test_frame_rate(small_clip, tmp_path, frame_rate, fps, frames):
    out, _ = run(small_clip, tmp_path, {"frameRate": frame_rate})

    assert out.fps == fps
    assert abs(out.total_frames - frames) <= 1
    assert abs(out.duration_ms - 2000) <= 1000 / fps + 1


def test_clip_range(small_clip, tmp_path):
    body = {"range": {"startPositionMilliseconds": 400, "endPositionMilliseconds": 1400}}
    out, plan = run(small_clip, tmp_path, body)

    assert (plan.start_ms, plan.end_ms) == (400, 1400)
    assert out.duration_ms == 1000
    assert out.total_frames == 25


def test_clip_range_starts_at_the_right_picture(clip_factory, tmp_path):
    """The first output frame is the source frame at the range start, not the keyframe before."""
    src = clip_factory("lossless.mkv", codec="ffv1")
    whole, _ = run(src, tmp_path, {"mediaContainerCodec": {"codec": "ffv1", "container": "mov"}}, "whole.mov")
    body = {
        "mediaContainerCodec": {"codec": "ffv1", "container": "mov"},
        "range": {"startPositionMilliseconds": 400, "endPositionMilliseconds": 1000},
    }
    run(src, tmp_path, body, "part.mov")
    with av.open(str(tmp_path / "whole.mov")) as a, av.open(str(tmp_path / "part.mov")) as b:
        tenth = [f for i, f in zip(range(11), a.decode(video=0))][10]
        first = next(b.decode(video=0))
        assert bytes(tenth.planes[0]) == bytes(first.planes[0])


def test_two_x_with_bob_weaver_on_interlaced_source(five_second_clip, tmp_path):
    out, plan = run(five_second_clip, tmp_path, {"resolution": {"tag": "2x"}, "deinterlacer": "bwdif"})

    assert plan.filters == ["bwdif"]
    assert (out.width, out.height) == (320, 240)
    assert (out.scanning_type, out.field_order) == ("progressive", None)
    assert out.total_frames == 125
    assert out.duration_ms == 5000


def test_interlaced_source_stays_interlaced_by_default(five_second_clip, tmp_path):
    out, plan = run(five_second_clip, tmp_path, FIRST_FIFTH)

    assert plan.interlaced == "tff"
    assert (out.scanning_type, out.field_order) == ("interlaced", "top_field")


def test_bottom_field_first_source_keeps_its_order_by_default(clip_factory, tmp_path):
    src = clip_factory("bff.mp4", seconds=0.4, interlaced="bff")
    out, plan = run(src, tmp_path, {})

    assert (plan.interlaced, plan.filters) == ("bff", [])
    assert (out.scanning_type, out.field_order) == ("interlaced", "bottom_field")


def test_interlaced_source_can_swap_its_field_order(five_second_clip, tmp_path):
    out, plan = run(five_second_clip, tmp_path, {"scanning": {"tag": "interlaced_bff"}, **FIRST_FIFTH})

    assert plan.interlaced == "bff" and plan.filters == []
    assert (out.scanning_type, out.field_order) == ("interlaced", "bottom_field")


def test_audio_follows_the_clip_range(clip_factory, tmp_path):
    src = clip_factory("talk.mov", audio=True)
    body = {"range": {"startPositionMilliseconds": 500, "endPositionMilliseconds": 1500}}
    run(src, tmp_path, body, "part.mov")
    with av.open(str(tmp_path / "part.mov")) as container:
        audio = container.streams.audio[0]
        samples = sum(frame.samples for frame in container.decode(audio))
    assert abs(samples / audio.rate - 1.0) < 0.1


def test_interlacing_really_weaves_two_moments(clip_factory, tmp_path):
    """From 25p to 12.5i, the two fields of each output frame come from two source frames."""
    src = clip_factory("fast.mkv", codec="ffv1")
    common = {"frameRate": {"fps": 12.5}, "mediaContainerCodec": {"codec": "ffv1", "container": "mov"}}
    woven, _ = run(src, tmp_path, {"scanning": {"tag": "interlaced_tff"}, **common}, "woven.mov")
    plain, _ = run(src, tmp_path, common, "plain.mov")

    assert (woven.scanning_type, woven.field_order, woven.fps) == ("interlaced", "top_field", 12.5)
    later_bottom_fields = 0
    with av.open(str(tmp_path / "woven.mov")) as a, av.open(str(tmp_path / "plain.mov")) as b:
        for woven_frame, plain_frame in zip(a.decode(video=0), b.decode(video=0)):
            w, p = bytes(woven_frame.planes[0]), bytes(plain_frame.planes[0])
            stride = woven_frame.planes[0].line_size
            top_w = b"".join(w[r * stride : (r + 1) * stride] for r in range(0, 120, 2))
            top_p = b"".join(p[r * stride : (r + 1) * stride] for r in range(0, 120, 2))
            assert top_w == top_p  # the top field is the plain frame's
            later_bottom_fields += w != p  # the bottom field a later moment
    assert later_bottom_fields >= 10


ALL_PAIRS = [
    (container.value, codec.value)
    for container, codecs in formats.CODECS_BY_CONTAINER.items()
    for codec in codecs
]
FFMPEG_CODEC = {
    "h264": "h264", "hevc": "hevc", "prores": "prores", "dnxhd": "dnxhd",
    "xdcam": "mpeg2video", "mpeg2": "mpeg2video", "ffv1": "ffv1",
}


# FFmpeg's x265 wrapper cannot flag frame-coded interlacing and MPEG-TS has no
# field-order label of its own, so HEVC in MTS reads back as progressive.
# DNxHR refuses interlaced coding (see test_interlaced_dnxhd_is_refused).
INTERLACEABLE_PAIRS = [
    pair for pair in ALL_PAIRS if pair[1] != "dnxhd" and pair != ("mts", "hevc")
]


@pytest.mark.parametrize(("container", "codec"), INTERLACEABLE_PAIRS)
@pytest.mark.parametrize(
    ("scanning", "order"),
    [
        ({"tag": "interlaced_tff"}, "top_field"),
        ({"scanningType": "interlaced", "interlacedFieldOrder": "bottom_field"}, "bottom_field"),
    ],
)
def test_interlaced_output(clip_factory, tmp_path, scanning, order, container, codec):
    src = clip_factory("s.mp4", seconds=0.4)
    body = {"scanning": scanning, "mediaContainerCodec": {"codec": codec, "container": container}}
    out, _ = run(src, tmp_path, body, name=f"out.{container}")

    assert (out.scanning_type, out.field_order) == ("interlaced", order)
    assert out.total_frames == 10


def test_interlaced_dnxhd_is_refused(small_clip, tmp_path):
    body = {
        "scanning": {"tag": "interlaced_tff"},
        "resolution": {"tag": "2x"},
        "mediaContainerCodec": {"codec": "dnxhd", "container": "mov"},
    }
    with pytest.raises((ProcessingFailed, ProcessingRequestError)) as caught:
        run(small_clip, tmp_path, body, "d.mov")
    assert "interlaced" in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == [small_clip.name]


@pytest.mark.parametrize(("container", "codec"), ALL_PAIRS)
def test_every_container_codec_pair(clip_factory, tmp_path, container, codec):
    src = clip_factory("talk.mp4", seconds=0.4, audio=True)
    body = {"mediaContainerCodec": {"container": container, "codec": codec}}
    if codec == "dnxhd":
        body["resolution"] = {"tag": "2x"}  # DNxHR needs at least 256x120
    out, plan = run(src, tmp_path, body, name=f"out.{container}")

    assert out.container == container
    assert out.codec_name == FFMPEG_CODEC[codec]
    assert out.pix_fmt == plan.pix_fmt
    assert (out.width, out.height) == (plan.width, plan.height)
    assert out.total_frames == 10
    assert out.has_audio


@pytest.mark.parametrize(
    ("fps", "body", "field", "words"),
    [
        (12.5, {"mediaContainerCodec": {"container": "mxf", "codec": "mpeg2"}}, "mediaContainerCodec.container",
         "MXF files can only hold 23.976, 24, 25, 29.97"),
        (7, {"mediaContainerCodec": {"container": "mts", "codec": "mpeg2"}}, "mediaContainerCodec.codec",
         "H.262 / MPEG-2 video cannot be made at this video's 7 fps"),
    ],
)
def test_source_rates_the_output_cannot_carry_are_refused_before_any_work(
        clip_factory, tmp_path, fps, body, field, words):
    src = clip_factory("odd_rate.mp4", fps=fps, seconds=1.0)
    with pytest.raises(ProcessingRequestError) as caught:
        run(src, tmp_path, body, "x.out")
    assert caught.value.fields() == [field]
    assert words in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == [src.name]


def test_dnx_from_an_interlaced_source_is_progressive_with_the_announced_deinterlacer(five_second_clip, tmp_path):
    body = {"mediaContainerCodec": {"codec": "dnxhd", "container": "mov"}, "resolution": {"width": 320, "height": 240},
            **FIRST_FIFTH}
    out, plan = run(five_second_clip, tmp_path, body, "d.mov")
    assert (plan.interlaced, plan.filters) == (None, ["bwdif"])
    assert (out.codec_name, out.scanning_type, out.total_frames) == ("dnxhd", "progressive", 5)


@pytest.mark.parametrize("typed", [29.97, 29.97002997])
def test_ntsc_rate_typed_as_a_decimal_is_made_as_ntsc(small_clip, tmp_path, typed):
    body = {"frameRate": {"fps": typed}, "mediaContainerCodec": {"container": "mxf", "codec": "xdcam"}}
    out, plan = run(small_clip, tmp_path, body, "ntsc.mxf")
    assert out.frame_rate == plan.fps_rational == Fraction(30000, 1001)


def test_clip_end_is_exact_even_between_source_frames(small_clip, tmp_path):
    body = {"frameRate": {"fps": 100}, "range": {"startPositionMilliseconds": 0, "endPositionMilliseconds": 130}}
    out, _ = run(small_clip, tmp_path, body)
    assert out.total_frames == 13


def test_xdcam_is_mpeg2_422(small_clip, tmp_path):
    out, _ = run(small_clip, tmp_path, {"mediaContainerCodec": {"container": "mxf", "codec": "xdcam"}}, "x.mxf")
    assert (out.codec_name, out.pix_fmt) == ("mpeg2video", "yuv422p")


@pytest.mark.parametrize(
    ("profile", "pix_fmt"),
    # FFmpeg's ProRes decoder reports the 4444 profiles as 12-bit, whatever the encoder was fed.
    [("proxy", "yuv422p10le"), ("hq", "yuv422p10le"), ("4444", "yuv444p12le"), ("4444xq", "yuv444p12le")],
)
def test_prores_profiles(clip_factory, tmp_path, profile, pix_fmt):
    src = clip_factory("s.mp4", seconds=0.4)
    body = {"mediaContainerCodec": {"container": "mov", "codec": "prores"}, "appleProresProfile": profile}
    out, _ = run(src, tmp_path, body, "p.mov")
    assert out.pix_fmt == pix_fmt


@pytest.mark.parametrize(
    ("profile", "planned", "made"),
    [
        ("dnxhr_sq", "yuv422p", "yuv422p"),
        ("dnxhd_hqx", "yuv422p10le", "yuv422p10le"),
        ("dnxhd_444", "yuv444p10le", "yuv444p10le"),
        # Pixop's table says 12-bit; FFmpeg's DNx encoder makes 10-bit (a documented stand-in)
        ("dnxhr_hqx", "yuv422p12le", "yuv422p10le"),
        ("dnxhr_444", "yuv444p12le", "yuv444p10le"),
    ],
)
def test_dnxhd_profiles(clip_factory, tmp_path, profile, planned, made):
    src = clip_factory("s.mp4", seconds=0.4)
    body = {
        "mediaContainerCodec": {"container": "mov", "codec": "dnxhd"},
        "dnxhdHrProfile": profile,
        "resolution": {"tag": "2x"},
    }
    out, plan = run(src, tmp_path, body, "d.mov")
    assert (plan.pix_fmt, plan.profile) == (planned, profile)
    assert out.pix_fmt == made
    assert PIX_FMT_STAND_INS.get(("dnxhd", planned), planned) == made
    assert (out.codec_name, out.container, out.width, out.height, out.frame_rate) == (
        "dnxhd", plan.container, plan.width, plan.height, plan.fps_rational)
    assert out.total_frames == 10 and _dnx_profile(tmp_path / "d.mov") == (
        DNXHD_PROFILE_STAND_INS.get(profile, profile))


def _dnx_profile(path) -> str:
    """The DNx profile FFmpeg's decoder reads from the file ("dnxhr_hqx", ...)."""
    with av.open(str(path)) as container:
        name = container.streams.video[0].codec_context.profile
    return {"DNXHR LB": "dnxhr_lb", "DNXHR SQ": "dnxhr_sq", "DNXHR HQ": "dnxhr_hq",
            "DNXHR HQX": "dnxhr_hqx", "DNXHR 444": "dnxhr_444"}.get(str(name).upper(), str(name))


def test_dnxhd_too_small_is_refused_before_any_work(small_clip, tmp_path):
    """Refused by the plan's rules or, failing that, by the encoder settings — never half-made."""
    body = {"mediaContainerCodec": {"container": "mov", "codec": "dnxhd"}}
    with pytest.raises((ProcessingRequestError, ProcessingFailed)) as caught:
        run(small_clip, tmp_path, body, "d.mov")
    assert "256" in str(caught.value) and "120" in str(caught.value)
    assert not list(tmp_path.glob("d.mov*")) and not list(tmp_path.glob(".d.mov*"))


@pytest.mark.parametrize(
    ("codec", "chroma", "pix_fmt"),
    [
        ("h264", {"yuv": "4:2:2"}, "yuv422p"),
        ("h264", {"yuv": "4:4:4", "bits": 10}, "yuv444p10le"),
        ("hevc", {"yuv": "4:2:0", "bits": 10}, "yuv420p10le"),
        ("hevc", {"bits": 12}, "yuv420p12le"),
        ("ffv1", {"yuv": "4:4:4", "bits": 16}, "yuv444p16le"),
        ("ffv1", {"yuv": "4:1:1"}, "yuv411p"),
        ("mpeg2", {"yuv": "4:2:2"}, "yuv422p"),
    ],
)
def test_chroma_and_bits(small_clip, tmp_path, codec, chroma, pix_fmt):
    body = {"mediaContainerCodec": {"codec": codec}, "chromaSubsampling": chroma, **FIRST_FIFTH}
    out, plan = run(small_clip, tmp_path, body, "c.out")
    assert plan.pix_fmt == out.pix_fmt == pix_fmt


def test_bitrate_is_honoured(small_clip, tmp_path):
    # (At 160x120 this clip saturates near 0.45 Mb/s, so targets stay below that.)
    low, _ = run(small_clip, tmp_path, {"bitrate": {"mbps": 0.1}}, "low.mp4")
    high, _ = run(small_clip, tmp_path, {"bitrate": {"mbps": 0.4}}, "high.mp4")

    assert 50_000 < low.bitrate_bps < 150_000
    assert 200_000 < high.bitrate_bps < 600_000


LOSSLESS = {"mediaContainerCodec": {"codec": "ffv1", "container": "mov"}}


@pytest.fixture
def lossless_pair(clip_factory):
    """(progressive, interlaced) lossless sources, so filter effects are not hidden by a codec."""
    return (
        clip_factory("p.mkv", codec="ffv1", seconds=1.0),
        clip_factory("i.mkv", codec="ffv1", seconds=1.0, interlaced="tff"),
    )


@pytest.mark.parametrize("deinterlacer", ["deint", "yadif", "bwdif", "weston3f"])
def test_each_deinterlacer_changes_the_fields(lossless_pair, tmp_path, deinterlacer):
    _, interlaced = lossless_pair
    kept, _ = run(interlaced, tmp_path, LOSSLESS, "kept.mp4")
    out, plan = run(interlaced, tmp_path, {"deinterlacer": deinterlacer, **LOSSLESS}, "d.mp4")

    assert kept.scanning_type == "interlaced"
    assert out.scanning_type == "progressive"
    assert out.total_frames == 25
    assert luma_digest(tmp_path / "d.mp4") != luma_digest(tmp_path / "kept.mp4")


@pytest.mark.parametrize(
    "body",
    [
        {"denoiser": "hqdn3d"},
        {"denoiser": "denoise"},
        {"stabilizer": "dejit"},
        {"postProcessor": "filmgrain"},
        {"scaler": "pabsr1", "resolution": {"tag": "2x"}, "clarityBoost": "high"},
        {"scaler": "dvres", "resolution": {"tag": "2x"}},
        {"scaler": "dvres2", "resolution": {"tag": "2x"}},
        {"frameRateConverter": "fblend", "frameRate": {"tag": "video_pal_fast"}},
        {"frameRateConverter": "mcinterpolate", "frameRate": {"tag": "video_pal_fast"}},
        {"frameRateConverter": "vfi", "frameRate": {"tag": "video_pal_fast"}},
    ],
)
def test_each_filter_changes_the_picture(lossless_pair, tmp_path, body):
    progressive, _ = lossless_pair
    if "denoiser" in body:  # a denoiser needs noise to remove
        run(progressive, tmp_path, {"postProcessor": "filmgrain", **LOSSLESS}, "noisy.mp4")
        progressive = tmp_path / "noisy.mp4"
    baseline_body = {k: v for k, v in body.items() if k in ("resolution", "frameRate")}
    if "resolution" in baseline_body:
        baseline_body["scaler"] = "scale"
    if "frameRate" in baseline_body:
        baseline_body["frameRateConverter"] = "fps"
    base, _ = run(progressive, tmp_path, {**baseline_body, **LOSSLESS}, "base.mp4")
    out, plan = run(progressive, tmp_path, {**body, **LOSSLESS}, "f.mp4")

    assert (out.width, out.height, out.fps) == (base.width, base.height, base.fps)
    assert abs(out.total_frames - base.total_frames) <= 1
    assert luma_digest(tmp_path / "f.mp4") != luma_digest(tmp_path / "base.mp4")


def test_every_pixop_filter_has_a_mapping():
    pixop_ids = {"deint", "yadif", "bwdif", "weston3f", "denoise", "hqdn3d", "dejit",
                 "pabsr1", "dvres", "dvres2", "scale", "vfi", "fps", "fblend", "mcinterpolate", "filmgrain"}
    assert pixop_ids == KNOWN_FILTERS
    assert set(STAND_INS) <= KNOWN_FILTERS


def test_progress_is_monotonic_and_reaches_100(small_clip, tmp_path):
    seen: list[float] = []
    run(small_clip, tmp_path, {"resolution": {"tag": "2x"}}, progress=seen.append)

    assert seen[-1] == 100.0
    assert seen == sorted(seen) and len(set(seen)) == len(seen)
    assert all(1.0 <= value <= 100.0 for value in seen)  # percentages, never 0–1 fractions
    assert 10 <= len(seen) <= 101


def test_progress_reports_the_first_percent_as_one(five_second_clip, tmp_path):
    seen: list[float] = []
    run(five_second_clip, tmp_path, {}, progress=seen.append)  # 125 frames: the 2nd is 1.6 %
    assert seen[:2] == [1.0, 2.0] and seen[-1] == 100.0


def test_cancel_stops_and_leaves_nothing(five_second_clip, tmp_path):
    seen: list[float] = []
    with pytest.raises(ProcessingCancelled):
        run(five_second_clip, tmp_path, {"resolution": {"tag": "2x"}},
            progress=seen.append, cancel=lambda: bool(seen) and seen[-1] >= 20)

    assert seen and seen[-1] < 100.0
    assert list(tmp_path.iterdir()) == [five_second_clip]


def test_an_existing_destination_is_replaced_only_when_done(small_clip, tmp_path):
    dst = tmp_path / "out.mp4"
    dst.write_bytes(b"old")
    with pytest.raises(ProcessingCancelled):
        run(small_clip, tmp_path, {}, cancel=lambda: True)
    assert dst.read_bytes() == b"old"
    run(small_clip, tmp_path, {})
    assert probe(dst).total_frames == 50
