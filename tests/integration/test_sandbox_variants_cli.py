"""``pixop-desktop sandbox --variant NAME``: accepted, repeatable, shown in the banner; unknown
names refused with one line. The variants' behaviour is tested where each answer is used."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pixop_desktop.sandbox import Sandbox
from pixop_desktop.sandbox.variants import VARIANTS, UnknownVariant


def test_unknown_variant_is_refused_plainly(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pixop_desktop", "sandbox", "--port", "0",
                             "--data", str(tmp_path), "--variant", "no-such-thing"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "no-such-thing" in result.stderr


def test_variants_are_set_per_run_and_switchable(tmp_path):
    with Sandbox(data_dir=tmp_path, variants=["error-state", "unquoted-etag"]) as server:
        assert server.variants.names() == ["error-state", "unquoted-etag"]
        assert "error-state" in server.ctx.variants
        server.variants.disable("error-state")
        assert "error-state" not in server.ctx.variants
        with pytest.raises(UnknownVariant):
            server.variants.enable("bogus")


def test_banner_lists_the_variants(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "pixop_desktop", "sandbox", "--port", "0",
                             "--data", str(tmp_path), "--variant", "expiry-403",
                             "--variant", "one-based-pages"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("Press Ctrl+C"):
                break
        text = "".join(lines)
        assert f"variant:  expiry-403 ({VARIANTS['expiry-403']})" in text
        assert "variant:  one-based-pages" in text
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
