"""Null and wrongly typed values from a server do not make a whole record unreadable.

Java servers often send ``null`` for an empty list or object. Optional fields
fall back to their defaults; required identity fields stay required.
"""

from __future__ import annotations

import json
import logging

import pytest
from pydantic import ValidationError

from pixop_desktop.api import models


def _parse(model, text: str):
    return model.model_validate(json.loads(text))


def test_null_video_filters_is_an_empty_list():
    video = _parse(models.Video, '{"id":"v","processing":{"processingParameters":{"targetVideo":{"videoFilters":null}}}}')
    assert video.processing.processing_parameters.target_video.video_filters == []


def test_null_lists_fall_back_to_empty():
    assert _parse(models.DeletedVideos, '{"deletedVideos":null}').ids == []
    assert _parse(models.TokenInfo, '{"user":{"id":"u"},"team":{"id":"t"},"otherTeams":null}').other_teams == []
    assert _parse(models.Page[models.Project], '{"items":null,"pageNumber":0}').items == []
    video = _parse(models.Video, '{"id":"v","ingestion":{"qualityAssessment":{"metrics":null}}}')
    assert video.ingestion.quality_assessment.metrics == []


def test_null_objects_fall_back_to_their_empty_defaults():
    progress = _parse(models.ProcessingProgress, '{"videoId":"v","processingState":null}')
    assert progress.processing_state == models.ProcessingState() and progress.status is None
    page = _parse(models.HalPage, '{"_embedded":null,"_links":null,"page":2}')
    assert page.embedded == {} and page.links == models.HalLinks() and page.page == 2
    assert page.items("videos") == []


def test_wrongly_typed_optional_values_are_dropped_and_the_rest_kept():
    video = _parse(models.Video, '{"id":"v","name":123,"attributes":[1,2],"description":"kept",'
                                 '"ingestion":{"metadata":{"scanning":"progressive","frameWidth":320}}}')
    assert video.id == "v" and video.name is None and video.attributes is None and video.description == "kept"
    assert video.metadata.scanning is None and video.metadata.frame_width == 320
    state = _parse(models.ProcessingProgress, '{"processingState":{"errorMessage":{"x":1},"processingStatus":"FAILED"}}')
    assert state.processing_state.error_message is None and state.status == models.OperationStatus.FAILED


def test_an_unreadable_list_item_is_left_out_and_the_others_kept():
    page = _parse(models.Page[models.Project], '{"items":[{"id":"p1"},{"name":"no id"},null,{"id":"p2"}]}')
    assert [project.id for project in page.items] == ["p1", "p2"]


def test_the_repair_is_logged_at_debug_level_without_the_value(caplog):
    with caplog.at_level(logging.DEBUG, logger="pixop_desktop.api"):
        _parse(models.Video, '{"id":"v","name":{"secret":"s3cr3t"}}')
    assert "Video.name" in caplog.text and "s3cr3t" not in caplog.text


@pytest.mark.parametrize("model, text", [
    (models.Video, '{"id":null}'),
    (models.Video, '{"id":42}'),
    (models.Video, '{"name":"no id"}'),
    (models.TokenInfo, '{"user":null,"otherTeams":[]}'),
    (models.Token, '{"userId":"u","jwtToken":null}'),
    (models.CreatedVideo, '{"videoId":{"x":1}}'),
])
def test_required_identity_fields_stay_required(model, text):
    with pytest.raises(ValidationError):
        _parse(model, text)


def test_a_team_without_an_id_is_dropped_not_invented():
    info = _parse(models.TokenInfo, '{"user":{"id":"u"},"team":{"name":"no id"},"otherTeams":[{"id":"t2"},{}]}')
    assert info.team is None and [team.id for team in info.other_teams] == ["t2"]


def test_the_client_reads_records_with_nulls_from_a_server(server, client):  # noqa: F811
    token_info = {"user": {"id": "u", "email": "a@b"}, "team": {"id": "t", "name": "T"}, "otherTeams": None}
    server.on("POST", "/accounts/v1/token", (200, {}, token_info))
    video = {"video": {"id": "v1", "name": "x", "processing": {
        "processingState": {"processingStatus": "QUEUED"},
        "processingParameters": {"targetVideo": {"videoFilters": None, "frameWidth": 320}}}}}
    server.on("GET", "/videos/v1/video/v1", (200, {}, video))
    assert client.accounts.whoami().other_teams == []
    got = client.videos.get("v1")
    assert got.processing.processing_parameters.target_video.video_filters == []
    assert got.processing.processing_parameters.target_video.frame_width == 320
