"""The bundle build compiles the translations itself (a workflow has no `make` to do it), so a
bundle never ships without them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")


def _build_module():
    spec = importlib.util.spec_from_file_location("packaging_build", ROOT / "packaging" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_build_compiles_every_translation():
    sources = sorted((ROOT / "resources" / "translations").glob("pixop_desktop_*.ts"))
    assert sources, "no translation to compile"
    saved = {}
    for ts in sources:
        qm = ts.with_suffix(".qm")
        if qm.exists():
            saved[qm] = qm.read_bytes()
            qm.unlink()
    try:
        made = _build_module().compile_translations()
        assert made == [ts.with_suffix(".qm") for ts in sources]
        for qm in made:
            assert qm.read_bytes().startswith(QM_MAGIC), qm
    finally:
        for qm, data in saved.items():
            if not qm.exists():
                qm.write_bytes(data)
