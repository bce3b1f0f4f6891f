"""Every documented import rule, refused twice: by ``import-url`` before anything is sent, and —
sending the same request straight past the client's checks — by the sandbox (as Pixop would)."""

from __future__ import annotations

import pytest

from pixop_desktop import cli
from pixop_desktop.api import PixopClient
from pixop_desktop.api.errors import BadRequest
from pixop_desktop.sandbox import DEFAULT_API_KEY

GOOD_URL = "https://93.184.215.14/a.mp4"

# (CLI arguments, the request body/params sent directly, words in the client's refusal,
#  words in Pixop's refusal)
CASES = [
    (["http://example.com/a.mp4"], {"url": "http://example.com/a.mp4"}, "only from https://", "https"),
    (["https://example.com:8443/a.mp4"], {"url": "https://example.com:8443/a.mp4"}, "port 443", "port 443"),
    (["https://127.0.0.1/a.mp4"], {"url": "https://127.0.0.1/a.mp4"}, "loopback address (127.0.0.1)", "loopback"),
    (["https://[::1]/a.mp4"], {"url": "https://[::1]/a.mp4"}, "loopback address (::1)", "loopback"),
    (["https://10.0.0.7/a.mp4"], {"url": "https://10.0.0.7/a.mp4"}, "private (site-local)", "private"),
    (["https://172.20.0.1/a.mp4"], {"url": "https://172.20.0.1/a.mp4"}, "private (site-local)", "private"),
    (["https://192.168.1.2/a.mp4"], {"url": "https://192.168.1.2/a.mp4"}, "private (site-local)", "private"),
    (["https://[fd12::1]/a.mp4"], {"url": "https://[fd12::1]/a.mp4"}, "private (site-local)", "private"),
    (["https://169.254.0.9/a.mp4"], {"url": "https://169.254.0.9/a.mp4"}, "link-local", "link-local"),
    (["https://[fe80::2]/a.mp4"], {"url": "https://[fe80::2]/a.mp4"}, "link-local", "link-local"),
    (["https://239.1.1.1/a.mp4"], {"url": "https://239.1.1.1/a.mp4"}, "multicast", "multicast"),
    (["https://[ff05::2]/a.mp4"], {"url": "https://[ff05::2]/a.mp4"}, "multicast", "multicast"),
    (["https://e.com/" + "x" * 4090], {"url": "https://e.com/" + "x" * 4090}, "1 to 4096", "url"),
    ([GOOD_URL, "--name", "n" * 256], {"name": "n" * 256}, "The name must be 1 to 255", "name"),
    ([GOOD_URL, "--description", "d" * 512], {"description": "d" * 512}, "at most 511", "description"),
    ([GOOD_URL, "--file-name", "f" * 256], {"fileName": "f" * 256}, "file name must be 1 to 255", "fileName"),
    ([GOOD_URL, "--crc32c", "4294967296"], {"crc32c": 4294967296}, "0 to 4294967295", "crc32c"),
    ([GOOD_URL, "--crc32c", "-1"], {"crc32c": -1}, "0 to 4294967295", "crc32c"),
    ([GOOD_URL, "--connections", "0"], {"maxConcurrentConnections": 0}, "from 1 to 20", "maxConcurrentConnections"),
    ([GOOD_URL, "--connections", "21"], {"maxConcurrentConnections": 21}, "from 1 to 20", "maxConcurrentConnections"),
]
QUERY = ("crc32c", "maxConcurrentConnections")


@pytest.mark.parametrize("argv, _sent, client_words, _server_words", CASES)
def test_refused_by_the_client_before_sending(import_cli_env, capsys, argv, _sent, client_words, _server_words):
    before = len(import_cli_env.state.videos())
    assert cli.main(["import-url", *argv, "--no-wait"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("pixop-desktop: Import refused:") and client_words in err and err.count("\n") == 0
    assert len(import_cli_env.state.videos()) == before, "nothing was sent"


@pytest.mark.parametrize("_argv, sent, _client_words, server_words", CASES)
def test_refused_by_pixop_when_the_client_is_bypassed(shared_sandbox, _argv, sent, _client_words, server_words):
    body = {"name": "Rule check", "url": GOOD_URL, **{k: v for k, v in sent.items() if k not in QUERY}}
    params = {k: v for k, v in sent.items() if k in QUERY}
    with PixopClient(shared_sandbox.url, api_key=DEFAULT_API_KEY, sleep=lambda s: None) as client:
        with pytest.raises(BadRequest) as refused:
            client.send_api("POST", "/api/v1/videos/in/https", params=params, json=body, idempotent=False)
    assert server_words in refused.value.message


def test_unresolvable_host_is_refused_by_name(import_cli_env, capsys):
    assert cli.main(["import-url", "https://no-such-host.invalid/a.mp4"]) == 1
    assert "The host no-such-host.invalid could not be found" in capsys.readouterr().err
