"""The CI workflow (run on GitHub, not here): its syntax and what it promises, checked here."""

from __future__ import annotations

from pathlib import Path

import yaml

WORKFLOW = Path(__file__).resolve().parents[2] / ".github" / "workflows" / "build.yml"


def _workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and "jobs" in data
    return data


def _runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_the_whole_suite_runs_on_windows_and_macos():
    tests = _workflow()["jobs"]["tests"]
    systems = {entry["os"] for entry in tests["strategy"]["matrix"]["include"]}
    assert {"windows-latest", "macos-latest"} <= systems
    assert tests["runs-on"] == "${{ matrix.os }}"
    assert "python -m pytest" in _runs(tests) and "lint-imports" in _runs(tests)


def test_macos_is_built_for_both_processors_and_every_bundle_self_tests():
    bundle = _workflow()["jobs"]["bundle"]
    arches = {entry.get("arch") for entry in bundle["strategy"]["matrix"]["include"] if "macos" in entry["os"]}
    assert arches == {"arm64", "x86_64"}
    assert "--self-test" in _runs(bundle)


def test_signing_runs_with_secrets_and_says_so_without():
    steps = {step.get("name"): step for step in _workflow()["jobs"]["bundle"]["steps"]}
    for name in ("Sign and notarise (macOS)", "Sign (Windows)"):
        step = steps[name]
        assert "secrets." in str(step["env"])
        assert "::warning::" in step["run"] and "NOT signed" in step["run"]


def test_every_step_does_something():
    for name, job in _workflow()["jobs"].items():
        for step in job["steps"]:
            assert step.get("run") or step.get("uses"), (name, step)
