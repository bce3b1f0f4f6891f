"""Everything a route or a background job needs, in one object hung on ``app.state.ctx``."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from pixop_desktop.sandbox.faults import Faults
from pixop_desktop.sandbox.store import Store
from pixop_desktop.sandbox.variants import Variants
from pixop_desktop.sandbox.workers import Workers


@dataclass
class S3Location:
    """An S3 input location, backed by a local folder: bucket ``bucket`` = folder ``folder``."""

    id: str
    name: str
    bucket: str
    folder: Path
    region: str = "eu-north-1"
    team_id: str | None = None  # None: every team may use it

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "bucket": self.bucket, "region": self.region,
                "prefix": "", "enabled": True}


@dataclass
class Context:
    store: Store
    faults: Faults
    workers: Workers
    token_ttl: int = 900
    api_keys: dict[str, str] = field(default_factory=dict)  # key -> user id
    allow_private_urls: bool = False
    import_ca_file: str | None = None
    s3_locations: dict[str, S3Location] = field(default_factory=dict)
    jwt_secret: str = field(default_factory=lambda: secrets.token_hex(32))
    variants: Variants = field(default_factory=Variants)
    storage_root: str = ""  # the signed-storage origin (a second listener), set on start
    storage_log: list[dict] = field(default_factory=list)  # requests to signed links (tests)
