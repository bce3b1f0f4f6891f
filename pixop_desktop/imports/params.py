"""What an import asks Pixop for, checked as a whole and sent through the client.

``HttpsImport`` and ``S3Import`` are what the dialogs return and what the CLI builds from its
arguments; ``refusals()`` lists every rule they break (the URL's host is resolved, so call it off
the GUI thread), ``start(client)`` sends them and returns the new master video's id.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pixop_desktop.jobs.model import DEFAULT_INGESTION, Ingestion

from .url_rules import (Refusal, Resolver, check_connections, check_crc32c, check_length, check_url,
                        check_url_shape, check_video_fields, name_from_key, name_from_url)

if TYPE_CHECKING:
    from pixop_desktop.api.client import PixopClient

FULL_BY_DEFAULT = DEFAULT_INGESTION is Ingestion.FULL  # the one default (jobs.model.DEFAULT_INGESTION)


@dataclass(frozen=True)
class HttpsImport:
    """Have Pixop copy a video from a public HTTPS URL (seed 003)."""

    url: str
    name: str = ""                      # "" = the URL's file name
    file_name: str | None = None        # None = Pixop derives it from the name
    description: str | None = None
    project_id: str | None = None
    full_ingestion: bool = FULL_BY_DEFAULT
    crc32c: int | None = None
    connections: int | None = None      # None = Pixop's default (10)

    def with_defaults(self) -> HttpsImport:
        """Blank optional text becomes None; a blank name becomes the URL's file name."""
        return replace(self, url=self.url.strip(), name=self.name.strip() or name_from_url(self.url),
                       file_name=(self.file_name or "").strip() or None,
                       description=self.description or None, project_id=self.project_id or None)

    def quick_refusals(self, *, allow_private: bool = False) -> list[Refusal]:
        """Every rule that needs no network (for checking as a person types)."""
        found = []
        shape = check_url_shape(self.url, allow_private=allow_private)
        if isinstance(shape, Refusal):
            found.append(shape)
        found += check_video_fields(self.name, self.description, self.file_name)
        found += [r for r in (check_crc32c(self.crc32c), check_connections(self.connections)) if r]
        return found

    def refusals(self, *, allow_private: bool = False,
                 resolve: Resolver = socket.getaddrinfo) -> list[Refusal]:
        """Every rule, including where the host resolves to (blocking)."""
        found = self.quick_refusals(allow_private=allow_private)
        if not any(r.field == "url" for r in found):
            host_refusal = check_url(self.url, allow_private=allow_private, resolve=resolve)
            if host_refusal:
                found.insert(0, host_refusal)
        return found

    def start(self, client: PixopClient, *, allow_private: bool = False) -> str:
        made = client.imports.from_https(
            self.url, self.name, description=self.description, project_id=self.project_id,
            file_name=self.file_name, full_ingestion=self.full_ingestion, crc32c=self.crc32c,
            max_connections=self.connections, allow_private_urls=allow_private)
        return made.id


@dataclass(frozen=True)
class S3Import:
    """Have Pixop copy one object from one of the team's S3 input locations (seed 001)."""

    location_id: str
    object_key: str
    name: str = ""                      # "" = the key's last component
    file_name: str | None = None        # None = Pixop derives it from the key
    description: str | None = None
    project_id: str | None = None
    full_ingestion: bool = FULL_BY_DEFAULT

    def with_defaults(self) -> S3Import:
        return replace(self, object_key=self.object_key.strip(),
                       name=self.name.strip() or name_from_key(self.object_key.strip()),
                       file_name=(self.file_name or "").strip() or None,
                       description=self.description or None, project_id=self.project_id or None)

    def refusals(self) -> list[Refusal]:
        found = [] if self.location_id else [Refusal("inputLocationId", "location-missing",
                                                     "Choose the S3 input location to import from.")]
        key = check_length("objectKey", "The object key", self.object_key, 1, 1024, True)
        return found + ([key] if key else []) + check_video_fields(self.name, self.description,
                                                                   self.file_name)

    def start(self, client: PixopClient) -> str:
        from pixop_desktop.api.errors import NotFound

        try:
            made = client.imports.from_s3(self.location_id, self.object_key, self.name,
                                          description=self.description, project_id=self.project_id,
                                          file_name=self.file_name, full_ingestion=self.full_ingestion)
        except NotFound as exc:
            raise NotFound(_s3_not_found(exc.server_message or "", self.location_id, self.object_key),
                           status_code=404, server_message=exc.server_message) from exc
        return made.id


def _s3_not_found(said: str, location_id: str, key: str) -> str:
    """Which of the three things was missing: the object, the bucket, or the location."""
    said = said.lower()
    if "object" in said:
        return f"There is no object “{key}” in that S3 input location. Check the key (it is case-sensitive)."
    if "bucket" in said:
        return (f"The bucket behind S3 input location {location_id} no longer exists. "
                "Ask your Pixop administrator to check the input location.")
    return f"S3 input location {location_id} was not found for this team. See 'import-s3 --list'."


def s3_imports_from_text(location_id: str, text: str, **common) -> list[S3Import]:
    """One import per non-blank line of pasted keys, each named after its key."""
    keys = [line.strip() for line in text.splitlines() if line.strip()]
    return [S3Import(location_id, key, **common).with_defaults() for key in keys]
