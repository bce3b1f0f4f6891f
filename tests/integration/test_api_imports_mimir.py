"""The current API against the sandbox: S3 and HTTPS imports, status, derived clips, Mimir."""

from __future__ import annotations

import shutil
import threading

import pytest

from pixop_desktop.api import PixopClient
from pixop_desktop.api import errors as e
from pixop_desktop.api.models import OperationStatus
from pixop_desktop.sandbox import DEFAULT_API_KEY, DEMO_S3_LOCATION_ID


@pytest.fixture
def client(sandbox_client_kwargs):
    with PixopClient(**sandbox_client_kwargs, sleep=lambda s: None) as c:
        yield c


def wait_for(check, timeout=90.0):
    idle = threading.Event()
    for _ in range(int(timeout / 0.05)):
        result = check()
        if result:
            return result
        idle.wait(0.05)
    raise AssertionError("timed out")


def test_input_locations_include_the_demo_bucket(client):
    locations = list(client.imports.iter_input_locations())
    assert DEMO_S3_LOCATION_ID in [loc.id for loc in locations]


def test_s3_import_status_and_free_clip(sandbox, client, small_clip):
    shutil.copy(small_clip, sandbox.s3_folder() / "incoming.mp4")
    imported = client.imports.from_s3(DEMO_S3_LOCATION_ID, "incoming.mp4", "From S3", full_ingestion=True)
    status = wait_for(lambda: (s := client.imports.status(imported.id)).ingestion_status
                      in (OperationStatus.DONE, OperationStatus.FAILED) and s)
    assert status.upload_status is OperationStatus.DONE
    assert status.ingestion_status is OperationStatus.DONE
    clips = wait_for(lambda: list(client.imports.iter_derived(imported.id)))
    assert clips[0].parent_id == imported.id
    assert client.videos.get(imported.id).metadata.frame_width == 160


def test_s3_import_of_a_missing_object_is_not_found(client):
    with pytest.raises(e.NotFound):
        client.imports.from_s3(DEMO_S3_LOCATION_ID, "no/such/object.mp4", "Missing")


def test_https_import_of_a_private_address_is_refused_by_pixop(client):
    with pytest.raises(e.BadRequest) as caught:
        client.imports.from_https("https://127.0.0.1/video.mp4", "Private")
    assert caught.value.message


def test_https_import_arguments_are_checked_locally(sandbox, client):
    with pytest.raises(ValueError):
        client.imports.from_https("http://example.com/v.mp4", "plain http")
    with pytest.raises(ValueError):
        client.imports.from_https("https://example.com:8443/v.mp4", "odd port")
    with pytest.raises(ValueError):
        client.imports.from_https("https://example.com/v.mp4", "x", max_connections=21)


def test_wrong_api_key(sandbox):
    with PixopClient(sandbox.url, api_key="not-the-key", sleep=lambda s: None) as c:
        with pytest.raises(e.WrongCredentials) as caught:
            list(c.imports.iter_input_locations())
    assert "API key" in caught.value.message


def test_mimir_setup_update_conflict_and_remove(sandbox, client, sandbox_client_kwargs):
    result = client.integrations.mimir_setup("mimir-key", "tenant-1", days_to_live=30,
                                             mimir_setup={"processingConfigurationIds": ["pc-hd-upscale"]})
    assert result.manual_steps and result.raw["tenant"] == "tenant-1"
    again = client.integrations.mimir_setup("mimir-key", "tenant-1", pixop_api_key=DEFAULT_API_KEY)
    assert again.raw["daysToLive"] == 90
    with pytest.raises(e.BadRequest) as caught:
        client.integrations.mimir_setup("mimir-key", "tenant-1", mimir_setup={"processingConfigurationIds": ["pc-nope"]})
    assert "pc-nope" in caught.value.message
    other_team = client.accounts.whoami().other_teams[0].id
    with pytest.raises(e.Conflict):
        client.integrations.mimir_setup("mimir-key", "tenant-1", team_id=other_team)
    client.integrations.mimir_remove("mimir-key", "tenant-1")
    with pytest.raises(e.NotFound):
        client.integrations.mimir_remove("mimir-key", "tenant-1")
