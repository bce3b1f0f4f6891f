"""No Qt text setter in ui/ is handed a bare English literal (the fast half of test_translations)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "pixop_desktop" / "ui"
SETTERS = {"setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "setAccessibleName",
           "setAccessibleDescription", "setTitle", "setSubTitle", "addAction", "addMenu", "addTab",
           "setStatusTip", "setWhatsThis", "addItem", "setSuffix", "setPrefix", "setSpecialValueText"}
CONSTRUCTORS = {"QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QAction", "QGroupBox", "QToolButton",
                "QMenu"}
LETTER = re.compile(r"[^\W\d_]")


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return None


def _literal_texts(node: ast.AST) -> list[str]:
    """A plain string, or an f-string's literal parts (both bypass tr())."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [part.value for part in node.values if isinstance(part, ast.Constant)]
    return []


# Data, not words: the URL scheme hint, example S3 object keys; and the label of the window
# --self-test renders off screen to check the widgets work (nobody sees it).
ALLOWED = {"https://", "incoming/2024/match-highlights.mxf\nincoming/2024/interview.mov", "Pixop Desktop self-test"}


def bare_literals(source: str, where: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = _called_name(node)
        if name in SETTERS or name in CONSTRUCTORS:
            for text in _literal_texts(node.args[0]):
                if LETTER.search(text) and text not in ALLOWED:
                    found.append(f"{where}:{node.lineno} {name}({text!r})")
    return found


def test_the_scan_finds_a_bare_literal():
    sample = 'label.setText("Hello")\nbutton = QPushButton(f"Go {x}")\nok.setText(self.tr("Hi"))\n'
    assert bare_literals(sample, "sample.py") == ["sample.py:1 setText('Hello')", "sample.py:2 QPushButton('Go ')"]


def test_no_text_setter_gets_a_bare_literal():
    found = [line for path in sorted(UI.rglob("*.py"))
             for line in bare_literals(path.read_text(encoding="utf-8"), str(path.relative_to(UI.parents[1])))]
    assert not found, "wrap these in self.tr() / QCoreApplication.translate():\n" + "\n".join(found)
