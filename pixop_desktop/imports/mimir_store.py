"""Where the Mimir API key and tenant live: the environment, or the OS keyring — never a file.

``MimirSecretStore`` is a sibling of the account's :class:`CredentialStore` (same backend
detection, same plain-words keyring errors, same "no silent plaintext fallback"), under its own
keyring service per server. Headless runs set ``PIXOP_MIMIR_API_KEY`` / ``PIXOP_MIMIR_TENANT``.

What is not secret — when the mapping expires, its days to live, the chosen processing
configurations and the manual steps Pixop returned — is kept in ``mimir.json`` in the config
folder, so the app can remind before the integration lapses. It holds no key and no tenant.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from pixop_desktop.credentials import CredentialSource, CredentialStore, _NotStored
from pixop_desktop.fileio import write_json_atomically
from pixop_desktop.logging_setup import register_secret
from pixop_desktop.paths import config_dir

log = logging.getLogger(__name__)

ENV_MIMIR_API_KEY = "PIXOP_MIMIR_API_KEY"
ENV_MIMIR_TENANT = "PIXOP_MIMIR_TENANT"
_KEY, _TENANT = "mimir-api-key", "mimir-tenant"


@dataclass(frozen=True)
class MimirSecrets:
    api_key: str | None = field(default=None, repr=False)
    tenant: str | None = None
    source: CredentialSource = CredentialSource.NONE

    @property
    def complete(self) -> bool:
        return bool(self.api_key and self.tenant)


class MimirSecretStore(CredentialStore):
    """The Mimir key and tenant for one Pixop server (env first, then session memory, then keyring)."""

    def __init__(self, server: str, **kw) -> None:
        super().__init__(server, **kw)
        self.service = "Pixop Desktop Mimir: " + self.server

    def load_mimir(self) -> MimirSecrets:
        env_key = (self._environ.get(ENV_MIMIR_API_KEY) or "").strip() or None
        env_tenant = (self._environ.get(ENV_MIMIR_TENANT) or "").strip() or None
        stored_key = stored_tenant = None
        source = CredentialSource.ENVIRONMENT if (env_key or env_tenant) else CredentialSource.NONE
        if not (env_key and env_tenant):
            stored_key, stored_tenant, stored_source = self._stored()
            if source is CredentialSource.NONE:
                source = stored_source
        key = env_key or stored_key
        register_secret(key)
        return MimirSecrets(key, env_tenant or stored_tenant, source)

    def save_mimir(self, api_key: str, tenant: str) -> CredentialSource:
        """Keep both (raises NoKeyringError without a keyring, unless "this session only")."""
        register_secret(api_key)
        values = {_KEY: api_key, _TENANT: tenant}
        if self._session is not None:
            self._session.update(values)
            return CredentialSource.SESSION
        self._require_keyring()
        for name, value in values.items():
            self._call(self.backend.set_password, self.service, name, value)
        return CredentialSource.KEYRING

    def forget_mimir(self) -> None:
        if self._session is not None:
            self._session.clear()
            return
        if not self.keyring_available:
            return
        for name in (_KEY, _TENANT):
            try:
                self._call(self.backend.delete_password, self.service, name)
            except _NotStored:
                pass

    def _stored(self) -> tuple[str | None, str | None, CredentialSource]:
        if self._session is not None:
            found = CredentialSource.SESSION if self._session else CredentialSource.NONE
            return self._session.get(_KEY), self._session.get(_TENANT), found
        if not self.keyring_available:
            return None, None, CredentialSource.NONE
        key, tenant = (self._call(self.backend.get_password, self.service, name) for name in (_KEY, _TENANT))
        return key, tenant, CredentialSource.KEYRING if (key or tenant) else CredentialSource.NONE


# ----- the non-secret record of the last setup ------------------------------------------------

@dataclass
class MimirRecord:
    """What the last successful setup told us (no secrets)."""

    server: str
    expires_at: str | None = None          # ISO 8601, UTC
    days_to_live: int | None = None
    configuration_ids: list[str] = field(default_factory=list)
    manual_steps: list[str] = field(default_factory=list)
    updated_at: str | None = None

    @property
    def expires(self) -> datetime | None:
        if not self.expires_at:
            return None
        try:
            value = datetime.fromisoformat(self.expires_at.replace("Z", "+00:00"))
        except ValueError:
            return None
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _record_path() -> Path:
    return config_dir() / "mimir.json"


def _all_records() -> dict:
    try:
        data = json.loads(_record_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_record(server: str) -> MimirRecord | None:
    raw = _all_records().get(server.rstrip("/"))
    if not isinstance(raw, dict):
        return None
    try:
        return MimirRecord(**{k: v for k, v in raw.items() if k in MimirRecord.__dataclass_fields__})
    except TypeError:
        return None


def save_record(record: MimirRecord) -> None:
    records = _all_records()
    records[record.server.rstrip("/")] = asdict(record)
    write_json_atomically(_record_path(), records)


def delete_record(server: str) -> None:
    records = _all_records()
    if records.pop(server.rstrip("/"), None) is not None:
        write_json_atomically(_record_path(), records)
