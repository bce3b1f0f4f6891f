"""Pydantic models of the v1 video and media responses: uploads, ingestion, metadata,
processing, and what a HEAD on media says. Shared types and the forgiving parsing
rules are in ``models_base``.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from .models_base import LenientDatetime, LenientFloat, LenientInt, OperationStatus, PixopModel, Status


class UploadState(PixopModel):
    updated_at: LenientDatetime = None
    upload_status: Status = None
    error: Any = None


class VideoUpload(PixopModel):
    upload_state: UploadState | None = None
    has_finished_uploading: bool | None = None
    file_name: str | None = None
    file_size: LenientInt = None
    file_type: str | None = None
    """MIME type of the uploaded file."""
    file_container_name: str | None = None


class IngestionState(PixopModel):
    updated_at: LenientDatetime = None
    ingestion_status: Status = None
    video_metadata_available: bool | None = None
    """True once the basic metadata (size, fps, duration) can be read."""
    video_metadata_committed: bool | None = None
    processing_progress_percent: LenientFloat = None
    error_message: str | None = None
    """Why ingestion failed, when the server says (the sandbox does; Pixop's docs are silent)."""


class ChromaSubsampling(PixopModel):
    yuv: str | None = None
    """e.g. "4:2:0"."""
    bits: LenientInt = None


class PixelFormat(PixopModel):
    name: str | None = None
    """FFmpeg pixel format name, e.g. "yuv420p"."""
    chroma_subsampling: ChromaSubsampling | None = None


class ScanningInfo(PixopModel):
    scanning_type: str | None = None
    interlaced_field_order: str | None = None


class Scanning(PixopModel):
    metadata: ScanningInfo | None = None
    """As declared by the file's metadata."""
    heuristics: ScanningInfo | None = None
    """As detected by analysing the pictures (full ingestion only)."""


class VideoMetadata(PixopModel):
    container_name: str | None = None
    long_container_name: str | None = None
    codec_name: str | None = None
    long_codec_name: str | None = None
    pixel_format: PixelFormat | None = None
    frame_width: LenientInt = None
    frame_height: LenientInt = None
    scanning: Scanning | None = None
    average_framerate: LenientFloat = None
    duration_in_millis: LenientInt = None
    total_frames: LenientInt = None
    size: LenientInt = None
    """File size in bytes."""
    video_stream_size: LenientInt = None


class QualityMetric(PixopModel):
    name: str | None = None
    sample_mean: LenientFloat = None
    """The metric's mean over the sampled frames."""
    subjective_label: str | None = None
    subjective_score: LenientFloat = None
    """0–5, like a human opinion score."""


class QualityAssessment(PixopModel):
    metrics: list[QualityMetric] = []
    overall_subjective_score: LenientFloat = None


class VideoIngestion(PixopModel):
    ingestion_state: IngestionState | None = None
    metadata: VideoMetadata | None = None
    quality_assessment: QualityAssessment | None = None


class ProcessingState(PixopModel):
    updated_at: LenientDatetime = None
    processing_status: Status = None
    processing_progress_percent: LenientFloat = None
    error_message: str | None = None
    """Why processing failed, when the server says (the sandbox does; Pixop's docs are silent)."""


class NamedSetting(PixopModel):
    name: str | None = None
    properties: dict[str, Any] | None = None


class SourceRange(PixopModel):
    start_position_milliseconds: LenientInt = None
    end_position_milliseconds: LenientInt = None


class TargetVideo(PixopModel):
    preset: NamedSetting | None = None
    container: NamedSetting | None = None
    codec: NamedSetting | None = None
    pixel_format: PixelFormat | None = None
    bitrate: LenientInt = None
    """Target bitrate in bits per second."""
    frame_width: LenientInt = None
    frame_height: LenientInt = None
    video_filters: list[NamedSetting] = []


class ProcessingParameters(PixopModel):
    source_video: SourceRange | None = None
    target_video: TargetVideo | None = None


class VideoProcessing(PixopModel):
    processing_state: ProcessingState | None = None
    processing_parameters: ProcessingParameters | None = None


class Video(PixopModel):
    """The full record of GET /videos/v1/video/{id}."""

    id: str
    name: str | None = None
    description: str | None = None
    project_id: str | None = None
    user_id: str | None = None
    team_id: str | None = None
    parent_id: str | None = None
    """Set on processed videos: the original they were made from."""
    upload: VideoUpload | None = None
    ingestion: VideoIngestion | None = None
    processing: VideoProcessing | None = None
    attributes: dict[str, Any] | None = None
    date_created: LenientDatetime = None
    time_last_updated: LenientDatetime = None

    @property
    def metadata(self) -> VideoMetadata | None:
        return self.ingestion.metadata if self.ingestion else None


class VideoSummary(PixopModel):
    """A video as listed in GET /videos/v1/videos."""

    id: str
    parent_id: str | None = None
    project_id: str | None = None
    name: str | None = None
    filename: str | None = None
    date_created: LenientDatetime = None
    time_last_updated: LenientDatetime = None


class CreatedVideo(PixopModel):
    project_id: str | None = None
    video_id: str
    upload_media_url: str | None = None
    upload_light_media_url: str | None = None
    process_video_url: str | None = None


class ProcessOrder(PixopModel):
    source_video_id: str | None = None
    processed_video_id: str
    """The new video the result will be stored in; download from there."""
    project_id: str | None = None
    check_progress_url: str | None = None
    download_media_url: str | None = None


class ProcessingProgress(PixopModel):
    video_id: str | None = None
    project_id: str | None = None
    processing_state: ProcessingState = Field(default_factory=ProcessingState)

    @property
    def status(self) -> OperationStatus | str | None:
        return self.processing_state.processing_status

    @property
    def percent(self) -> float | None:
        return self.processing_state.processing_progress_percent


class IngestionProgress(PixopModel):
    video_id: str | None = None
    project_id: str | None = None
    ingestion_state: IngestionState = Field(default_factory=IngestionState)

    @property
    def status(self) -> OperationStatus | str | None:
        return self.ingestion_state.ingestion_status


class DeletedVideo(PixopModel):
    video_id: str


class DeletedVideos(PixopModel):
    deleted_videos: list[DeletedVideo] = []

    @property
    def ids(self) -> list[str]:
        return [item.video_id for item in self.deleted_videos]


# --- media service ------------------------------------------------------------------------------


class UploadResult(PixopModel):
    project_id: str | None = None
    video_id: str | None = None
    check_ingest_progress_url: str | None = None
    process_video_url: str | None = None


class MediaInfo(PixopModel):
    """What HEAD on a download URL tells (headers, not JSON)."""

    content_length: int | None = None
    etag: str | None = None
    file_name: str | None = None
    """From Content-Disposition: UNTRUSTED, sanitise before using as a path."""
    content_type: str | None = None
    accepts_ranges: bool = False


__all__ = [
    "UploadState",
    "VideoUpload",
    "IngestionState",
    "ChromaSubsampling",
    "PixelFormat",
    "ScanningInfo",
    "Scanning",
    "VideoMetadata",
    "QualityMetric",
    "QualityAssessment",
    "VideoIngestion",
    "ProcessingState",
    "NamedSetting",
    "SourceRange",
    "TargetVideo",
    "ProcessingParameters",
    "VideoProcessing",
    "Video",
    "VideoSummary",
    "CreatedVideo",
    "ProcessOrder",
    "ProcessingProgress",
    "IngestionProgress",
    "DeletedVideo",
    "DeletedVideos",
    "UploadResult",
    "MediaInfo",
]
