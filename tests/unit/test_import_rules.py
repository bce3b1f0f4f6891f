"""The client-side import rules (seed 003 / 001), the CRC32C of a local copy, names, reminders."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pixop_desktop.transfer.crc import CrcCancelled, file_crc32c
from pixop_desktop.imports.mimir import reminder
from pixop_desktop.imports.params import HttpsImport, S3Import, s3_imports_from_text
from pixop_desktop.imports.url_rules import (ImportRefused, allow_private_from_env, check_url, name_from_key,
                                             name_from_url)

# (url, rule id, words the refusal must contain). Literal addresses and "localhost" resolve offline.
URL_CASES = [
    ("http://example.com/a.mp4", "https-only", "https://"),
    ("ftp://example.com/a.mp4", "https-only", "“ftp://”"),
    ("example.com/a.mp4", "https-only", "no scheme"),
    ("https://example.com:8443/a.mp4", "port-443", "port 8443"),
    ("https:///a.mp4", "host-missing", "no host name"),
    ("https://127.0.0.1/a.mp4", "no-loopback", "loopback address (127.0.0.1)"),
    ("https://[::1]/a.mp4", "no-loopback", "loopback address (::1)"),
    ("https://localhost/a.mp4", "no-loopback", "loopback"),
    ("https://10.1.2.3/a.mp4", "no-private", "private (site-local) address (10.1.2.3)"),
    ("https://172.16.5.4/a.mp4", "no-private", "172.16.5.4"),
    ("https://192.168.0.10/a.mp4", "no-private", "192.168.0.10"),
    ("https://[fd00::1]/a.mp4", "no-private", "fd00::1"),
    ("https://169.254.1.1/a.mp4", "no-link-local", "link-local address (169.254.1.1)"),
    ("https://[fe80::1]/a.mp4", "no-link-local", "fe80::1"),
    ("https://224.0.0.1/a.mp4", "no-multicast", "multicast address (224.0.0.1)"),
    ("https://[ff02::1]/a.mp4", "no-multicast", "ff02::1"),
    ("https://e.com/" + "x" * 4090, "url-length", "1 to 4096 characters"),
]


@pytest.mark.parametrize("url, rule, words", URL_CASES)
def test_each_url_rule_is_named(url, rule, words):
    refusal = check_url(url)
    assert refusal is not None and refusal.rule == rule and refusal.field == "url"
    assert words in refusal.message


def test_a_public_address_passes():
    assert check_url("https://93.184.215.14/video.mp4") is None
    assert check_url("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/v.mp4") is None


def test_the_private_switch_lifts_port_and_address_rules_but_never_https(monkeypatch):
    assert check_url("https://127.0.0.1:8443/a.mp4", allow_private=True) is None
    assert check_url("http://127.0.0.1/a.mp4", allow_private=True).rule == "https-only"
    monkeypatch.delenv("PIXOP_ALLOW_PRIVATE_IMPORT_URLS", raising=False)
    assert allow_private_from_env() is False, "off by default"
    monkeypatch.setenv("PIXOP_ALLOW_PRIVATE_IMPORT_URLS", "1")
    assert allow_private_from_env() is True


@pytest.mark.parametrize("changes, rule, words", [
    ({"name": "x" * 256}, "name-length", "The name must be 1 to 255 characters long (it has 256)"),
    ({"description": "d" * 512}, "description-length", "at most 511 characters"),
    ({"file_name": "f" * 256}, "fileName-length", "The file name must be 1 to 255"),
    ({"crc32c": 4294967296}, "crc32c-range", "from 0 to 4294967295"),
    ({"crc32c": -1}, "crc32c-range", "CRC32C"),
    ({"connections": 0}, "connections-range", "from 1 to 20 (it is 0)"),
    ({"connections": 21}, "connections-range", "(it is 21)"),
])
def test_field_rules_are_named(changes, rule, words):
    wanted = HttpsImport("https://93.184.215.14/a.mp4", **{"name": "ok", **changes})
    [refusal] = wanted.refusals()
    assert refusal.rule == rule and words in refusal.message


def test_all_refusals_are_reported_together():
    wanted = HttpsImport("http://e.com/a.mp4", name="", connections=99)
    refused = ImportRefused(wanted.refusals())
    assert [r.rule for r in refused.refusals] == ["https-only", "name-length", "connections-range"]
    assert "https://" in refused.message and "connections" in refused.message


def test_limits_themselves_are_accepted():
    wanted = HttpsImport("https://93.184.215.14/a.mp4", name="n" * 255, description="d" * 511,
                         file_name="f" * 255, crc32c=4294967295, connections=20)
    assert wanted.refusals() == []
    assert HttpsImport("https://93.184.215.14/a.mp4", name="n", crc32c=0, connections=1).refusals() == []


def test_names_are_derived_from_urls_and_keys():
    assert name_from_url("https://h.example/media/My%20Reel.mov?sig=1#t") == "My Reel.mov"
    assert HttpsImport("https://h.example/a/clip.mp4").with_defaults().name == "clip.mp4"
    assert name_from_key("incoming/2024/clip.mp4") == "clip.mp4"
    imports = s3_imports_from_text("loc", "in/a.mp4\n\n  in/b.mov  \n", full_ingestion=True)
    assert [(i.object_key, i.name, i.full_ingestion) for i in imports] == [
        ("in/a.mp4", "a.mp4", True), ("in/b.mov", "b.mov", True)]


def test_s3_rules():
    assert [r.rule for r in S3Import("", "k", name="n").refusals()] == ["location-missing"]
    [too_long] = S3Import("loc", "k" * 1025, name="n").refusals()
    assert too_long.rule == "objectKey-length" and "1 to 1024" in too_long.message


def test_crc32c_of_a_local_copy(tmp_path):
    path = tmp_path / "check.bin"
    path.write_bytes(b"123456789")
    assert file_crc32c(path) == 0xE3069283  # the standard CRC-32C check value
    big = tmp_path / "big.bin"
    big.write_bytes(bytes(range(256)) * 40000)
    seen = []
    value = file_crc32c(big, progress=lambda done, total: seen.append((done, total)), chunk_bytes=1 << 20)
    assert seen[-1] == (big.stat().st_size, big.stat().st_size) and len(seen) == 10
    assert value == file_crc32c(big)
    with pytest.raises(CrcCancelled):
        file_crc32c(big, cancelled=lambda: True)


def test_mimir_reminder_before_expiry():
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    assert reminder(now + timedelta(days=30), now) is None
    assert "in 10 days" in reminder(now + timedelta(days=10, hours=1), now)
    assert "in 5 days" in reminder(now + timedelta(days=4, hours=23), now)  # just set up for 5 days
    assert "within a day" in reminder(now + timedelta(hours=3), now)
    assert "has expired" in reminder(now - timedelta(minutes=1), now)
    assert reminder(None, now) is None
