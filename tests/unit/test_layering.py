"""Everything outside pixop_desktop.ui imports without Qt (the one rule of layering)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import textwrap

import pixop_desktop

SKIP = {"pixop_desktop.__main__"}  # runs the CLI when imported


def core_modules() -> list[str]:
    names = [info.name for info in pkgutil.walk_packages(pixop_desktop.__path__, "pixop_desktop.")]
    return sorted(n for n in names if n not in SKIP and not n.startswith("pixop_desktop.ui"))


def test_core_modules_import_with_qt_blocked():
    modules = core_modules()
    assert "pixop_desktop.settings" in modules and "pixop_desktop.cli" in modules
    script = textwrap.dedent(f"""
        import importlib, sys

        class BlockQt:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "shiboken6"):
                    raise ImportError(f"Qt is blocked outside pixop_desktop.ui: {{name}}")
                return None

        sys.meta_path.insert(0, BlockQt())
        failed = []
        for name in {modules!r}:
            try:
                importlib.import_module(name)
            except Exception as exc:
                failed.append(f"{{name}}: {{type(exc).__name__}}: {{exc}}")
        assert not [m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6")]
        print("\\n".join(failed))
        sys.exit(1 if failed else 0)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_blocker_really_blocks():
    """A test that cannot fail is a defect: importing the UI with Qt blocked must fail."""
    script = textwrap.dedent("""
        import sys
        class BlockQt:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "shiboken6"):
                    raise ImportError("blocked")
        sys.meta_path.insert(0, BlockQt())
        import pixop_desktop.ui.window.main_window
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "blocked" in result.stderr
