"""The starter presets that come with the app: common jobs, ready to use.

Each is a plain JSON processing request (checked against the model when the
module is imported, so a rule change that breaks one fails at once, in tests).
They are never written to disk and cannot be deleted or overwritten; a person
who wants a variation saves it under a new name. Names and descriptions are marked
for translators (context "Presets"); the UI shows them translated, files keep the English.
"""

from __future__ import annotations

from typing import Any

from pixop_desktop.i18n import QT_TRANSLATE_NOOP

# (name, description, request JSON). Order = the order people see them in.
BUILT_IN_PRESETS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    (
        QT_TRANSLATE_NOOP("Presets", "Upscale SD to HD (Super Resolution)"),
        QT_TRANSLATE_NOOP(
            "Presets",
            "Enlarges standard-definition video to 1080 lines high with Pixop Super Resolution,"
            " keeping the picture's shape (4:3 stays 4:3)."),
        {"scaler": "pabsr1", "resolution": {"height": 1080, "aspectRatioTag": "display"},
         "clarityBoost": "low"},
    ),
    (
        QT_TRANSLATE_NOOP("Presets", "Restore interlaced SD tape"),
        QT_TRANSLATE_NOOP(
            "Presets",
            "For digitised VHS, Betacam or DV tapes: deinterlaces, removes noise, steadies jitter"
            " and restores detail at twice the size, as progressive video."),
        {"deinterlacer": "deint", "denoiser": "denoise", "stabilizer": "dejit",
         "scaler": "dvres", "resolution": {"tag": "2x"}, "scanning": {"tag": "progressive"}},
    ),
    (
        QT_TRANSLATE_NOOP("Presets", "4K ProRes HQ master"),
        QT_TRANSLATE_NOOP(
            "Presets",
            "An Ultra HD 4K master in Apple ProRes HQ (.mov) made with Pixop Super Resolution,"
            " for finishing and archiving."),
        {"mediaContainerCodec": {"container": "mov", "codec": "prores"},
         "appleProresProfile": "hq", "scaler": "pabsr1", "resolution": {"tag": "uhd_4k"},
         "clarityBoost": "marginal", "scanning": {"tag": "progressive"}},
    ),
    (
        QT_TRANSLATE_NOOP("Presets", "Smooth 60 fps"),
        QT_TRANSLATE_NOOP(
            "Presets",
            "Makes motion smoother by inventing in-between frames (motion compensation) to reach 60 fps."),
        {"frameRateConverter": "mcinterpolate", "frameRate": {"tag": "video_hd_fast"},
         "scanning": {"tag": "progressive"}},
    ),
    (
        QT_TRANSLATE_NOOP("Presets", "Clean up noisy footage"),
        QT_TRANSLATE_NOOP(
            "Presets",
            "Removes grain and noise and steadies small shakes; size, frame rate and format stay as they are."),
        {"denoiser": "denoise", "stabilizer": "dejit"},
    ),
    (
        QT_TRANSLATE_NOOP("Presets", "Web delivery H.264 1080p"),
        QT_TRANSLATE_NOOP(
            "Presets",
            "Full HD H.264 in an MP4 file at 8 Mbit/s: plays on the web, phones and TVs."),
        {"mediaContainerCodec": {"container": "mp4", "codec": "h264"},
         "scaler": "pabsr1", "resolution": {"tag": "hd_1080p"},
         "chromaSubsampling": {"yuv": "4:2:0", "bits": 8}, "bitrate": {"mbps": 8},
         "scanning": {"tag": "progressive"}},
    ),
    (
        QT_TRANSLATE_NOOP("Presets", "Film look 24 fps"),
        QT_TRANSLATE_NOOP(
            "Presets",
            "Converts to cinema speed (24 fps) by blending frames and adds a natural film grain."),
        {"frameRateConverter": "fblend", "frameRate": {"tag": "film"}, "postProcessor": "filmgrain",
         "scanning": {"tag": "progressive"}},
    ),
)
