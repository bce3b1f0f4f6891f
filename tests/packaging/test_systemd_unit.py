"""The example systemd unit starts: its ExecStart parses and its preset exists; secrets come as
systemd credentials (files in $CREDENTIALS_DIRECTORY), never from the unit or an environment file."""

from __future__ import annotations

import shlex
from pathlib import Path

from pixop_desktop import cli
from pixop_desktop.commands import watch
from pixop_desktop.credentials import CREDENTIAL_FILES, ENV_API_KEY, ENV_PASSWORD
from pixop_desktop.presets import get_preset

UNIT = Path(__file__).parents[2] / "packaging" / "systemd" / "pixop-desktop-watch.service"


def _settings(unit: Path) -> list[tuple[str, str]]:
    """(key, value) for every setting, continuation lines joined; comments left out."""
    logical, pending = [], ""
    for line in unit.read_text().splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith(("#", ";", "["))):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    return [tuple(part.strip() for part in line.split("=", 1)) for line in logical]


def _exec_start() -> list[str]:
    [command] = [value for key, value in _settings(UNIT) if key == "ExecStart"]
    assert "%" not in command  # no specifiers left for systemd to expand differently
    return shlex.split(command)


def test_the_units_command_line_parses_and_its_preset_is_real(tmp_path):
    argv = _exec_start()
    assert Path(argv[0]).name == "pixop-desktop" and argv[1] == "watch"
    parser, _ = cli.build_parser()
    args = parser.parse_args(argv[1:])
    assert args.command == "watch" and args.preset
    preset = get_preset(args.preset)  # raises PresetError for a name that is not built in
    assert preset.name == args.preset
    (tmp_path / "in").mkdir()
    args.folder, args.output = str(tmp_path / "in"), str(tmp_path / "out")
    rule = watch.rule_from(args)  # what the command does at start: the rule is usable
    assert rule.request()[1] == args.preset and rule.settle_seconds == 30


def test_the_unit_gives_secrets_as_credentials_not_environment():
    settings = _settings(UNIT)
    keys = [key for key, _ in settings]
    assert "EnvironmentFile" not in keys
    environment = " ".join(value for key, value in settings if key == "Environment")
    assert ENV_PASSWORD not in environment and ENV_API_KEY not in environment
    loaded = [value.split(":", 1)[0] for key, value in settings if key.startswith("LoadCredential")]
    assert loaded == [CREDENTIAL_FILES[ENV_PASSWORD]]
    assert "StartLimitBurst" in keys  # a unit that cannot start does not retry forever
