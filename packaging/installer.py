"""Build the installer for this platform from the built bundle (``make installer``; the workflow).

    python packaging/installer.py

- Linux: ``dist/pixop-desktop_<version>_<arch>.deb`` (linux/build_deb.py). No AppImage: its
  tools (appimagetool, or appimage-builder with its own apt/docker stack) are not in the package
  registries this build uses.
- Windows: ``dist/pixop-desktop-<version>-windows-x64-setup.exe`` with Inno Setup's ``iscc``
  (windows/pixop-desktop.iss; the workflow installs Inno Setup with Chocolatey).
- macOS: ``dist/pixop-desktop-<version>-macos-<arch>.dmg`` with dmgbuild (macos/dmg_settings.py;
  ``pip install -e '.[macos]'``).
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = ROOT / "dist"
sys.path.insert(0, str(ROOT))

from pixop_desktop import __version__  # noqa: E402


def _windows() -> Path:
    iscc = shutil.which("iscc") or next(
        (str(p) for p in (Path(os.environ.get(v, "")) / "Inno Setup 6" / "ISCC.exe"
                          for v in ("ProgramFiles(x86)", "ProgramFiles")) if p.is_file()), None)
    if iscc is None:
        raise SystemExit("installer: Inno Setup's ISCC.exe is missing (choco install innosetup)")
    subprocess.run([iscc, f"/DAppVersion={__version__}", f"/DSourceDir={DIST / 'pixop-desktop'}",
                    f"/DOutputDir={DIST}", f"/DIconFile={ROOT / 'build' / 'icons' / 'pixop-desktop.ico'}",
                    str(HERE / "windows" / "pixop-desktop.iss")], check=True)
    return DIST / f"pixop-desktop-{__version__}-windows-x64-setup.exe"


def _macos() -> Path:
    try:
        import dmgbuild
    except ImportError:
        raise SystemExit("installer: dmgbuild is missing: pip install -e '.[macos]'") from None
    dmg = DIST / f"pixop-desktop-{__version__}-macos-{platform.machine()}.dmg"
    dmgbuild.build_dmg(str(dmg), "Pixop Desktop", str(HERE / "macos" / "dmg_settings.py"),
                       defines={"app": str(DIST / "Pixop Desktop.app")})
    return dmg


def _linux() -> Path:
    sys.path.insert(0, str(HERE / "linux"))
    import build_deb

    return build_deb.build_deb(DIST / "pixop-desktop", DIST)


def main() -> int:
    build = {"win32": _windows, "darwin": _macos}.get(sys.platform, _linux)
    made = build()
    print(f"installer: {made} ({made.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
