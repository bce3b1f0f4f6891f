"""The shape of pixop_desktop/: no module over 400 lines, no import cycle between its
top-level packages (nor inside processing/), and the Qt contract naming every core module.

Imports are read with the AST, at module level and inside functions alike: a lazy import
is still a dependency. Imports under ``if TYPE_CHECKING:`` are not: they never run.
"""

from __future__ import annotations

import ast
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "pixop_desktop"
MAX_LINES = 400
# ui/ is being split into folders; these are the only files still over the limit.
# The list may only shrink: remove a name once its file is short enough.
# The doors into ui/ and the ui/ itself: everything else is in the "Only ui/ touches Qt" contract.
QT_DOORS = {"ui", "commands", "cli", "__main__", "__init__"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imported(module: str, path: Path) -> set[str]:
    """Every pixop_desktop module ``module`` imports, as far as the AST can tell."""
    is_package = path.name == "__init__.py"
    here = module.split(".") if is_package else module.split(".")[:-1]
    names: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(inner) for node in ast.walk(tree) if _is_type_checking_block(node)
                   for statement in node.body for inner in ast.walk(statement)}
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(here[: len(here) - node.level + 1] + ([node.module] if node.module else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)  # `from pkg import module`
    return {name for name in names if name == "pixop_desktop" or name.startswith("pixop_desktop.")}


def _is_type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and (
        (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
        or (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING"))


def _graph(key) -> dict[str, set[str]]:
    modules = _modules()
    edges: dict[str, set[str]] = defaultdict(set)
    for module, path in modules.items():
        for name in _imported(module, path):
            while name not in modules and "." in name:
                name = name.rpartition(".")[0]  # `from pkg import Name`: the module is pkg
            source, target = key(module), key(name)
            if source and target and source != target:
                edges[source].add(target)
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in list(edges):
        if node not in index:
            visit(node)
    return found


def _top_level(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) < 2:
        return None
    # cli.py is the command line's entry and loads commands/ by name: one package with it.
    return "commands" if parts[1] == "cli" else parts[1]


def _inside_processing(module: str) -> str | None:
    return module if module.startswith("pixop_desktop.processing.") else None


def test_no_module_is_over_400_lines():
    lengths = {str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
               for path in _modules().values()}
    too_long = {name: n for name, n in lengths.items() if n > MAX_LINES}
    assert not too_long, too_long


def test_no_import_cycle_between_top_level_packages():
    assert _cycles(_graph(_top_level)) == []


def test_no_import_cycle_inside_processing():
    assert _cycles(_graph(_inside_processing)) == []


def test_the_cycle_finder_finds_cycles():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_qt_contract_names_every_core_module():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    [contract] = [c for c in config["tool"]["importlinter"]["contracts"] if c["name"] == "Only ui/ touches Qt"]
    top_level = {p.stem if p.suffix else p.name for p in PACKAGE.iterdir()
                 if (p.suffix == ".py" or (p / "__init__.py").exists())}
    expected = {f"pixop_desktop.{name}" for name in top_level - QT_DOORS}
    assert set(contract["source_modules"]) == expected


def _getattr_readings_of_errors(source: str) -> list[int]:
    """Lines where ``getattr(x, "title"|"message", …)`` reads an error by duck typing."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr"
                and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)
                and node.args[1].value in ("title", "message")):
            found.append(node.lineno)
    return found


def test_errors_are_read_through_their_base_not_by_duck_typing():
    offenders = {}
    for path in sorted((ROOT / "pixop_desktop").rglob("*.py")):
        lines = _getattr_readings_of_errors(path.read_text(encoding="utf-8"))
        if lines:
            offenders[str(path.relative_to(ROOT))] = lines
    assert not offenders, f"use isinstance(exc, UserFacingError) instead: {offenders}"


def test_the_duck_typing_finder_finds_it():
    assert _getattr_readings_of_errors('t = getattr(exc, "title", None)\nm = getattr(e, "message")\n') == [1, 2]
