"""The sandbox's door is its own reading of Pixop's table: it never asks the client's model."""

from __future__ import annotations

import ast
import inspect

from pixop_desktop.sandbox import processing_check, processing_table

DOOR_MODULES = (processing_table, processing_check)


def _imports(module) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: inside pixop_desktop.sandbox
                base = "pixop_desktop.sandbox" + (f".{base}" if base else "")
            names |= {f"{base}.{alias.name}" for alias in node.names} | {base}
    return names


def test_the_door_imports_nothing_of_the_clients_processing_model():
    for module in DOOR_MODULES:
        ours = {name for name in _imports(module) if name.startswith("pixop_desktop")}
        assert not {name for name in ours if name.startswith(("pixop_desktop.api", "pixop_desktop.processing"))}, \
            module.__name__
        # and nothing of the sandbox that could bring the model in with it
        assert ours <= {"pixop_desktop.sandbox", "pixop_desktop.sandbox.processing_table"}, ours


def test_the_import_check_sees_an_import_of_the_model():
    """A test that cannot fail is a defect: the walker finds a relative and an absolute import."""
    tree = "from ..api.processing import ProcessingRequest\nimport pixop_desktop.processing\n"
    found = set()
    for node in ast.walk(ast.parse(tree)):
        if isinstance(node, ast.ImportFrom):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    assert found == {"api.processing", "pixop_desktop.processing"}


def test_every_problem_names_its_field_and_the_value():
    found = processing_check.problems({"mediaContainerCodec": {"container": "mp4", "codec": "prores"},
                                       "scaler": "magic"})
    assert found == [("scaler", "scaler: “magic” is not a permitted value; permitted: pabsr1, dvres, dvres2,"
                                " scale.")]
    found = processing_check.problems({"mediaContainerCodec": {"container": "mp4", "codec": "prores"}})
    assert found == [("mediaContainerCodec.codec", "mediaContainerCodec.codec: “prores” is not supported in"
                                                   " “mp4”; mp4 supports h264, hevc.")]


def test_only_if_fields_may_be_left_out_and_ignored_fields_are_dropped():
    assert processing_check.problems({"mediaContainerCodec": {"codec": "prores"}}) == []
    assert processing_check.problems({"scanning": {"scanningType": "interlaced"}}) == []
    body = {"scanning": {"scanningType": "interlaced", "interlacedFieldOrder": "bottom_first"},
            "scaler": "scale", "clarityBoost": "high", "frameRateConverter": "vfi"}
    assert processing_check.problems(body) == []
    assert processing_check.normalise(body) == {
        "scanning": {"scanningType": "interlaced", "interlacedFieldOrder": "bottom_field"}, "scaler": "scale"}
    assert body["scanning"]["interlacedFieldOrder"] == "bottom_first"  # the caller's body is left alone
