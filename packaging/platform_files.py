"""Per-platform files generated from ``pixop_desktop.__version__`` at build time.

- :func:`info_plist`: the macOS ``Info.plist`` entries for the spec's ``BUNDLE(info_plist=...)``:
  bundle id, version, high-DPI, and the video types that may be dropped on the Dock icon.
- :func:`write_windows_version_info`: the Windows version resource (PyInstaller's
  ``VSVersionInfo`` text format) from ``packaging/windows/version_info.txt.in``.
"""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUNDLE_ID = "com.pixop.desktop"
APP_NAME = "Pixop Desktop"
COPYRIGHT = "© Pixop ApS"
MXF_UTI = "org.smpte.mxf"

# Dropping these on the Dock icon (or "Open With") hands them to the app as QFileOpenEvents.
VIDEO_TYPES = ["public.movie", "public.mpeg-4", "com.apple.quicktime-movie", "public.avi",
               "public.mpeg-2-transport-stream", "org.matroska.mkv", MXF_UTI]


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """``0.1.0`` → (0, 1, 0, 0); pre-release suffixes (``0.2.0rc1``) are dropped."""
    numbers = [int(part) for part in re.findall(r"\d+", version.split("+")[0])[:4]]
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def info_plist(version: str) -> dict:
    return {
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": ".".join(map(str, version_tuple(version)[:3])),
        "NSHumanReadableCopyright": COPYRIGHT,
        "NSHighResolutionCapable": True,
        "LSApplicationCategoryType": "public.app-category.video",
        "LSMinimumSystemVersion": "11.0",
        "CFBundleDocumentTypes": [{
            "CFBundleTypeName": "Video",
            "CFBundleTypeRole": "Viewer",  # we read them (send them to Pixop), never edit them
            "LSHandlerRank": "Alternate",  # never take over as the default player
            "LSItemContentTypes": VIDEO_TYPES,
        }],
        # MXF has no system type; declare it so Finder lets .mxf files be dropped on us.
        "UTImportedTypeDeclarations": [{
            "UTTypeIdentifier": MXF_UTI,
            "UTTypeDescription": "Material Exchange Format video",
            "UTTypeConformsTo": ["public.movie"],
            "UTTypeTagSpecification": {"public.filename-extension": ["mxf"],
                                       "public.mime-type": ["application/mxf"]},
        }],
    }


def write_windows_version_info(version: str, dest: Path) -> Path:
    """Fill in the version resource template; returns ``dest`` (PyInstaller's ``version=``)."""
    numbers = version_tuple(version)
    text = (HERE / "windows" / "version_info.txt.in").read_text(encoding="utf-8")
    text = text.replace("@VERSION_TUPLE@", repr(numbers)).replace("@VERSION@", version)
    text = text.replace("@COPYRIGHT@", COPYRIGHT).replace("@APP_NAME@", APP_NAME)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text, encoding="utf-8")
    return dest
