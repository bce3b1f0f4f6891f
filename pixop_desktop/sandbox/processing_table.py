"""Pixop's processing parameter table, as data: what the sandbox accepts at the door.

Transcribed on its own from the two sources Pixop publishes, never from the client's model
(``pixop_desktop.processing``), so the sandbox checks the app against a second reading:

- "seed": the v1 API page's table for ``POST /videos/v1/process-video/{id}``
  (``/work/shared/seeds/002_*``: Field, Mandatory, Permitted Value, Comments);
- "Java": Pixop's v1 Java client, ``pixop-cs-api-java-client``,
  ``ProcessVideoRequest.java`` (its enums and the codecs each ``CONTAINER`` supports).

Where they differ, both are accepted. ``processing_check.py`` applies the table;
``tests/unit/test_layering.py`` keeps this module and that one off the client's model.
"""

from __future__ import annotations

# --- permitted values, by JSON path ------------------------------------------------------------
ENUMS: dict[str, tuple] = {
    # seed: mov mxf mp4 mts; Java CONTAINER: the same four
    "mediaContainerCodec.container": ("mov", "mxf", "mp4", "mts"),
    # seed: h264 prores dnxhd xdcam hevc mpeg2 ffv1; Java CODEC: the same seven
    "mediaContainerCodec.codec": ("h264", "prores", "dnxhd", "xdcam", "hevc", "mpeg2", "ffv1"),
    # seed and Java APPLE_PRORES_PROFILE
    "appleProresProfile": ("proxy", "lt", "standard", "hq", "4444", "4444xq"),
    # seed and Java DNXHD_HR_PROFILE
    "dnxhdHrProfile": ("dnxhd_lb", "dnxhd_sq", "dnxhd_hq", "dnxhd_hqx", "dnxhd_444",
                       "dnxhr_lb", "dnxhr_sq", "dnxhr_hq", "dnxhr_hqx", "dnxhr_444"),
    # seed and Java SCANNING_TAG
    "scanning.tag": ("auto", "progressive", "interlaced_tff", "interlaced_bff"),
    # seed and Java ScanningType
    "scanning.scanningType": ("progressive", "interlaced"),
    # seed: top_field bottom_field; Java InterlacedFieldOrder: top_first bottom_first (ALIASES)
    "scanning.interlacedFieldOrder": ("top_field", "bottom_field", "top_first", "bottom_first"),
    # seed and Java YUV
    "chromaSubsampling.yuv": ("4:1:0", "4:1:1", "4:2:0", "4:2:2", "4:4:0", "4:4:4"),
    # seed: 8 10 12 14 16 (a JSON number)
    "chromaSubsampling.bits": (8, 10, 12, 14, 16),
    # seed and Java DE_INTERLACER
    "deinterlacer": ("deint", "yadif", "bwdif", "weston3f"),
    # seed and Java DE_NOISER
    "denoiser": ("denoise", "hqdn3d"),
    # seed and Java STABILIZER
    "stabilizer": ("dejit",),
    # seed: pabsr1 dvres scale; Java SCALER adds dvres2 (Pixop Deep Restoration 2)
    "scaler": ("pabsr1", "dvres", "dvres2", "scale"),
    # seed: hd_1080p uhd_4k uhd_8k 2x 3x 4x; Java RESOLUTION_TAG adds no_scaling (factor 1.0)
    "resolution.tag": ("hd_1080p", "uhd_4k", "uhd_8k", "no_scaling", "2x", "3x", "4x"),
    # seed and Java OutputAspectRatio
    "resolution.aspectRatioTag": ("display", "storage", "16:9", "4:3"),
    # seed and Java CLARITY_BOOST (names; the request carries names)
    "clarityBoost": ("none", "marginal", "very_low", "low", "medium", "high", "very_high"),
    # seed: fps fblend mcinterpolate; Java FRAME_RATE_CONVERTER adds vfi (Pixop Frame Rate Conversion)
    "frameRateConverter": ("vfi", "fps", "fblend", "mcinterpolate"),
    # seed: film_ntsc … video_hd_fast; Java FRAME_RATE_TAG adds video_uhd_fast (120 fps)
    "frameRate.tag": ("film_ntsc", "film", "video_pal", "video_ntsc", "video_hd", "video_pal_fast",
                      "video_ntsc_fast", "video_hd_fast", "video_uhd_fast"),
    # seed and Java POST_PROCESSOR
    "postProcessor": ("filmgrain",),
}

# Another name for a permitted value → the value the sandbox acts on (Java's names, seed's values).
ALIASES: dict[str, dict[str, str]] = {
    "scanning.interlacedFieldOrder": {"top_first": "top_field", "bottom_first": "bottom_field"},
}

