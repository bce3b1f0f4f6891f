"""Models of the current API (/api/v1): imports, derived videos, input locations, Mimir, errors.

Same forgiving rules as ``models.py`` (which re-exports everything here).
"""

from __future__ import annotations

from typing import Any

from pydantic import AliasChoices, Field

from .models_base import LenientDatetime, LenientFloat, LenientInt, OperationStatus, PixopModel, Status
from .models_video import IngestionState, ProcessingState


# --- current API --------------------------------------------------------------------------------


class ImportedVideo(PixopModel):
    """Answer of an import: the new master video (the SDK's MasterVideo)."""

    id: str = Field(validation_alias=AliasChoices("videoId", "id"))
    name: str | None = None
    project_id: str | None = None
    team_id: str | None = None


class ImportUploadState(PixopModel):
    upload_status: Status = None
    error: Any = None
    """The server's explanation when the copy failed (string or object)."""


class ImportUpload(PixopModel):
    upload_state: ImportUploadState | None = None


class ImportIngestionState(PixopModel):
    ingestion_status: Status = None
    progress_percentage: LenientFloat = None
    eta_seconds: LenientFloat = None
    error: Any = None


class ImportIngestion(PixopModel):
    ingestion_state: ImportIngestionState | None = None


class ImportStatus(PixopModel):
    """Answer of GET /api/v1/videos/{id}/in/status."""

    video_id: str | None = None
    upload: ImportUpload | None = None
    ingestion: ImportIngestion | None = None

    @property
    def upload_status(self) -> OperationStatus | str | None:
        state = self.upload.upload_state if self.upload else None
        return state.upload_status if state else None

    @property
    def ingestion_status(self) -> OperationStatus | str | None:
        state = self.ingestion.ingestion_state if self.ingestion else None
        return state.ingestion_status if state else None


class DerivedFlags(PixopModel):
    """The SDK's VideoFlags: what a derived video is (None when the server did not say)."""

    is_clip: bool | None = None
    is_processed: bool | None = None
    is_master: bool | None = None


class VideoRef(PixopModel):
    """A reference to another video (the SDK's ``masterVideo``)."""

    id: str | None = None


class DerivedVideo(PixopModel):
    """A video derived from a master: the free 10-second clip, or (the SDK's list) a processed video.

    Clips are marked ``type: FREE_CLIP`` (the sandbox's first reading) or, in the SDK,
    ``flags.isClip`` / ``clipId``; ``api.clips.is_free_clip`` reads both.
    """

    id: str = Field(validation_alias=AliasChoices("id", "videoId"))
    name: str | None = None
    project_id: str | None = None
    parent_id: str | None = Field(default=None, validation_alias=AliasChoices("parentVideoId", "parentId"))
    type: str | None = None
    """e.g. "FREE_CLIP"."""
    processing_state: ProcessingState | None = None
    ingestion_state: IngestionState | None = None
    date_created: LenientDatetime = Field(default=None, validation_alias=AliasChoices("dateCreated", "createdAt"))
    flags: DerivedFlags | None = None
    clip_id: str | None = None
    master_video: VideoRef | None = None
    """The SDK's Video names its master here (``GET /v1/videos`` lists masters and derived alike)."""

    @property
    def master_id(self) -> str | None:
        """The master this video derives from; None for a master (an original, an import)."""
        return self.parent_id or (self.master_video.id if self.master_video else None)


class InputLocation(PixopModel):
    """A team's configured S3 input location (keys come back masked)."""

    id: str
    name: str | None = None
    bucket: str | None = None
    created_at: LenientDatetime = None
    updated_at: LenientDatetime = None


class MimirIntegrationResult(PixopModel):
    """Answer of PUT /api/v1/admin/pixop-mimir-integration."""

    manual_steps: list[Any] = []
    """Steps left to do by hand in Mimir, as Pixop phrased them."""
    expires_at: LenientDatetime = None
    raw: dict[str, Any] = {}
    """The whole answer, since its shape is only loosely documented."""


class ProcessingStateApi(PixopModel):
    """``processingState`` of the current API (SDK VideoProcessingState)."""

    processing_status: Status = None
    progress_percentage: LenientFloat = Field(default=None, validation_alias=AliasChoices(
        "progressPercentage", "processingProgressPercent"))
    eta_seconds: LenientFloat = None
    updated_at: LenientDatetime = None
    error: Any = Field(default=None, validation_alias=AliasChoices("error", "errorMessage"))
    """The server's explanation when processing failed (not in the SDK; kept when sent)."""


class ProcessingStatusApi(PixopModel):
    """Answer of ``processing/start`` and ``processing/status`` (SDK VideoProcessingStatus).

    After ``processing/start`` ``video_id`` is the NEW processed video's id; the status of
    that id is what ``processing/status`` answers.
    """

    video_id: str = Field(validation_alias=AliasChoices("videoId", "id"))
    processing_state: ProcessingStateApi | None = None

    @property
    def status(self) -> OperationStatus | str | None:
        return self.processing_state.processing_status if self.processing_state else None


class DownloadLink(PixopModel):
    """Answer of ``out/https`` (SDK VideoDownloadUrl): a signed link, valid until ``expires_at``.

    Everything here is untrusted: the link is fetched without credentials, the suggested
    name sanitised, and the checksum compared with the bytes received.
    """

    video_id: str | None = None
    url: str = Field(validation_alias=AliasChoices("presignedUrl", "signedUrl", "signedLink", "url"))
    expires_at: LenientDatetime = None
    file_size: LenientInt = None
    mime_type: str | None = None
    file_extension: str | None = None
    suggested_file_name: str | None = None
    crc32c_checksum: LenientInt = Field(default=None, validation_alias=AliasChoices(
        "crc32cChecksum", "crc32c"))


class ValidationErrorItem(PixopModel):
    field: str | None = None
    value: Any = None
    message: str | None = None


class ApiError(PixopModel):
    """A current-API error body."""

    timestamp: LenientDatetime = None
    request_id: str | None = None
    request_path: str | None = None
    error_code: Any = None
    error_code_enum: str | None = None
    message: str | None = None
    status_code: LenientInt = None
    validation_errors: list[ValidationErrorItem] = []
    error_details: Any = None


class V1Error(PixopModel):
    """A v1 error body."""

    exception: str | None = None
    error_message: str | None = None

__all__ = [
    "DerivedFlags",
    "ImportedVideo",
    "ImportUploadState",
    "ImportUpload",
    "ImportIngestionState",
    "ImportIngestion",
    "ImportStatus",
    "DerivedVideo",
    "ProcessingStateApi",
    "ProcessingStatusApi",
    "DownloadLink",
    "InputLocation",
    "MimirIntegrationResult",
    "ValidationErrorItem",
    "ApiError",
    "V1Error",
]
