"""Processing request examples shared by the unit tests and the sandbox test.

``RULE_CASES``: (id, JSON body, JSON path of the field at fault) — each body
breaks exactly one rule and the client's model must refuse it naming that field.
They come in two kinds (docs/processing-rules.md says which rule is whose):
``PIXOP_RULE_CASES`` break the seed's table or Pixop's Java client, so the
sandbox refuses them too (400 naming the same field); ``CLIENT_RULE_CASES``
break only a rule the app keeps to spare a late failure (FFmpeg) or our own —
the sandbox accepts those at the door.
``VALID_CASES``: (id, JSON body) — each must be accepted and round-trip exactly.
``PIXOP_PAIRS``, ``UNLISTED_PAIRS``, ``PIXOP_VALUES``: the container/codec table
and every permitted value, transcribed here once more from the seed and
``pixop-cs-api-java-client``'s ProcessVideoRequest (a third reading, for tests).
"""

from __future__ import annotations

_H264 = {"mediaContainerCodec": {"codec": "h264"}}
_PRORES = {"mediaContainerCodec": {"codec": "prores"}}


def _bad_enum(path: str, value="nonsense") -> dict:
    """A body with an unknown value at a dotted path."""
    *parents, leaf = path.split(".")
    body: dict = {}
    node = body
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value
    return body


_ENUM_PATHS = [
    "mediaContainerCodec.container", "mediaContainerCodec.codec", "scanning.tag",
    "scanning.scanningType", "chromaSubsampling.yuv", "deinterlacer", "denoiser", "stabilizer",
    "scaler", "resolution.tag", "clarityBoost", "frameRateConverter", "frameRate.tag",
    "postProcessor",
]

