"""Settings: defaults, atomic round trip, migrations, bad files backed up, never a secret."""

from __future__ import annotations

import json

import pytest

from pixop_desktop import settings as settings_mod
from pixop_desktop.settings import (
    CURRENT_SCHEMA_VERSION, PRODUCTION_SERVER, ServerKind, Settings, SettingsError, load_settings,
    normalize_server_root, save_settings, settings_path, server_kind_for)


def test_no_file_gives_defaults_pointing_at_production():
    loaded = load_settings()
    assert loaded == Settings()
    assert loaded.server == PRODUCTION_SERVER
    assert loaded.server_kind is ServerKind.PRODUCTION
    assert loaded.schema_version == CURRENT_SCHEMA_VERSION
    assert not settings_path().exists()


def test_round_trip_is_atomic_and_leaves_no_temporary_files():
    original = Settings(server="https://staging-api.pixop.com", server_kind=ServerKind.STAGING,
                        email="ana@example.com", team_id="t-1", parallel_uploads=4,
                        bandwidth_limit_mbps=12.5, file_name_template="{stem}-{preset}.{ext}")
    path = save_settings(original)
    assert load_settings() == original
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]
    assert json.loads(path.read_text())["schema_version"] == CURRENT_SCHEMA_VERSION


def test_corrupt_file_is_backed_up_and_defaults_used():
    path = settings_path()
    path.write_text("{ this is not json")
    assert load_settings() == Settings()
    backups = list(path.parent.glob("settings.json.bad-*"))
    assert len(backups) == 1 and backups[0].read_text() == "{ this is not json"
    assert not path.exists()


def test_a_non_utf8_byte_is_a_damaged_file_not_a_crash():
    path = settings_path()
    path.write_bytes(b'{"theme": "dark\xff"}')
    assert load_settings() == Settings()
    [backup] = path.parent.glob("settings.json.bad-*")
    assert backup.read_bytes() == b'{"theme": "dark\xff"}'


def test_json_that_is_not_an_object_is_backed_up():
    settings_path().write_text("[1, 2, 3]")
    assert load_settings() == Settings()
    assert list(settings_path().parent.glob("settings.json.bad-*"))


def test_one_bad_value_resets_only_that_setting_and_keeps_a_copy():
    settings_path().write_text(json.dumps({"schema_version": CURRENT_SCHEMA_VERSION,
                                           "email": "ana@example.com", "parallel_uploads": 99}))
    loaded = load_settings()
    assert loaded.email == "ana@example.com"
    assert loaded.parallel_uploads == Settings().parallel_uploads
    assert list(settings_path().parent.glob("settings.json.bad-*"))


def test_version_0_file_is_migrated_step_by_step():
    settings_path().write_text(json.dumps({
        "server_url": "https://staging-api.pixop.com/", "max_uploads": 3,
        "bandwidth_limit_kbps": 5000, "email": "old@example.com"}))
    loaded = load_settings()
    assert loaded.schema_version == CURRENT_SCHEMA_VERSION
    assert loaded.server == "https://staging-api.pixop.com"
    assert loaded.parallel_uploads == 3
    assert loaded.bandwidth_limit_mbps == pytest.approx(5.0)
    assert loaded.email == "old@example.com"
    assert not list(settings_path().parent.glob("settings.json.bad-*"))


def test_every_version_below_current_has_a_migration():
    assert sorted(settings_mod.MIGRATIONS) == list(range(CURRENT_SCHEMA_VERSION))


def test_file_from_a_newer_version_loads_what_it_understands():
    settings_path().write_text(json.dumps({"schema_version": CURRENT_SCHEMA_VERSION + 5,
                                           "email": "new@example.com", "future_thing": {"x": 1}}))
    assert load_settings().email == "new@example.com"


def test_secrets_typed_into_the_file_are_dropped_and_never_written_back():
    settings_path().write_text(json.dumps({"schema_version": 1, "email": "ana@example.com",
                                           "password": "hunter2-secret", "api_key": "key-secret"}))
    loaded = load_settings()
    save_settings(loaded)
    text = settings_path().read_text()
    assert "hunter2-secret" not in text and "key-secret" not in text
    assert "password" not in text and "api_key" not in text


@pytest.mark.parametrize("url, expected", [
    ("https://api.pixop.com/", "https://api.pixop.com"),
    ("HTTPS://API.Pixop.com", "https://api.pixop.com"),
    ("http://127.0.0.1:8123", "http://127.0.0.1:8123"),
    ("http://localhost:9000/", "http://localhost:9000"),
    ("http://[::1]:9000", "http://[::1]:9000"),
])
def test_server_roots_are_normalised(url, expected):
    assert normalize_server_root(url) == expected


@pytest.mark.parametrize("url, title", [
    ("http://api.pixop.com", "Insecure server address"),
    ("ftp://api.pixop.com", "Bad server address"),
    ("api.pixop.com", "Bad server address"),
    ("https://user:pw@api.pixop.com", "Bad server address"),
])
def test_bad_server_roots_are_refused_with_a_title(url, title):
    with pytest.raises(SettingsError) as caught:
        normalize_server_root(url)
    assert caught.value.title == title


def test_server_kind_is_guessed_from_the_address():
    assert server_kind_for("https://api.pixop.com") is ServerKind.PRODUCTION
    assert server_kind_for("https://staging-api.pixop.com") is ServerKind.STAGING
    assert server_kind_for("http://127.0.0.1:5000") is ServerKind.SANDBOX
    assert server_kind_for("https://pixop.example.org") is ServerKind.CUSTOM


def test_version_1_templates_become_queue_templates_and_skip_the_welcome():
    settings_path().write_text(json.dumps({"schema_version": 1, "file_name_template": "{stem}_pixop{ext}"}))
    loaded = load_settings()
    assert loaded.file_name_template == "{stem}_pixop.{ext}"
    assert loaded.first_run_done
    settings_path().write_text(json.dumps({"schema_version": 1, "file_name_template": "{stem}-{video_id}{ext}"}))
    assert load_settings().file_name_template == Settings().file_name_template


def test_a_fresh_install_shows_the_welcome():
    assert not load_settings().first_run_done


@pytest.mark.parametrize("template", ["{nope}{ext}", "sub/{stem}{ext}", "{stem", "", "{stem:>5}"])
def test_bad_file_name_templates_are_refused(template):
    with pytest.raises(ValueError):
        Settings(file_name_template=template)
