"""``pixop_desktop.commands`` stays below ``cli``: it never imports it, and the two agree on
which module provides which subcommand."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pixop_desktop.commands
from pixop_desktop import cli

COMMANDS_DIR = Path(pixop_desktop.commands.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    """Every module an import statement in ``path`` names, relative ones resolved."""
    package = "pixop_desktop.commands"
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def test_no_command_module_imports_cli():
    offenders = {
        path.name: sorted(n for n in _imported_modules(path)
                          if n == "pixop_desktop.cli" or n.startswith("pixop_desktop.cli."))
        for path in sorted(COMMANDS_DIR.rglob("*.py"))}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_check_sees_every_spelling_of_the_import(tmp_path):
    """A test that cannot fail is a defect: each way of importing cli is caught."""
    for line in ("from pixop_desktop.cli import PROG", "from pixop_desktop import cli",
                 "import pixop_desktop.cli", "from .. import cli", "from ..cli import main"):
        source = tmp_path / "bad.py"
        source.write_text(f"def f():\n    {line}\n")
        assert "pixop_desktop.cli" in _imported_modules(source), line


def test_every_subcommand_is_exported_by_the_module_cli_names():
    for name, module_name in cli.COMMANDS:
        exported = [c.name for c in importlib.import_module(module_name).COMMANDS]
        assert name in exported, (name, module_name)


def test_every_exported_subcommand_is_in_clis_table_once():
    table = dict(cli.COMMANDS)
    assert len(table) == len(cli.COMMANDS)
    for path in sorted(COMMANDS_DIR.glob("*.py")):
        module = importlib.import_module(f"pixop_desktop.commands.{path.stem}")
        for command in getattr(module, "COMMANDS", ()):
            assert table.get(command.name) == module.__name__, (command.name, module.__name__)


def test_command_modules_stay_small():
    sizes = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in COMMANDS_DIR.glob("*.py")}
    assert {name: lines for name, lines in sizes.items() if lines > 400} == {}


def _untimed_waits(source: str) -> list[int]:
    """Lines calling ``.wait()``/``.wait_idle()`` with no timeout: on Windows such a wait is not
    interrupted by Ctrl-C (before Python 3.14), so a command would ignore it."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("wait", "wait_idle") and not node.args and not node.keywords):
            found.append(node.lineno)
    return found


def test_no_command_waits_without_a_timeout():
    offenders = {path.name: lines for path in sorted(COMMANDS_DIR.glob("*.py"))
                 if (lines := _untimed_waits(path.read_text(encoding="utf-8")))}
    assert not offenders, offenders


def test_the_wait_finder_finds_an_untimed_wait():
    assert _untimed_waits("stop.wait()\nstop.wait(0.5)\nrunner.wait_idle()\n") == [1, 3]