# --- numbers: path → (lowest, highest or None, whole numbers only) ------------------------------
RANGES: dict[str, tuple[float, float | None, bool]] = {
    "bitrate.mbps": (0.01, 4000.0, False),  # seed: [0.01-4000.0]
    "resolution.width": (16, 7680, True),  # seed: [16-7680]; Java: Integer
    "resolution.height": (16, 4320, True),  # seed: [16-4320]; Java: Integer
    "frameRate.fps": (0.001, 999, False),  # seed: [0.001-999]
    # seed: [0-duration of video in milliseconds] (the duration: SOURCE_LIMITS); Java: Integer
    "range.startPositionMilliseconds": (0, None, True),
    "range.endPositionMilliseconds": (0, None, True),
}

# Sub-objects of the request (each must be a JSON object). seed: the example body.
GROUPS = ("mediaContainerCodec", "scanning", "chromaSubsampling", "bitrate", "resolution",
          "frameRate", "range")

# --- "Mandatory: Only if …": path → (the path of the condition, the value it must have) ----------
# The field may be left out when the condition holds (Pixop then uses its default), and is
# refused when it does not.
ONLY_IF: dict[str, tuple[str, str]] = {
    "appleProresProfile": ("mediaContainerCodec.codec", "prores"),  # seed: Only if codec is prores
    "dnxhdHrProfile": ("mediaContainerCodec.codec", "dnxhd"),  # seed: Only if codec is dnxhd
    # seed: Only if scanningType is interlaced
    "scanning.interlacedFieldOrder": ("scanning.scanningType", "interlaced"),
}

# --- a preset tag "instead of" explicit fields: tag → the fields it excludes ------------------
EXCLUDED_BY_TAG: dict[str, tuple[str, ...]] = {
    # seed: "specifies preset scanning settings instead of specifying explicit scanning type and
    # interlaced field order"
    "scanning.tag": ("scanning.scanningType", "scanning.interlacedFieldOrder"),
    # seed: "Width and/or height must be specified if, and only if there is no tag"
    "resolution.tag": ("resolution.width", "resolution.height", "resolution.aspectRatioTag"),
    # seed: "instead of specifying frames per second"
    "frameRate.tag": ("frameRate.fps",),
}

# Without its tag, a group needs one of these. seed: "Width and/or height must be specified if …
# there is no tag"; "Frames per second must be specified if there is no tag".
NEEDED_WITHOUT_TAG: dict[str, tuple[str, ...]] = {
    "resolution.tag": ("resolution.width", "resolution.height"),
    "frameRate.tag": ("frameRate.fps",),
}

# seed: "It's a bad request to specify all of width, height and a aspect ratio tag together."
NOT_ALL_TOGETHER = ("resolution.width", "resolution.height", "resolution.aspectRatioTag")

# --- pairs -------------------------------------------------------------------------------------
# Java: CONTAINER(name, supported codecs…); the seed lists no pairs.
CODECS_BY_CONTAINER: dict[str, tuple[str, ...]] = {
    "mov": ("h264", "prores", "dnxhd", "hevc", "mpeg2", "ffv1"),
    "mxf": ("h264", "xdcam", "mpeg2", "dnxhd"),
    "mp4": ("h264", "hevc"),
    "mts": ("h264", "hevc", "mpeg2"),
}

# Java: the ChromaSubsampling constants, the only yuv/bits pairs it names (4:1:0 and 4:1:1 are
# 8-bit only, 4:4:0 at most 12-bit). Checked when a request gives both.
BITS_BY_YUV: dict[str, tuple[int, ...]] = {
    "4:1:0": (8,),
    "4:1:1": (8,),
    "4:2:0": (8, 10, 12, 14, 16),
    "4:2:2": (8, 10, 12, 14, 16),
    "4:4:0": (8, 10, 12),
    "4:4:4": (8, 10, 12, 14, 16),
}

# --- accepted, but acted on only in their situation ------------------------------------------
# seed: clarityBoost "Defines the amount of contrast enhancement performed when Pixop Super
# Resolution scaler is selected" (Mandatory: No): with another scaler it is ignored.
IGNORED_UNLESS: dict[str, tuple[str, str | None]] = {
    "clarityBoost": ("scaler", "pabsr1"),
    # ours: a converter with no frame rate to reach changes nothing (the seed is silent).
    "frameRateConverter": ("frameRate", None),  # None: any value present
}

# --- what the source bounds ----------------------------------------------------------------
# seed: resolution tags' sizes and factors (Java RESOLUTION_TAG: no_scaling is factor 1.0).
FIXED_SIZES = {"hd_1080p": (1920, 1080), "uhd_4k": (3840, 2160), "uhd_8k": (7680, 4320)}
FACTORS = {"no_scaling": 1, "2x": 2, "3x": 3, "4x": 4}
FIXED_ASPECTS = {"16:9": 16 / 9, "4:3": 4 / 3}  # seed: ~1.777, ~1.333
# seed: the output frame stays within the width and height ranges.
SIZE_LIMITS = ((16, 7680), (16, 4320))
