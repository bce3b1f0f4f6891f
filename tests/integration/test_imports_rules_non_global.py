"""A URL import from a carrier-grade NAT address (100.64.0.0/10) is refused twice: by
``import-url`` before anything is sent, and by the sandbox when the client is bypassed."""

from __future__ import annotations

import pytest

from pixop_desktop import cli
from pixop_desktop.api import PixopClient
from pixop_desktop.api.errors import BadRequest
from pixop_desktop.sandbox import DEFAULT_API_KEY

SHARED_URLS = ["https://100.64.0.1/a.mp4", "https://100.127.1.2/a.mp4"]


@pytest.mark.parametrize("url", SHARED_URLS)
def test_refused_by_the_client_before_sending(import_cli_env, capsys, url):
    before = len(import_cli_env.state.videos())
    assert cli.main(["import-url", url, "--no-wait"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("pixop-desktop: Import refused:") and "shared (carrier-grade NAT) address" in err
    assert len(import_cli_env.state.videos()) == before, "nothing was sent"


@pytest.mark.parametrize("url", SHARED_URLS)
def test_refused_by_the_sandbox_when_the_client_is_bypassed(shared_sandbox, url):
    with PixopClient(shared_sandbox.url, api_key=DEFAULT_API_KEY, sleep=lambda s: None) as client:
        with pytest.raises(BadRequest) as refused:
            client.send_api("POST", "/api/v1/videos/in/https", json={"name": "CGNAT", "url": url},
                            idempotent=False)
    assert "shared (carrier-grade NAT) address" in refused.value.message
