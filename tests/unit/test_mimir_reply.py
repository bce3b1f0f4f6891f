"""The Mimir set-up answer read leniently: seed 000 names none of its fields."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from pixop_desktop.imports.mimir_reply import read_reply

NOW = datetime(2030, 1, 1, tzinfo=timezone.utc)


def test_the_sandbox_shape():
    reply = read_reply({"expiresAt": "2030-04-01T00:00:00Z", "manualSteps": ["Do A.", "Do B."],
                        "created": True}, 90, NOW)
    assert reply.expires_at == datetime(2030, 4, 1, tzinfo=timezone.utc) and reply.expiry_stated
    assert reply.manual_steps == ["Do A.", "Do B."] and reply.created is True


def test_other_spellings_wrapped_and_step_objects():
    reply = read_reply({"integration": {"expiryDate": "2030-02-01T00:00:00Z", "created": False},
                        "requiredManualSteps": [{"description": "  Enable\nthe actions. "}, {"title": "Grant roles."},
                                                42, {"other": "x"}]}, 30, NOW)
    assert reply.expires_at == datetime(2030, 2, 1, tzinfo=timezone.utc)
    assert reply.manual_steps == ["Enable the actions.", "Grant roles."] and reply.created is False


def test_no_expiry_stated_is_now_plus_the_days_asked():
    reply = read_reply({"mimirSetup": {"manualActions": "Restart Mimir."}}, 45, NOW)
    assert reply.expires_at == NOW + timedelta(days=45) and not reply.expiry_stated
    assert reply.manual_steps == ["Restart Mimir."] and reply.created is None


def test_garbage_is_survived():
    reply = read_reply(["not", "an", "object"], 90, NOW)
    assert reply.manual_steps == [] and reply.expires_at == NOW + timedelta(days=90)
    assert read_reply({"expiresAt": "soon", "manualSteps": ["x" * 9999]}, 1, NOW).manual_steps == ["x" * 500]
