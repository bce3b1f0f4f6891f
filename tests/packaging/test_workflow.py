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


def _steps(job: str) -> dict[str, dict]:
    return {step.get("name"): step for step in _workflow()["jobs"][job]["steps"]}


def test_installers_are_built_signed_when_possible_and_self_tested_once_installed():
    steps = _steps("bundle")
    for build, runner in (("Installer (Windows)", "Windows"), ("Installer (macOS .dmg)", "macOS")):
        assert f"runner.os == '{runner}'" in steps[build]["if"]
        assert "packaging/installer.py" in steps[build]["run"]
    assert "innosetup" in steps["Installer (Windows)"]["run"]
    for name in ("Sign the installer (Windows)", "Sign and notarise the .dmg (macOS)"):
        step = steps[name]
        assert "secrets." in str(step["env"])
        assert "::notice::" in step["run"] and "NOT signed" in step["run"]
    windows = steps["Self-test (installed, Windows)"]["run"]
    assert "//CURRENTUSER" in windows and "//VERYSILENT" in windows
    assert "Programs/Pixop Desktop/pixop-desktop-cli.exe\" --self-test" in windows.replace("$app", "Programs/Pixop Desktop")
    assert "unins000.exe" in windows and "OpenWithProgids" in windows
    macos = steps["Self-test (installed from the .dmg, macOS)"]["run"]
    assert "hdiutil attach" in macos and "Applications" in macos and "cp -R" in macos and "--self-test" in macos
    names = list(steps)  # built, signed, then installed and tested: in that order
    assert names.index("Installer (Windows)") < names.index("Sign the installer (Windows)") \
        < names.index("Self-test (installed, Windows)")
    assert names.index("Sign and notarise (macOS)") < names.index("Installer (macOS .dmg)") \
        < names.index("Sign and notarise the .dmg (macOS)") < names.index("Self-test (installed from the .dmg, macOS)")


def test_linux_builds_the_deb_and_self_tests_it_installed():
    steps = _steps("linux")
    assert "make installer" in steps["Installer (.deb)"]["run"]
    installed = steps["Self-test (installed .deb)"]["run"]
    assert "apt-get install" in installed and "/usr/bin/pixop-desktop --self-test" in installed
    assert "apt-get purge" in installed


def test_the_installer_scripts_the_workflow_runs_exist():
    root = WORKFLOW.parents[2]
    iss = (root / "packaging" / "windows" / "pixop-desktop.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss and "PrivilegesRequiredOverridesAllowed=dialog" in iss
    assert "{autoprograms}" in iss and "Software\\Classes\\.mp4\\OpenWithProgids" in iss
    assert "CurUninstallStepChanged" in iss and "MB_DEFBUTTON2" in iss  # user data kept unless asked
    dmg = (root / "packaging" / "macos" / "dmg_settings.py").read_text(encoding="utf-8")
    assert 'symlinks = {"Applications": "/Applications"}' in dmg
    settings: dict = {"defines": {"app": "dist/Pixop Desktop.app"}}
    exec(compile(dmg, "dmg_settings.py", "exec"), settings)  # dmgbuild runs it the same way
    assert settings["files"] == ["dist/Pixop Desktop.app"]
    assert set(settings["icon_locations"]) == {"Pixop Desktop.app", "Applications"}
