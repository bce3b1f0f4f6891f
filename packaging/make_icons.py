"""Render the app icon from ``resources/pixop-desktop.svg`` into every size and format the bundles need.

    python packaging/make_icons.py [OUT_DIR]      (default: build/icons)

Writes ``hicolor/<N>x<N>/apps/pixop-desktop.png`` (Linux desktops),
``pixop-desktop.ico`` (Windows: 16…256 px, PNG-compressed entries) and
``pixop-desktop.icns`` (macOS: 16…1024 px incl. @2x). Rendering uses Qt's
QSvgRenderer, which the app already depends on, so no image tool is needed.
The ICO and ICNS containers are simple enough to write by hand (below).
Idempotent: does nothing when the outputs are newer than the SVG and this script.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "pixop-desktop.svg"
NAME = "pixop-desktop"
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, and the pixel size each holds.
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
              (b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256),
              (b"ic14", 512))


def render_png(size: int) -> bytes:
    """The SVG drawn at ``size`` x ``size`` pixels on a transparent background, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot read {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file with one PNG-compressed entry per size (Windows Vista and later read these)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, payload = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset + len(payload))
        payload += data
    return header + entries + payload


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file whose elements are PNGs (macOS 10.7 and later)."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def outputs(out: Path) -> list[Path]:
    return [out / f"{NAME}.ico", out / f"{NAME}.icns",
            *(out / "hicolor" / f"{s}x{s}" / "apps" / f"{NAME}.png" for s in HICOLOR_SIZES)]


def up_to_date(out: Path) -> bool:
    newest_input = max(SVG.stat().st_mtime, Path(__file__).stat().st_mtime)
    return all(path.is_file() and path.stat().st_mtime >= newest_input for path in outputs(out))


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "build" / "icons"
    if up_to_date(out):
        return 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])  # QImage text/paint needs one
    pngs = {size: render_png(size) for size in sorted({*HICOLOR_SIZES, *ICO_SIZES, 1024})}
    for size in HICOLOR_SIZES:
        target = out / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[size])
    (out / f"{NAME}.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (out / f"{NAME}.icns").write_bytes(icns_bytes(pngs))
    del app
    print(f"make_icons: wrote {len(outputs(out))} icon files to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
