"""Our processing request ⇄ the SDK's VideoProcessingConfigurationOptions, both ways, every shared field."""

from __future__ import annotations

import pytest

from pixop_desktop.api.current_options import NotExpressible, from_current, to_current
from pixop_desktop.processing import ProcessingRequest

PAIRS = [
    ({"mediaContainerCodec": {"container": "mp4", "codec": "h264"}, "chromaSubsampling": {"yuv": "4:2:0", "bits": 8},
      "bitrate": {"mbps": 8.0}},
     {"container": "MP4", "encodingConfiguration": {"codec": "H264", "pixelFormat": {"yuv": "4:2:0", "bitDepth": 8},
                                                    "bitrate": 8_000_000}}, {}),
    ({"mediaContainerCodec": {"container": "mts", "codec": "hevc"}},
     {"container": "MPEGTS", "encodingConfiguration": {"codec": "HEVC"}}, {}),
    ({"mediaContainerCodec": {"container": "mov", "codec": "prores"}, "appleProresProfile": "4444xq"},
     {"container": "MOV", "encodingProfile": "PRORES_4444_XQ"}, {}),
    ({"mediaContainerCodec": {"container": "mxf", "codec": "dnxhd"}, "dnxhdHrProfile": "dnxhr_hqx"},
     {"container": "MXF", "encodingProfile": "DNXHR_HQX"}, {}),
    ({"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhd_sq", "bitrate": {"mbps": 145.0}},
     {"encodingProfile": "DNXHD_145_SQ"}, {}),
    ({"deinterlacer": "weston3f", "denoiser": "hqdn3d", "stabilizer": "dejit", "scanning": {"tag": "interlaced_bff"}},
     {"filters": {"deinterlacer": "WESTON3F", "denoiser": "HQDN3D", "stabilizer": "DEJIT"},
      "filterSettings": {"interlacedFieldOrderMode": "AUTO_METADATA"},
      "processingSettings": {"outputScanning": "INTERLACED_BOTTOM_FIRST"}}, {}),
    ({"scaler": "pabsr1", "resolution": {"tag": "uhd_4k"}, "clarityBoost": "very_high"},
     {"filters": {"scaler": "PABSR1"}, "filterSettings": {"resolution": {"tag": "UHD_4K"}, "clarityBoost": "VERY_HIGH"}},
     {}),
    ({"scaler": "dvres", "resolution": {"height": 1080, "aspectRatioTag": "16:9"}},
     {"filters": {"scaler": "DVRES"}, "filterSettings": {"resolution": {"height": 1080, "aspectRatioTag": "16:9"}}},
     {}),
    ({"scaler": "scale"}, {"filters": {"scaler": "SCALE"}, "filterSettings": {"resolution": {"tag": "1X"}}}, {}),
    ({"frameRateConverter": "mcinterpolate", "frameRate": {"tag": "video_ntsc_fast"}},
     {"filters": {"frameRateConverter": "MCINTERPOLATE"}, "filterSettings": {"frameRate": {"tag": "VIDEO_NTSC_FAST"}}},
     {}),
    ({"frameRateConverter": "fps", "frameRate": {"fps": 12.5}, "range": {"startPositionMilliseconds": 500,
                                                                      "endPositionMilliseconds": 1500}},
     {"filters": {"frameRateConverter": "FPS"}, "filterSettings": {"frameRate": {"fps": 12.5}}},
     {"startPosMs": 500, "endPosMs": 1500}),
]


@pytest.mark.parametrize(("ours", "body", "query"), PAIRS)
def test_ours_to_the_sdks(ours, body, query):
    assert to_current(ProcessingRequest.from_json(ours)) == (body, query)


@pytest.mark.parametrize(("ours", "body", "query"), PAIRS)
def test_the_sdks_to_ours(ours, body, query):
    assert from_current(body, query) == ProcessingRequest.from_json(ours)


def test_scanning_type_and_field_order_become_the_output_scanning():
    request = ProcessingRequest.from_json({"scanning": {"scanningType": "interlaced",
                                                        "interlacedFieldOrder": "top_field"}})
    assert to_current(request)[0] == {"processingSettings": {"outputScanning": "INTERLACED_TOP_FIRST"}}


@pytest.mark.parametrize(("ours", "words"), [
    ({"chromaSubsampling": {"yuv": "4:1:1"}}, "4:1:1"),
    ({"mediaContainerCodec": {"codec": "ffv1"}, "chromaSubsampling": {"bits": 16}}, "bit depth of 16"),
    ({"postProcessor": "filmgrain"}, "Film Grain"),
    ({"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhd_lb"}, "bitrate"),
])
def test_what_the_sdk_cannot_say_is_refused_in_plain_words(ours, words):
    with pytest.raises(NotExpressible) as refused:
        to_current(ProcessingRequest.from_json(ours))
    assert words in refused.value.message


def test_a_size_or_rate_without_its_filter_names_the_filter_v1_would_use():
    body, _ = to_current(ProcessingRequest.from_json({"resolution": {"tag": "2x"}, "frameRate": {"tag": "film"}}))
    assert body == {"filters": {"scaler": "SCALE", "frameRateConverter": "FPS"},
                    "filterSettings": {"resolution": {"tag": "2X"}, "frameRate": {"tag": "FILM"}}}


def test_sdk_only_settings_are_refused_not_dropped():
    with pytest.raises(NotExpressible) as refused:
        from_current({"filters": {"debander": "GRADFUN"}, "processingSettings": {"fixedOutputResolution": "FULL_HD"}})
    assert "debander" in refused.value.message and "fixedOutputResolution" in refused.value.message
