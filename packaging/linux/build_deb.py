"""Build the Debian package from the built bundle (``make installer`` on Linux).

    python packaging/linux/build_deb.py [--bundle dist/pixop-desktop] [--out dist] [--fast]

The package holds:

- ``/opt/pixop-desktop/``: the PyInstaller bundle, as built (not ``install.sh``: that is the
  per-user installer for people without root, and would fight with dpkg);
- ``/usr/bin/pixop-desktop``: a symlink to the program (the bootloader finds its files by
  the link's target, so the CLI, the GUI and ``--self-test`` run from the PATH);
- ``/usr/share/applications/pixop-desktop.desktop``: the menu entry with the video MIME types
  ("Open with Pixop Desktop" in file managers);
- ``/usr/share/icons/hicolor/*/apps/pixop-desktop.png`` (+ the scalable SVG);
- ``/usr/share/doc/pixop-desktop/``: copyright and the systemd watcher unit as an example;
- maintainer scripts that refresh the desktop and icon caches when those tools exist.

Nothing is written outside these paths, so ``dpkg -r`` leaves only the user's own data
(settings, queue and logs in the home folder; never touched by the package).
``--fast`` compresses with gzip -1 (for tests: seconds instead of a minute with xz).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pixop_desktop import __version__  # noqa: E402

PACKAGE = "pixop-desktop"
PREFIX = Path("opt") / PACKAGE
MAINTAINER = "Pixop ApS <support@pixop.com>"
# What the bundle takes from the system (PyInstaller leaves out glibc, X/GL and D-Bus on purpose:
# they must match the machine). The same list `scripts/system-deps.sh` installs for Qt's xcb plugin.
DEPENDS = ("libc6, libxcb-cursor0, libxkbcommon-x11-0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, "
           "libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xinerama0, libxcb-xkb1, "
           "libegl1, libgl1, libfontconfig1, libfreetype6, libdbus-1-3")
RECOMMENDS = "gnome-keyring | kwalletmanager, desktop-file-utils, hicolor-icon-theme"

# Refresh the desktop's caches when they exist (as debhelper's snippets do): creating one that was
# not there would leave a file behind after removal; desktop-file-utils' dpkg trigger also covers
# the MIME cache on most systems.
REFRESH = """\
if command -v update-desktop-database >/dev/null 2>&1 && [ -f /usr/share/applications/mimeinfo.cache ]; then
    update-desktop-database -q /usr/share/applications || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f /usr/share/icons/hicolor/icon-theme.cache ]; then
    gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
fi
"""
MAINTAINER_SCRIPTS = {
    "postinst": "#!/bin/sh\nset -e\nif [ \"$1\" = configure ]; then\n" + REFRESH + "fi\nexit 0\n",
    # remove and purge: the same refresh; user data (in each home folder) is never the package's.
    "postrm": "#!/bin/sh\nset -e\ncase \"$1\" in remove|purge)\n" + REFRESH + ";;\nesac\nexit 0\n",
}


def debian_version(version: str) -> str:
    """PEP 440 → Debian: ``0.2.0rc1`` sorts before ``0.2.0`` only as ``0.2.0~rc1``."""
    for marker in ("rc", "b", "a", ".dev"):
        if marker in version:
            head, _, tail = version.partition(marker)
            return f"{head}~{marker.lstrip('.')}{tail}"
    return version


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], check=True, capture_output=True,
                          text=True).stdout.strip()


def _copy_tree(bundle: Path, root: Path) -> None:
    shutil.copytree(bundle, root / PREFIX, symlinks=True, ignore=shutil.ignore_patterns("install.sh"))
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / PACKAGE).symlink_to(Path("/") / PREFIX / PACKAGE)
    internal = root / PREFIX / "_internal"
    share = root / "usr" / "share"
    shutil.copytree(internal / "share" / "icons" / "hicolor", share / "icons" / "hicolor")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy2(ROOT / "resources" / "pixop-desktop.svg", scalable / "pixop-desktop.svg")
    (share / "applications").mkdir(parents=True)
    shutil.copy2(ROOT / "resources" / "pixop-desktop.desktop", share / "applications" / f"{PACKAGE}.desktop")
    doc = share / "doc" / PACKAGE
    (doc / "examples").mkdir(parents=True)
    shutil.copy2(ROOT / "packaging" / "systemd" / "pixop-desktop-watch.service", doc / "examples")
    (doc / "copyright").write_text(
        "Pixop Desktop\nCopyright: Pixop ApS\nLicense: proprietary\n"
        "The bundled third-party libraries keep their own licences (see /opt/pixop-desktop/_internal).\n",
        encoding="utf-8")


def _control(root: Path, version: str, arch: str) -> None:
    debian = root / "DEBIAN"
    debian.mkdir()
    size_kb = sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir()) // 1024
    (debian / "control").write_text(
        f"Package: {PACKAGE}\nVersion: {debian_version(version)}\nArchitecture: {arch}\n"
        f"Maintainer: {MAINTAINER}\nInstalled-Size: {size_kb}\nSection: video\nPriority: optional\n"
        f"Depends: {DEPENDS}\nRecommends: {RECOMMENDS}\nHomepage: https://www.pixop.com\n"
        "Description: Send videos to Pixop for enhancement and get the results back\n"
        " Drag and drop, watched folders, or a headless command line (pixop-desktop --help).\n"
        " An example systemd unit for a headless watched folder is in\n"
        " /usr/share/doc/pixop-desktop/examples.\n", encoding="utf-8")
    for name, text in MAINTAINER_SCRIPTS.items():
        (debian / name).write_text(text, encoding="utf-8")
        (debian / name).chmod(0o755)


def build_deb(bundle: Path, out_dir: Path, *, version: str = __version__, fast: bool = False) -> Path:
    """Build ``pixop-desktop_<version>_<arch>.deb`` in ``out_dir`` from a built bundle folder."""
    if not (bundle / PACKAGE).is_file():
        raise FileNotFoundError(f"{bundle / PACKAGE} is missing: build the bundle first (make bundle)")
    arch = architecture()
    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"{PACKAGE}_{debian_version(version)}_{arch}.deb"
    with tempfile.TemporaryDirectory(prefix="pixop-deb-") as temp:
        root = Path(temp) / "root"
        root.mkdir(mode=0o755)
        _copy_tree(bundle, root)
        _control(root, version, arch)
        compression = ["-Zgzip", "-z1"] if fast else ["-Zxz", "-z6"]
        subprocess.run(["dpkg-deb", "--root-owner-group", *compression, "--build", str(root), str(deb)],
                       check=True, stdout=subprocess.DEVNULL)
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the .deb from the built bundle.")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / PACKAGE)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--fast", action="store_true", help="gzip -1 instead of xz (tests)")
    args = parser.parse_args(argv)
    if not shutil.which("dpkg-deb"):
        print("installer: dpkg-deb is missing (Debian/Ubuntu: apt-get install dpkg-dev)", file=sys.stderr)
        return 1
    deb = build_deb(args.bundle, args.out, fast=args.fast)
    print(f"installer: {deb} ({deb.stat().st_size / 1e6:.0f} MB)")
    print(f"installer: install it with: sudo apt install {deb}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
