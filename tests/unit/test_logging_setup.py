"""The log file never holds a secret: passwords, tokens, API keys, Authorization headers."""

from __future__ import annotations

import logging
import logging.handlers

import pytest

from pixop_desktop.api.client import PixopClient
from pixop_desktop.logging_setup import REDACTED, log_file_path, redact, register_secret, setup_logging, shutdown_logging
from pixop_desktop.sandbox import DEFAULT_API_KEY, DEFAULT_EMAIL, DEFAULT_PASSWORD


@pytest.fixture
def app_log():
    path = setup_logging(logging.DEBUG)
    yield path
    shutdown_logging()


def test_log_file_is_rotating_and_in_the_log_dir(app_log):
    assert app_log == log_file_path()
    ours = [h for h in logging.getLogger().handlers if getattr(h, "_pixop_desktop", False)]
    assert len(ours) == 1 and isinstance(ours[0], logging.handlers.RotatingFileHandler)
    assert ours[0].maxBytes > 0 and ours[0].backupCount > 0
    setup_logging()  # calling twice does not add a second handler
    assert len([h for h in logging.getLogger().handlers if getattr(h, "_pixop_desktop", False)]) == 1


def test_secrets_in_messages_arguments_and_tracebacks_are_redacted(app_log):
    log = logging.getLogger("pixop_desktop.test")
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJlLXNlY3JldA"
    log.info("request headers %s", {"Authorization": f"Bearer {jwt}", "X-API-Key": "key-abc-123"})
    log.info("basic %s", "Authorization: Basic ZGVtbzpodW50ZXIy")
    log.info("body %s", '{"email": "a@b.c", "newPassword": "correct horse battery"}')
    log.info("signed url https://s3.example/x?X-Amz-Signature=deadbeefcafe&X-Amz-Credential=AKIAXYZ")
    log.info("proxy https://bob:pr0xy-pass@proxy.example:3128")
    register_secret("my-very-own-secret")
    try:
        raise ValueError("login failed with my-very-own-secret and token=abcdef123")
    except ValueError:
        log.exception("oops")
    text = app_log.read_text()
    for secret in (jwt, "key-abc-123", "ZGVtbzpodW50ZXIy", "correct horse battery", "deadbeefcafe",
                   "AKIAXYZ", "pr0xy-pass", "my-very-own-secret", "abcdef123"):
        assert secret not in text, secret
    assert text.count(REDACTED) >= 9
    assert "a@b.c" in text and "Traceback" in text  # the useful parts stay


def test_a_real_session_with_the_client_leaves_no_secret_in_the_log(app_log, sandbox):
    with PixopClient(sandbox.url, email=DEFAULT_EMAIL, password=DEFAULT_PASSWORD,
                     api_key=DEFAULT_API_KEY) as client:
        jwt = client.current_jwt()
        client.accounts.whoami()
        logging.getLogger("pixop_desktop.test").debug("client %r jwt %s", client, jwt)
    register_secret(DEFAULT_PASSWORD)
    logging.getLogger("pixop_desktop.test").warning("password was %s", DEFAULT_PASSWORD)
    text = app_log.read_text()
    assert jwt not in text and DEFAULT_PASSWORD not in text and DEFAULT_API_KEY not in text


@pytest.mark.parametrize("text", ["password=hunter2", "api_key: abc123def", "'token': 'zzz-top'",
                                  "x-mimir-api-key=mk-1"])
def test_redact_key_value_forms(text):
    assert REDACTED in redact(text)
    assert text.split("=")[-1].split(":")[-1].strip(" '") not in redact(text)


def test_a_short_known_secret_does_not_blank_ordinary_words():
    register_secret("Pixop")
    assert redact("Pixop rejected the password for demo@example.com.") == \
        "Pixop rejected the password for demo@example.com."
    assert "Pixop" not in redact('password="Pixop" sent')  # as a value it is still caught
    register_secret("a-long-Secret-9")
    assert redact("sent a-long-Secret-9 to the server") == f"sent {REDACTED} to the server"


def test_a_rollover_that_cannot_rename_keeps_logging(tmp_path, capsys):
    """What Windows does when another process holds the log open (the rename fails), reproduced
    with a folder where the first backup must go: records keep reaching the file."""
    import logging

    from pixop_desktop.logging_setup import SharedRotatingFileHandler

    path = tmp_path / "shared.log"
    (tmp_path / "shared.log.1").mkdir()
    (tmp_path / "shared.log.1" / "keep").write_text("x")  # a non-empty folder: remove/rename fail
    handler = SharedRotatingFileHandler(path, maxBytes=200, backupCount=2, encoding="utf-8")
    logger = logging.getLogger("test.shared.rollover")
    logger.propagate, logger.level = False, logging.INFO
    logger.addHandler(handler)
    try:
        for n in range(20):
            logger.info("record number %02d with some words to fill the file", n)
    finally:
        logger.removeHandler(handler)
        handler.close()
    text = "".join(p.read_text(encoding="utf-8") for p in tmp_path.glob("shared.log*") if p.is_file())
    assert all(text.count(f"record number {n:02d} ") == 1 for n in range(20)), text
    assert "record number 19" in path.read_text(encoding="utf-8")
    assert "Logging error" not in capsys.readouterr().err
