"""Pydantic models of the v1 responses (accounts, videos, media) and shared types.

Parsing is forgiving on purpose: extra fields are ignored, almost every field
is optional, a null or wrongly typed optional field falls back to its default
(``lenient.py``; required ids stay required), dates in Pixop's ``YYYY-MM-DD hh:mm:ss`` (or ISO 8601, or epoch
milliseconds) are read leniently and become ``None`` if unreadable, and a
status value we do not know is kept as its plain string. A server adding a
field or a state must never break the app.

Attribute names are snake_case; the JSON's camelCase names are aliases, and
``populate_by_name`` lets tests and the sandbox build models either way.
"""

from __future__ import annotations

from datetime import datetime, timezone
from enum import Enum
from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationError,
    ValidatorFunctionWrapHandler,
    model_validator,
)
from pydantic.alias_generators import to_camel

from .lenient import repaired_input

T = TypeVar("T")


class PixopModel(BaseModel):
    model_config = ConfigDict(
        extra="ignore", populate_by_name=True, alias_generator=to_camel, frozen=False
    )

    @model_validator(mode="wrap")
    @classmethod
    def _forgive_unreadable_fields(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        """A null list or a wrongly typed optional value must not make the whole record unreadable."""
        try:
            return handler(data)
        except ValidationError as error:
            repaired = repaired_input(cls, data, error)
            if repaired is None:
                raise
            return handler(repaired)


# --- lenient scalar types ---------------------------------------------------------------

_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d")


def parse_lenient_datetime(value: Any) -> datetime | None:
    """Pixop dates, as UTC datetimes; None for anything unreadable."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, (int, float)):
        seconds = value / 1000.0 if value > 1e11 else float(value)
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=timezone.utc)
        except ValueError:
            pass
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _format_datetime(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


LenientDatetime = Annotated[
    datetime | None,
    PlainValidator(parse_lenient_datetime),
    PlainSerializer(_format_datetime, when_used="json"),
]


class OperationStatus(str, Enum):
    """State of an upload, ingestion or processing (SDK ``OperationStatus``)."""

    INITIAL = "INITIAL"
    IN_PROGRESS = "IN_PROGRESS"
    DONE = "DONE"
    FAILED = "FAILED"

    def __str__(self) -> str:
        return self.value


def _to_status(value: Any) -> OperationStatus | str | None:
    if value is None:
        return None
    text = str(value.value if isinstance(value, Enum) else value).strip()
    try:
        return OperationStatus(text.upper())
    except ValueError:
        return text


def _status_json(value: OperationStatus | str | None) -> str | None:
    return value.value if isinstance(value, OperationStatus) else value


Status = Annotated[
    OperationStatus | str | None,
    PlainValidator(_to_status),
    PlainSerializer(_status_json),
]
"""An OperationStatus, or the server's own string when it is one we do not know."""


def _lenient_float(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return value


LenientFloat = Annotated[float | None, BeforeValidator(_lenient_float)]


def _lenient_int(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return int(float(value))
        except ValueError:
            return None
    if isinstance(value, float):
        return int(value)
    return value


LenientInt = Annotated[int | None, BeforeValidator(_lenient_int)]
Secret = Annotated[str | None, Field(default=None, repr=False)]


# --- accounts -----------------------------------------------------------------------------


class Team(PixopModel):
    id: str
    name: str | None = None
    date_created: LenientDatetime = None
    time_last_updated: LenientDatetime = None


class User(PixopModel):
    id: str
    name: str | None = None
    email: str | None = None
    email_confirmed: bool | None = None
    auth_signature_method: str | None = None
    """Algorithm Pixop signs JWTs with."""
    auth_signature_public_key: str | None = None
    auth_signature_public_key_id: str | None = None
    banned: bool | None = None
    banned_reason: str | None = None
    banned_date: LenientDatetime = None
    api_request_signature_secret: Secret = None
    """Shared secret for signed API requests (kept out of repr and logs)."""
    api_request_signature_method: str | None = Field(
        default=None,
        validation_alias=AliasChoices("apiRequestSignatureMethod", "apiRequestSignatureSethod"),
    )
    date_created: LenientDatetime = None
    time_last_updated: LenientDatetime = None


class Token(PixopModel):
    """Answer of GET /accounts/v1/token."""

    user_id: str | None = None
    team_id: str | None = None
    jwt_token: str = Field(repr=False)


class TokenInfo(PixopModel):
    """Answer of POST /accounts/v1/token: who the token is for."""

    user: User
    team: Team | None = None
    other_teams: list[Team] = []
    """Teams the user may switch to."""


class Account(PixopModel):
    user: User
    team: Team | None = None


class UserEnvelope(PixopModel):
    user: User


# --- HAL pages (v1) -------------------------------------------------------------------------


class HalLink(PixopModel):
    href: str | None = None


class HalLinks(PixopModel):
    self_: HalLink | None = Field(default=None, alias="self")
    next: HalLink | None = None
    previous: HalLink | None = None
    first: HalLink | None = None
    last: HalLink | None = None


class HalPage(PixopModel):
    """A v1 page: ``_embedded`` holds one list named after the resource."""

    page_size: LenientInt = None
    page: LenientInt = None
    links: HalLinks = Field(default_factory=HalLinks, alias="_links")
    embedded: dict[str, Any] = Field(default_factory=dict, alias="_embedded")

    def items(self, key: str) -> list[dict]:
        found = self.embedded.get(key) if isinstance(self.embedded, dict) else None
        return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []


class Page(PixopModel, Generic[T]):
    """A current-API page (pageNumber counts from 0)."""

    page_number: LenientInt = None
    page_size: LenientInt = None
    number_of_elements: LenientInt = None
    total_pages: LenientInt = None
    total_elements: LenientInt = None
    items: list[T] = []


# --- videos service ---------------------------------------------------------------------------


class Project(PixopModel):
    id: str
    name: str | None = None
    team_id: str | None = None
    date_created: LenientDatetime = None
    time_last_updated: LenientDatetime = None


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
    "PixopModel",
    "OperationStatus",
    "Team",
    "User",
    "Token",
    "TokenInfo",
    "Account",
    "UserEnvelope",
    "HalLink",
    "HalLinks",
    "HalPage",
    "Page",
    "Project",
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
    "LenientDatetime",
    "Status",
    "LenientFloat",
    "LenientInt",
    "Secret",
    "parse_lenient_datetime",
]
