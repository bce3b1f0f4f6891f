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
    "LenientDatetime",
    "Status",
    "LenientFloat",
    "LenientInt",
    "Secret",
    "parse_lenient_datetime",
]
