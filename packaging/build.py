"""Build the app bundle for this platform: icons, then PyInstaller with packaging/pixop-desktop.spec.

    python packaging/build.py            (what `make bundle` and the CI workflow run)

Output: ``dist/pixop-desktop/`` (Linux, Windows) or ``dist/Pixop Desktop.app`` (macOS).
PyInstaller keeps its analysis in ``build/pyinstaller`` and its stripped-library
cache in the user cache, so a rebuild after a source change is quicker than the
first; ``make bundle`` skips the build entirely when no input changed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "pixop-desktop.spec"
DIST, WORK = ROOT / "dist", ROOT / "build" / "pyinstaller"


def bundle_dir() -> Path:
    return DIST / ("Pixop Desktop.app" if sys.platform == "darwin" else "pixop-desktop")


def program() -> Path:
    """The program inside the bundle that runs the CLI and ``--self-test`` in a terminal."""
    if sys.platform == "darwin":
        return bundle_dir() / "Contents" / "MacOS" / "pixop-desktop"
    if sys.platform == "win32":
        return bundle_dir() / "pixop-desktop-cli.exe"
    return bundle_dir() / "pixop-desktop"


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def compile_translations() -> list[Path]:
    """Each ``resources/translations/pixop_desktop_<lang>.ts`` compiled to its ``.qm`` (the spec
    bundles the .qm files; they are not committed, and a workflow has no `make` to make them)."""
    lrelease = shutil.which("pyside6-lrelease") or str(Path(sys.executable).parent / "pyside6-lrelease")
    made = []
    for ts in sorted((ROOT / "resources" / "translations").glob("pixop_desktop_*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([lrelease, str(ts), "-qm", str(qm)], check=True, stdout=subprocess.DEVNULL)
        made.append(qm)
    return made


def main() -> int:
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        print("build: PyInstaller is missing; install it with: pip install -e '.[bundle]'", file=sys.stderr)
        return 1
    started = time.monotonic()
    compile_translations()
    subprocess.run([sys.executable, str(ROOT / "packaging" / "make_icons.py"), str(ROOT / "build" / "icons")],
                   check=True)
    pyinstaller.run([str(SPEC), "--noconfirm", "--log-level", "WARN",
                     "--distpath", str(DIST), "--workpath", str(WORK)])
    if sys.platform.startswith("linux"):  # the per-user installer travels inside the bundle
        shutil.copy2(ROOT / "packaging" / "linux" / "install.sh", bundle_dir() / "install.sh")
    elapsed = time.monotonic() - started
    print(f"build: {bundle_dir()} ({size_mb(bundle_dir()):.0f} MB unpacked) in {elapsed:.0f} s")
    print(f"build: check it with: \"{program()}\" --self-test")
    return 0


if __name__ == "__main__":
    sys.exit(main())
