"""Parsing of every documented response shape, forgiving by design."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from pixop_desktop.api.models import (
    Account,
    CreatedVideo,
    DeletedVideos,
    HalPage,
    ImportStatus,
    IngestionProgress,
    InputLocation,
    OperationStatus,
    Page,
    ProcessingProgress,
    ProcessOrder,
    Project,
    Token,
    TokenInfo,
    UploadResult,
    User,
    Video,
    VideoSummary,
    parse_lenient_datetime,
)

USER = {
    "id": "u-1", "name": "Ana", "email": "ana@example.com", "emailConfirmed": True,
    "authSignatureMethod": "RS256", "authSignaturePublicKey": "PUB", "authSignaturePublicKeyId": "k1",
    "banned": False, "bannedReason": None, "bannedDate": None,
    "apiRequestSignatureSecret": "very-secret", "apiRequestSignatureSethod": "HMAC-SHA256",
    "dateCreated": "2021-07-02 10:11:12", "timeLastUpdated": "2021-07-02 10:11:13",
}
TEAM = {"id": "t-1", "name": "Newsroom", "dateCreated": "2021-07-02 10:11:12", "timeLastUpdated": "2021-07-02 10:11:12"}

FULL_VIDEO = {
    "video": {
        "id": "v-1", "name": "Interview", "description": "raw", "projectId": "p-1", "userId": "u-1", "teamId": "t-1",
        "upload": {
            "uploadState": {"updatedAt": "2021-07-02 10:11:12", "uploadStatus": "DONE"},
            "hasFinishedUploading": True, "fileName": "a.mp4", "fileSize": "123456",
            "fileType": "video/mp4", "fileContainerName": "MPEG-4",
        },
        "ingestion": {
            "ingestionState": {
                "updatedAt": "2021-07-02 10:11:12", "ingestionStatus": "IN_PROGRESS",
                "videoMetadataAvailable": True, "videoMetadataCommitted": False, "processingProgressPercent": 42.5,
            },
            "metadata": {
                "containerName": "mov,mp4", "longContainerName": "QuickTime / MOV", "codecName": "h264",
                "longCodecName": "H.264", "pixelFormat": {"name": "yuv420p", "chromaSubsampling": {"yuv": "4:2:0", "bits": 8}},
                "frameWidth": 160, "frameHeight": 120,
                "scanning": {"metadata": {"scanningType": "progressive", "interlacedFieldOrder": None},
                             "heuristics": {"scanningType": "interlaced", "interlacedFieldOrder": "top_field"}},
                "averageFramerate": 25.0, "durationInMillis": 5000, "totalFrames": 125, "size": 123456, "videoStreamSize": 120000,
            },
            "qualityAssessment": {
                "metrics": [{"name": "sharpness", "sampleMean": 0.7, "subjectiveLabel": "good", "subjectiveScore": 3.9}],
                "overallSubjectiveScore": 3.9,
            },
        },
        "processing": {
            "processingState": {"updatedAt": "2021-07-02 10:11:12", "processingStatus": "INITIAL", "processingProgressPercent": 0.0},
            "processingParameters": {
                "sourceVideo": {"startPositionMilliseconds": 0, "endPositionMilliseconds": 30000},
                "targetVideo": {
                    "preset": {"name": "custom"}, "container": {"name": "mov", "properties": {}},
                    "codec": {"name": "prores", "properties": {"profile": "hq"}},
                    "pixelFormat": {"name": "yuv422p10le", "chromaSubsampling": {"yuv": "4:2:2", "bits": 10}},
                    "bitrate": 20500000, "frameWidth": 1920, "frameHeight": 1080,
                    "videoFilters": [{"name": "bwdif", "properties": {"mode": 1}}],
                },
            },
        },
        "attributes": {"source": "camera 2"},
        "dateCreated": "2021-07-02 10:11:12", "timeLastUpdated": "2021-07-02T10:11:12.5Z",
        "somethingNew": {"nested": True},
    }
}


def test_full_video_record_parses_every_documented_part():
    video = Video.model_validate(FULL_VIDEO["video"])
    assert video.upload.upload_state.upload_status is OperationStatus.DONE
    assert video.upload.file_size == 123456
    state = video.ingestion.ingestion_state
    assert state.ingestion_status is OperationStatus.IN_PROGRESS and state.processing_progress_percent == 42.5
    meta = video.metadata
    assert (meta.frame_width, meta.frame_height, meta.average_framerate, meta.duration_in_millis) == (160, 120, 25.0, 5000)
    assert meta.pixel_format.chroma_subsampling.yuv == "4:2:0"
    assert meta.scanning.heuristics.interlaced_field_order == "top_field"
    assert video.ingestion.quality_assessment.metrics[0].subjective_score == 3.9
    target = video.processing.processing_parameters.target_video
    assert target.codec.properties == {"profile": "hq"} and target.video_filters[0].name == "bwdif"
    assert video.processing.processing_parameters.source_video.end_position_milliseconds == 30000
    assert video.attributes == {"source": "camera 2"}
    assert video.date_created == datetime(2021, 7, 2, 10, 11, 12, tzinfo=timezone.utc)
    assert video.time_last_updated == datetime(2021, 7, 2, 10, 11, 12, 500000, tzinfo=timezone.utc)


def test_unknown_status_is_kept_as_text_not_a_crash():
    progress = ProcessingProgress.model_validate(
        {"videoId": "v", "processingState": {"processingStatus": "QUEUED_FOR_GPU", "processingProgressPercent": "12.5"}}
    )
    assert progress.status == "QUEUED_FOR_GPU" and not isinstance(progress.status, OperationStatus)
    assert progress.percent == 12.5
    assert progress.model_dump(by_alias=True)["processingState"]["processingStatus"] == "QUEUED_FOR_GPU"


def test_known_status_is_the_enum_whatever_the_case():
    progress = IngestionProgress.model_validate({"ingestionState": {"ingestionStatus": "done", "videoMetadataAvailable": True}})
    assert progress.status is OperationStatus.DONE
    assert progress.model_dump(by_alias=True)["ingestionState"]["ingestionStatus"] == "DONE"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2021-07-02 10:11:12", datetime(2021, 7, 2, 10, 11, 12, tzinfo=timezone.utc)),
        ("2021-07-02T10:11:12+02:00", datetime(2021, 7, 2, 8, 11, 12, tzinfo=timezone.utc)),
        ("2021-07-02", datetime(2021, 7, 2, tzinfo=timezone.utc)),
        (1625220672000, datetime(2021, 7, 2, 10, 11, 12, tzinfo=timezone.utc)),
        ("YYYY-MM-DD hh:mm:ss", None),
        ("", None),
        (None, None),
        ({"weird": 1}, None),
    ],
)
def test_dates_are_read_leniently(raw, expected):
    assert parse_lenient_datetime(raw) == expected


def test_accounts_shapes():
    info = TokenInfo.model_validate({"user": USER, "team": TEAM, "otherTeams": [TEAM, {**TEAM, "id": "t-2"}]})
    assert [team.id for team in info.other_teams] == ["t-1", "t-2"]
    assert info.user.api_request_signature_method == "HMAC-SHA256"
    assert "very-secret" not in repr(info.user)
    account = Account.model_validate({"user": USER, "team": TEAM})
    assert account.user.email == "ana@example.com" and account.team.name == "Newsroom"
    token = Token.model_validate({"userId": "u-1", "teamId": "t-1", "jwtToken": "aaa.bbb.ccc"})
    assert token.jwt_token == "aaa.bbb.ccc" and "aaa.bbb" not in repr(token)
    assert User.model_validate({"id": "x"}).banned is None


def test_hal_pages_and_items():
    page = HalPage.model_validate({
        "pageSize": "3", "page": 1,
        "_links": {"self": {"href": "/videos/v1/projects?page=1"}, "next": {"href": "/videos/v1/projects?page=2"}},
        "_embedded": {"projects": [{"_links": {"self": {"href": "x"}}, "id": "p1", "name": "A",
                                    "dateCreated": "2021-07-02 10:11:12"}, "junk"]},
    })
    assert page.page_size == 3 and page.links.next.href.endswith("page=2")
    items = page.items("projects")
    assert [Project.model_validate(item).id for item in items] == ["p1"]
    assert page.items("videos") == []
    empty = HalPage.model_validate({})
    assert empty.items("projects") == [] and empty.links.next is None
    summary = VideoSummary.model_validate({"id": "v", "parentId": "o", "filename": "a.mp4"})
    assert summary.parent_id == "o"


def test_videos_service_small_shapes():
    created = CreatedVideo.model_validate({"projectId": "p", "videoId": "v", "uploadMediaUrl": "https://x/u",
                                           "uploadLightMediaUrl": "https://x/l", "processVideoUrl": "https://x/p"})
    assert created.video_id == "v"
    order = ProcessOrder.model_validate({"sourceVideoId": "v", "processedVideoId": "w", "projectId": "p",
                                         "checkProgressUrl": "c", "downloadMediaUrl": "d"})
    assert order.processed_video_id == "w"
    deleted = DeletedVideos.model_validate({"deletedVideos": [{"videoId": "v"}, {"videoId": "w"}]})
    assert deleted.ids == ["v", "w"]
    upload = UploadResult.model_validate({"projectId": "p", "videoId": "v", "checkIngestProgressUrl": "c", "processVideoUrl": "p"})
    assert upload.check_ingest_progress_url == "c"


def test_current_api_shapes():
    status = ImportStatus.model_validate({
        "videoId": "v",
        "upload": {"uploadState": {"uploadStatus": "FAILED", "error": "404 from origin"}},
        "ingestion": {"ingestionState": {"ingestionStatus": "INITIAL", "progressPercentage": 0, "etaSeconds": None, "extra": 1}},
    })
    assert status.upload_status is OperationStatus.FAILED
    assert status.upload.upload_state.error == "404 from origin"
    assert status.ingestion_status is OperationStatus.INITIAL
    assert ImportStatus.model_validate({}).upload_status is None
    page = Page[InputLocation].model_validate({
        "pageNumber": 0, "pageSize": 10, "numberOfElements": 1, "totalPages": 1, "totalElements": 1,
        "items": [{"id": "loc", "name": "Archive", "bucket": "b", "accessKeyHidden": "****abc",
                   "createdAt": "2024-01-01T00:00:00Z"}],
    })
    assert page.items[0].bucket == "b" and page.total_pages == 1