_ALL_RULE_CASES: list[tuple[str, dict, str]] = [
    *[(f"unknown-{p}", _bad_enum(p), p) for p in _ENUM_PATHS],
    ("unknown-prores-profile", {**_PRORES, "appleProresProfile": "ultra"}, "appleProresProfile"),
    ("unknown-dnx-profile", {"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "x"},
     "dnxhdHrProfile"),
    ("unknown-field-order", {"scanning": {"scanningType": "interlaced", "interlacedFieldOrder": "left"}},
     "scanning.interlacedFieldOrder"),
    ("unknown-aspect", {"resolution": {"width": 1280, "aspectRatioTag": "21:9"}}, "resolution.aspectRatioTag"),
    ("unknown-bits-9", {"chromaSubsampling": {"bits": 9}}, "chromaSubsampling.bits"),
    ("bits-not-a-number", {"chromaSubsampling": {"bits": "eight"}}, "chromaSubsampling.bits"),
    # profiles only with their codec
    ("prores-profile-with-h264", {**_H264, "appleProresProfile": "lt"}, "appleProresProfile"),
    ("prores-profile-without-codec", {"appleProresProfile": "hq"}, "appleProresProfile"),
    ("dnx-profile-with-prores", {**_PRORES, "dnxhdHrProfile": "dnxhr_sq"}, "dnxhdHrProfile"),
    # scanning: tag xor explicit type; field order only when interlaced
    ("scanning-tag-and-type", {"scanning": {"tag": "auto", "scanningType": "progressive"}},
     "scanning.scanningType"),
    ("scanning-tag-and-order", {"scanning": {"tag": "interlaced_tff", "interlacedFieldOrder": "top_field"}},
     "scanning.interlacedFieldOrder"),
    ("field-order-progressive",
     {"scanning": {"scanningType": "progressive", "interlacedFieldOrder": "bottom_field"}},
     "scanning.interlacedFieldOrder"),
    ("field-order-alone", {"scanning": {"interlacedFieldOrder": "top_field"}}, "scanning.interlacedFieldOrder"),
    # what the codec can store
    ("prores-420", {**_PRORES, "chromaSubsampling": {"yuv": "4:2:0"}}, "chromaSubsampling.yuv"),
    ("h264-12-bit", {**_H264, "chromaSubsampling": {"yuv": "4:2:0", "bits": 12}}, "chromaSubsampling.bits"),
    ("xdcam-444", {"mediaContainerCodec": {"codec": "xdcam"}, "chromaSubsampling": {"yuv": "4:4:4"}},
     "chromaSubsampling.yuv"),
    ("prores-lt-444", {**_PRORES, "appleProresProfile": "lt", "chromaSubsampling": {"yuv": "4:4:4"}},
     "chromaSubsampling.yuv"),
    ("dnxhr-sq-10-bit", {"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhr_sq",
                         "chromaSubsampling": {"bits": 10}}, "chromaSubsampling.bits"),
    # DNx profiles are the depth Pixop's table names: DNxHR HQX/444 12-bit, DNxHD HQX/444 10-bit
    ("dnxhr-hqx-10-bit", {"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhr_hqx",
                          "chromaSubsampling": {"yuv": "4:2:2", "bits": 10}}, "chromaSubsampling.bits"),
    ("dnxhr-hqx-8-bit", {"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhr_hqx",
                         "chromaSubsampling": {"bits": 8}}, "chromaSubsampling.bits"),
    ("dnxhr-444-16-bit", {"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhr_444",
                          "chromaSubsampling": {"yuv": "4:4:4", "bits": 16}}, "chromaSubsampling.bits"),
    ("dnxhr-444-422", {"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhr_444",
                       "chromaSubsampling": {"yuv": "4:2:2", "bits": 12}}, "chromaSubsampling.yuv"),
    ("dnxhd-hqx-12-bit", {"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhd_hqx",
                          "chromaSubsampling": {"bits": 12}}, "chromaSubsampling.bits"),
    ("dnxhd-444-12-bit", {"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhd_444",
                          "chromaSubsampling": {"yuv": "4:4:4", "bits": 12}}, "chromaSubsampling.bits"),
    ("dnxhd-14-bit", {"mediaContainerCodec": {"codec": "dnxhd"}, "chromaSubsampling": {"bits": 14}},
     "chromaSubsampling.bits"),
    ("mts-14-bit", {"mediaContainerCodec": {"container": "mts"}, "chromaSubsampling": {"bits": 14}},
     "chromaSubsampling.bits"),
    ("410-10-bit", {"chromaSubsampling": {"yuv": "4:1:0", "bits": 10}}, "chromaSubsampling.bits"),
    # codec must fit the container
    ("prores-in-mp4", {"mediaContainerCodec": {"container": "mp4", "codec": "prores"}},
     "mediaContainerCodec.codec"),
    ("dnxhd-in-mts", {"mediaContainerCodec": {"container": "mts", "codec": "dnxhd"}},
     "mediaContainerCodec.codec"),
    ("prores-in-mxf", {"mediaContainerCodec": {"container": "mxf", "codec": "prores"}},
     "mediaContainerCodec.codec"),
    ("xdcam-in-mov", {"mediaContainerCodec": {"container": "mov", "codec": "xdcam"}},
     "mediaContainerCodec.codec"),
    ("mpeg2-in-mp4", {"mediaContainerCodec": {"container": "mp4", "codec": "mpeg2"}},
     "mediaContainerCodec.codec"),
    ("hevc-in-mxf", {"mediaContainerCodec": {"container": "mxf", "codec": "hevc"}},
     "mediaContainerCodec.codec"),
    # DNxHD/HR cannot be interlaced (FFmpeg's DNxHR encoder is progressive only)
    ("dnxhd-interlaced-tff", {"mediaContainerCodec": {"codec": "dnxhd"}, "scanning": {"tag": "interlaced_tff"}},
     "scanning.tag"),
    ("dnxhd-interlaced-bff", {"mediaContainerCodec": {"container": "mxf", "codec": "dnxhd"},
                              "scanning": {"tag": "interlaced_bff"}}, "scanning.tag"),
    ("dnxhd-interlaced-type", {"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhr_hq",
                               "scanning": {"scanningType": "interlaced", "interlacedFieldOrder": "top_field"}},
     "scanning.scanningType"),
    # frame rates MXF files / MPEG-2 video cannot carry
    ("mxf-12.5-fps", {"mediaContainerCodec": {"container": "mxf"}, "frameRate": {"fps": 12.5}}, "frameRate.fps"),
    ("mxf-23.98-fps", {"mediaContainerCodec": {"container": "mxf", "codec": "h264"},
                       "frameRate": {"fps": 23.98}}, "frameRate.fps"),
    ("xdcam-defaults-to-mxf-15-fps", {"mediaContainerCodec": {"codec": "xdcam"}, "frameRate": {"fps": 15}},
     "frameRate.fps"),
    ("mpeg2-7.3333-fps", {"mediaContainerCodec": {"container": "mts", "codec": "mpeg2"},
                          "frameRate": {"fps": 7.3333}}, "frameRate.fps"),
    # bitrate 0.01–4000
    ("bitrate-zero", {"bitrate": {"mbps": 0}}, "bitrate.mbps"),
    ("bitrate-too-low", {"bitrate": {"mbps": 0.009}}, "bitrate.mbps"),
    ("bitrate-too-high", {"bitrate": {"mbps": 4000.01}}, "bitrate.mbps"),
    ("bitrate-text", {"bitrate": {"mbps": "fast"}}, "bitrate.mbps"),
    ("bitrate-bool", {"bitrate": {"mbps": True}}, "bitrate.mbps"),
    ("bitrate-nan", {"bitrate": {"mbps": float("nan")}}, "bitrate.mbps"),
    ("fps-infinite", {"frameRate": {"fps": float("inf")}}, "frameRate.fps"),
    # resolution: tag xor width/height; aspect only with exactly one side
    ("resolution-tag-and-width", {"resolution": {"tag": "hd_1080p", "width": 1920}}, "resolution.width"),
    ("resolution-tag-and-height", {"resolution": {"tag": "2x", "height": 1080}}, "resolution.height"),
    ("resolution-tag-and-aspect", {"resolution": {"tag": "uhd_4k", "aspectRatioTag": "16:9"}},
     "resolution.aspectRatioTag"),
    ("resolution-all-three", {"resolution": {"width": 1920, "height": 1080, "aspectRatioTag": "16:9"}},
     "resolution.aspectRatioTag"),
    ("resolution-empty", {"resolution": {}}, "resolution.width"),
    ("resolution-aspect-only", {"resolution": {"aspectRatioTag": "display"}}, "resolution.width"),
    ("width-too-small", {"resolution": {"width": 15}}, "resolution.width"),
    ("width-too-big", {"resolution": {"width": 7681}}, "resolution.width"),
    ("height-too-small", {"resolution": {"height": 8, "aspectRatioTag": "4:3"}}, "resolution.height"),
    ("height-too-big", {"resolution": {"height": 4321}}, "resolution.height"),
    ("width-fraction", {"resolution": {"width": 1280.5}}, "resolution.width"),
    ("resolution-not-object", {"resolution": "big"}, "resolution"),
    # clarity boost only with Pixop Super Resolution
    ("clarity-with-bicubic", {"scaler": "scale", "clarityBoost": "low"}, "clarityBoost"),
    ("clarity-with-dvres", {"scaler": "dvres", "clarityBoost": "none"}, "clarityBoost"),
    ("clarity-without-scaler", {"clarityBoost": "high"}, "clarityBoost"),
    # frame rate: tag xor fps; converter needs a frame rate
    ("frame-rate-tag-and-fps", {"frameRate": {"tag": "film", "fps": 24.0}}, "frameRate.fps"),
    ("frame-rate-empty", {"frameRate": {}}, "frameRate.fps"),
    ("fps-zero", {"frameRate": {"fps": 0}}, "frameRate.fps"),
    ("fps-too-high", {"frameRate": {"fps": 999.5}}, "frameRate.fps"),
    ("converter-without-rate", {"frameRateConverter": "mcinterpolate"}, "frameRateConverter"),
    # clip range
    ("range-negative-start", {"range": {"startPositionMilliseconds": -1}}, "range.startPositionMilliseconds"),
    ("range-negative-end", {"range": {"endPositionMilliseconds": -5}}, "range.endPositionMilliseconds"),
    ("range-empty-clip", {"range": {"startPositionMilliseconds": 500, "endPositionMilliseconds": 500}},
     "range.endPositionMilliseconds"),
    ("range-backwards", {"range": {"startPositionMilliseconds": 900, "endPositionMilliseconds": 100}},
     "range.endPositionMilliseconds"),
    ("range-end-zero", {"range": {"endPositionMilliseconds": 0}}, "range.endPositionMilliseconds"),
    ("range-not-object", {"range": [0, 1000]}, "range"),
]

# Rules the app keeps beyond Pixop's own sources (docs/processing-rules.md: FFmpeg, ours).
_CLIENT_ONLY = {
    "prores-420", "h264-12-bit", "xdcam-444", "prores-lt-444", "dnxhr-sq-10-bit", "dnxhr-hqx-10-bit",
    "dnxhr-hqx-8-bit", "dnxhr-444-16-bit", "dnxhr-444-422", "dnxhd-hqx-12-bit", "dnxhd-444-12-bit",
    "dnxhd-14-bit", "mts-14-bit", "dnxhd-interlaced-tff", "dnxhd-interlaced-bff", "dnxhd-interlaced-type",
    "mxf-12.5-fps", "mxf-23.98-fps", "xdcam-defaults-to-mxf-15-fps", "mpeg2-7.3333-fps",
    "clarity-with-bicubic", "clarity-with-dvres", "clarity-without-scaler", "converter-without-rate",
}
_JAVA_CASES: list[tuple[str, dict, str]] = [
    # the Java client's names for the field orders are field orders too, with the same rule
    ("java-field-order-progressive", {"scanning": {"scanningType": "progressive", "interlacedFieldOrder": "top_first"}},
     "scanning.interlacedFieldOrder"),
    # the Java client's ChromaSubsampling constants: 4:4:0 at most 12-bit
    ("440-14-bit", {"chromaSubsampling": {"yuv": "4:4:0", "bits": 14}}, "chromaSubsampling.bits"),
    ("ffv1-in-mp4", {"mediaContainerCodec": {"container": "mp4", "codec": "ffv1"}}, "mediaContainerCodec.codec"),
    ("xdcam-in-mts", {"mediaContainerCodec": {"container": "mts", "codec": "xdcam"}}, "mediaContainerCodec.codec"),
]
PIXOP_RULE_CASES = [c for c in _ALL_RULE_CASES if c[0] not in _CLIENT_ONLY] + _JAVA_CASES
CLIENT_RULE_CASES = [c for c in _ALL_RULE_CASES if c[0] in _CLIENT_ONLY]
assert len(CLIENT_RULE_CASES) == len(_CLIENT_ONLY)
RULE_CASES = PIXOP_RULE_CASES + CLIENT_RULE_CASES

# Pixop's v1 Java client, ProcessVideoRequest.CONTAINER: the codecs each container supports.
PIXOP_PAIRS = {
    "mov": ("h264", "prores", "dnxhd", "hevc", "mpeg2", "ffv1"),
    "mxf": ("h264", "xdcam", "mpeg2", "dnxhd"),
    "mp4": ("h264", "hevc"),
    "mts": ("h264", "hevc", "mpeg2"),
}
_CODECS = ("h264", "prores", "dnxhd", "xdcam", "hevc", "mpeg2", "ffv1")
UNLISTED_PAIRS = [(ct, co) for ct, codecs in PIXOP_PAIRS.items() for co in _CODECS if co not in codecs]

# Every permitted value (seed ∪ Java client), each in the smallest body that makes it valid.
_PRORES, _DNX = {"mediaContainerCodec": {"codec": "prores"}}, {"mediaContainerCodec": {"codec": "dnxhd"}}
PIXOP_VALUES: list[tuple[str, dict]] = [
    *[(f"container={v}", {"mediaContainerCodec": {"container": v}}) for v in ("mov", "mxf", "mp4", "mts")],
    *[(f"codec={v}", {"mediaContainerCodec": {"codec": v}}) for v in _CODECS],
    *[(f"prores={v}", {**_PRORES, "appleProresProfile": v})
      for v in ("proxy", "lt", "standard", "hq", "4444", "4444xq")],
    *[(f"dnx={v}", {**_DNX, "dnxhdHrProfile": v})
      for v in ("dnxhd_lb", "dnxhd_sq", "dnxhd_hq", "dnxhd_hqx", "dnxhd_444",
                "dnxhr_lb", "dnxhr_sq", "dnxhr_hq", "dnxhr_hqx", "dnxhr_444")],
    *[(f"scanning.tag={v}", {"scanning": {"tag": v}})
      for v in ("auto", "progressive", "interlaced_tff", "interlaced_bff")],
    ("scanningType=progressive", {"scanning": {"scanningType": "progressive"}}),
    *[(f"fieldOrder={v}", {"scanning": {"scanningType": "interlaced", "interlacedFieldOrder": v}})
      for v in ("top_field", "bottom_field", "top_first", "bottom_first")],
    *[(f"yuv={v}", {"chromaSubsampling": {"yuv": v}})
      for v in ("4:1:0", "4:1:1", "4:2:0", "4:2:2", "4:4:0", "4:4:4")],
    *[(f"bits={v}", {"chromaSubsampling": {"bits": v}}) for v in (8, 10, 12, 14, 16)],
    *[(f"deinterlacer={v}", {"deinterlacer": v}) for v in ("deint", "yadif", "bwdif", "weston3f")],
    *[(f"denoiser={v}", {"denoiser": v}) for v in ("denoise", "hqdn3d")],
    ("stabilizer=dejit", {"stabilizer": "dejit"}),
    *[(f"scaler={v}", {"scaler": v}) for v in ("pabsr1", "dvres", "dvres2", "scale")],
    *[(f"resolution={v}", {"resolution": {"tag": v}})
      for v in ("hd_1080p", "uhd_4k", "no_scaling", "2x", "3x", "4x")],  # uhd_8k: no 8K of a tiny clip
    *[(f"aspect={v}", {"resolution": {"width": 320, "aspectRatioTag": v}})
      for v in ("display", "storage", "16:9", "4:3")],
    *[(f"clarity={v}", {"scaler": "pabsr1", "clarityBoost": v})
      for v in ("none", "marginal", "very_low", "low", "medium", "high", "very_high")],
    *[(f"converter={v}", {"frameRateConverter": v, "frameRate": {"tag": "video_pal_fast"}})
      for v in ("vfi", "fps", "fblend", "mcinterpolate")],
    *[(f"frameRate={v}", {"frameRate": {"tag": v}})
      for v in ("film_ntsc", "film", "video_pal", "video_ntsc", "video_hd", "video_pal_fast",
                "video_ntsc_fast", "video_hd_fast", "video_uhd_fast")],
    ("postProcessor=filmgrain", {"postProcessor": "filmgrain"}),
]

# The seed's example made valid: one codec with its profile, one scanning
# form, one resolution form, one frame rate form.
SEED_EXAMPLE_VALID = {
    "mediaContainerCodec": {"container": "mov", "codec": "prores"},
    "appleProresProfile": "standard",
    "scanning": {"scanningType": "interlaced", "interlacedFieldOrder": "top_field"},
    "chromaSubsampling": {"yuv": "4:2:2", "bits": 10},
    "bitrate": {"mbps": 20.5},
    "deinterlacer": "deint",
    "denoiser": "denoise",
    "stabilizer": "dejit",
    "scaler": "pabsr1",
    "resolution": {"tag": "hd_1080p"},
    "clarityBoost": "low",
    "frameRateConverter": "fblend",
    "frameRate": {"tag": "film"},
    "postProcessor": "filmgrain",
    "range": {"startPositionMilliseconds": 0, "endPositionMilliseconds": 30000},
}

# The seed's example as printed (with its missing comma restored): it breaks
# rules, and these are the fields at fault.
SEED_EXAMPLE_AS_PRINTED = {
    "mediaContainerCodec": {"container": "mov", "codec": "h264"},
    "appleProresProfile": "standard",
    "dnxhdHrProfile": "dnxhd_sq",
    "scanning": {"tag": "interlaced_tff", "scanningType": "interlaced", "interlacedFieldOrder": "top_field"},
    "chromaSubsampling": {"yuv": "4:2:2", "bits": 8},
    "bitrate": {"mbps": 20.5},
    "deinterlacer": "deint",
    "denoiser": "denoise",
    "stabilizer": "dejit",
    "scaler": "pabsr1",
    "resolution": {"tag": "hd_1080p", "width": 1920, "height": 1080, "aspectRatioTag": "16:9"},
    "clarityBoost": "low",
    "frameRateConverter": "fblend",
    "frameRate": {"tag": "film", "fps": 24.0},
    "postProcessor": "filmgrain",
    "range": {"startPositionMilliseconds": 0, "endPositionMilliseconds": 30000},
}
SEED_EXAMPLE_FAULTS = [
    "appleProresProfile", "dnxhdHrProfile", "scanning.scanningType", "scanning.interlacedFieldOrder",
    "resolution.width", "resolution.height", "resolution.aspectRatioTag", "frameRate.fps",
]

VALID_CASES: list[tuple[str, dict]] = [
    ("empty", {}),
    ("seed-example-made-valid", SEED_EXAMPLE_VALID),
    ("h264-mp4-420-8", {"mediaContainerCodec": {"container": "mp4", "codec": "h264"},
                        "chromaSubsampling": {"yuv": "4:2:0", "bits": 8}}),
    ("dnxhr-hqx-mxf", {"mediaContainerCodec": {"container": "mxf", "codec": "dnxhd"},
                       "dnxhdHrProfile": "dnxhr_hqx", "chromaSubsampling": {"yuv": "4:2:2", "bits": 12}}),
    ("dnxhr-444-12-bit", {"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhr_444",
                          "chromaSubsampling": {"yuv": "4:4:4", "bits": 12}}),
    ("dnxhd-hqx-10-bit", {"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhd_hqx",
                          "chromaSubsampling": {"yuv": "4:2:2", "bits": 10}}),
    ("dnxhd-444-10-bit", {"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhd_444",
                          "chromaSubsampling": {"bits": 10}}),
    ("dnx-12-bit-default-profile", {"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhr_hqx",
                                    "chromaSubsampling": {"bits": 12}}),
    ("prores-4444xq", {"mediaContainerCodec": {"codec": "prores"}, "appleProresProfile": "4444xq"}),
    ("ffv1-16-bit", {"mediaContainerCodec": {"codec": "ffv1"}, "chromaSubsampling": {"yuv": "4:4:4", "bits": 16}}),
    ("xdcam-mxf", {"mediaContainerCodec": {"container": "mxf", "codec": "xdcam"}}),
    ("container-only", {"mediaContainerCodec": {"container": "mts"}}),
    ("scanning-tag", {"scanning": {"tag": "interlaced_bff"}}),
    ("scanning-type-interlaced", {"scanning": {"scanningType": "interlaced", "interlacedFieldOrder": "top_field"}}),
    ("scanning-progressive", {"scanning": {"scanningType": "progressive"}}),
    ("bits-only", {"chromaSubsampling": {"bits": 10}}),
    ("bitrate-limits", {"bitrate": {"mbps": 0.01}}),
    ("bitrate-max", {"bitrate": {"mbps": 4000.0}}),
    ("width-and-height", {"resolution": {"width": 7680, "height": 4320}}),
    ("width-with-aspect", {"resolution": {"width": 1280, "aspectRatioTag": "16:9"}}),
    ("height-with-aspect", {"resolution": {"height": 16, "aspectRatioTag": "4:3"}}),
    ("height-alone", {"resolution": {"height": 720}}),
    ("resolution-tag-4x", {"scaler": "dvres", "resolution": {"tag": "4x"}}),
    ("clarity-with-super-resolution", {"scaler": "pabsr1", "clarityBoost": "very_high"}),
    ("fps-min", {"frameRate": {"fps": 0.001}}),
    ("fps-max-with-converter", {"frameRateConverter": "fps", "frameRate": {"fps": 999.0}}),
    ("every-filter", {"deinterlacer": "weston3f", "denoiser": "hqdn3d", "stabilizer": "dejit",
                      "scaler": "scale", "frameRateConverter": "mcinterpolate",
                      "frameRate": {"tag": "video_ntsc_fast"}, "postProcessor": "filmgrain"}),
    ("dnxhd-progressive", {"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhr_sq",
                           "scanning": {"tag": "progressive"}}),
    ("dnxhd-auto", {"mediaContainerCodec": {"codec": "dnxhd"}, "dnxhdHrProfile": "dnxhr_sq",
                    "scanning": {"tag": "auto"}}),
    ("mxf-ntsc-typed-as-decimal", {"mediaContainerCodec": {"container": "mxf"}, "frameRate": {"fps": 29.97}}),
    ("mxf-119.88", {"mediaContainerCodec": {"container": "mxf", "codec": "h264"}, "frameRate": {"fps": 119.88}}),
    ("mxf-75", {"mediaContainerCodec": {"container": "mxf"}, "frameRate": {"fps": 75}}),
    ("ffv1-in-mov", {"mediaContainerCodec": {"container": "mov", "codec": "ffv1"}}),
    ("new-values-of-the-java-client", {"scaler": "dvres2", "resolution": {"tag": "no_scaling"},
                                        "frameRateConverter": "vfi", "frameRate": {"tag": "video_uhd_fast"}}),
    ("mpeg2-12.5-fps", {"mediaContainerCodec": {"codec": "mpeg2"}, "frameRate": {"fps": 12.5}}),
    ("range-start-only", {"range": {"startPositionMilliseconds": 1000}}),
    ("range-end-only", {"range": {"endPositionMilliseconds": 1}}),
]
