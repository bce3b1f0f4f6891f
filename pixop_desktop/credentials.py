"""Where the account's secrets live: the OS keyring, or the environment, or memory.

One :class:`CredentialStore` per server root. Order of precedence when loading:

1. ``PIXOP_EMAIL`` / ``PIXOP_PASSWORD`` / ``PIXOP_API_KEY`` (headless servers and scripts), or,
   for a variable that is not set, the file ``pixop-email`` / ``pixop-password`` /
   ``pixop-api-key`` in ``$CREDENTIALS_DIRECTORY`` (systemd's ``LoadCredential=`` /
   ``LoadCredentialEncrypted=``: the secret never sits in the unit or in an environment file,
   and only the service can read it);
2. secrets kept for "this session only" (in memory, chosen explicitly);
3. the OS keyring (macOS Keychain, Windows Credential Locker, Secret Service).

There is never a silent plaintext fallback: with no usable keyring, saving
raises :class:`NoKeyringError` and the caller offers "this session only" or the
environment variables. Keyring failures (locked, D-Bus down) become a
:class:`CredentialError` with a title and a message a person can act on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from pixop_desktop.errors import UserFacingError
from pixop_desktop.i18n import QT_TRANSLATE_NOOP
from pixop_desktop.logging_setup import register_secret

log = logging.getLogger(__name__)

ENV_EMAIL = "PIXOP_EMAIL"
ENV_PASSWORD = "PIXOP_PASSWORD"
ENV_API_KEY = "PIXOP_API_KEY"
ENV_CREDENTIALS_DIRECTORY = "CREDENTIALS_DIRECTORY"  # set by systemd for a unit with LoadCredential=
#: variable → credential file name in $CREDENTIALS_DIRECTORY (used when the variable is unset)
CREDENTIAL_FILES = {ENV_EMAIL: "pixop-email", ENV_PASSWORD: "pixop-password", ENV_API_KEY: "pixop-api-key"}
_CREDENTIAL_FILE_LIMIT = 64 * 1024  # a secret, not a data file
SERVICE_PREFIX = "Pixop Desktop: "

# Keyring entry names under the per-server service.
_EMAIL, _PASSWORD, _API_KEY = "email", "password", "api-key"

_BACKEND_NAMES = {
    "keyring.backends.SecretService": "Secret Service",
    "keyring.backends.libsecret": "Secret Service",
    "keyring.backends.macOS": "macOS Keychain",
    "keyring.backends.Windows": "Windows Credential Locker",
    "keyring.backends.kwallet": "KWallet",
}


class CredentialSource(StrEnum):
    ENVIRONMENT = "environment"
    SESSION = "session"
    KEYRING = "keyring"
    NONE = "none"


@dataclass(frozen=True)
class Credentials:
    """What we know for one server. Secrets are left out of ``repr``."""

    email: str | None = None
    password: str | None = field(default=None, repr=False)
    api_key: str | None = field(default=None, repr=False)
    source: CredentialSource = CredentialSource.NONE

    @property
    def can_sign_in(self) -> bool:
        """Email and password are there (the v1 API needs them)."""
        return bool(self.email and self.password)

    @property
    def is_empty(self) -> bool:
        return not (self.email or self.password or self.api_key)


class CredentialError(UserFacingError):
    """A keyring problem (or no credentials at all)."""


class NoKeyringError(CredentialError):
    """There is no usable OS keyring on this computer."""


class KeyringLockedError(CredentialError):
    """The keyring exists but is locked and could not be unlocked."""


def environment_value(variable: str, environ: Mapping[str, str] | None = None) -> str | None:
    """``variable`` from the environment, else its file in ``$CREDENTIALS_DIRECTORY``; None if neither.

    A credential file that cannot be read is logged by name only (never its content) and ignored.
    """
    environ = os.environ if environ is None else environ
    if value := (environ.get(variable) or "").strip():
        return value
    folder, name = environ.get(ENV_CREDENTIALS_DIRECTORY), CREDENTIAL_FILES.get(variable)
    if not folder or not name:
        return None
    path = os.path.join(folder, name)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_CREDENTIAL_FILE_LIMIT + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("The credential file %s cannot be read (%s); ignored", path, exc.strerror or type(exc).__name__)
        return None
    if len(raw) > _CREDENTIAL_FILE_LIMIT:
        log.warning("The credential file %s is too large to be a secret; ignored", path)
        return None
    try:
        value = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        log.warning("The credential file %s is not UTF-8 text; ignored", path)
        return None
    if variable != ENV_EMAIL:
        register_secret(value)
    return value or None


def service_name(server: str) -> str:
    """The keyring service for a server root, e.g. ``Pixop Desktop: https://api.pixop.com``."""
    return SERVICE_PREFIX + server.rstrip("/")


def backend_is_usable(backend: KeyringBackend) -> bool:
    """False for keyring's fail/null backends, an empty chainer, and file-based (plaintext) stores."""
    if isinstance(backend, (fail.Keyring, null.Keyring)):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return any(backend_is_usable(inner) for inner in backend.backends)
    return not type(backend).__module__.startswith("keyrings.alt")


def backend_display_name(backend: KeyringBackend) -> str:
    """A name a person recognises: "Secret Service", "macOS Keychain", "Windows Credential Locker"."""
    if isinstance(backend, chainer.ChainerBackend):
        usable = [inner for inner in backend.backends if backend_is_usable(inner)]
        return backend_display_name(usable[0]) if usable else "no keyring"
    if not backend_is_usable(backend):
        return "no keyring"
    module = type(backend).__module__
    for prefix, name in _BACKEND_NAMES.items():
        if module.startswith(prefix):
            return name
    return getattr(backend, "name", type(backend).__name__)


class CredentialStore:
    """Load, save and delete the secrets for one server root."""

    def __init__(self, server: str, *, backend: KeyringBackend | None = None,
                 environ: Mapping[str, str] | None = None) -> None:
        self.server = server.rstrip("/")
        self.service = service_name(self.server)
        self._backend = backend
        self._environ = os.environ if environ is None else environ
        self._session: dict[str, str] | None = None

    # --- what is in use -----------------------------------------------------

    @property
    def backend(self) -> KeyringBackend:
        if self._backend is None:
            self._backend = keyring.get_keyring()
        return self._backend

    @property
    def keyring_available(self) -> bool:
        return backend_is_usable(self.backend)

    @property
    def backend_name(self) -> str:
        return backend_display_name(self.backend)

    @property
    def session_only(self) -> bool:
        return self._session is not None

    def use_session_only(self) -> None:
        """Keep secrets in memory until the app quits; chosen explicitly by the person."""
        if self._session is None:
            self._session = {}

    def describe(self) -> str:
        """One sentence for the settings panel and ``pixop-desktop account``.

        The fixed sentences are marked for translators (context "Credentials"); the
        settings panel words "Saved in …" itself.
        """
        if not self.environment_credentials().is_empty:
            return QT_TRANSLATE_NOOP(
                "Credentials", "Using PIXOP_EMAIL / PIXOP_PASSWORD / PIXOP_API_KEY from the environment.")
        if self.session_only:
            return QT_TRANSLATE_NOOP(
                "Credentials", "Kept in memory for this session only; you will be asked again next time.")
        if self.keyring_available:
            return f"Saved in {self.backend_name}."
        return QT_TRANSLATE_NOOP("Credentials", "This computer has no keyring, so nothing can be saved. "
                                 "Use 'this session only', or set PIXOP_EMAIL and PIXOP_PASSWORD.")

    # --- load / save / delete -----------------------------------------------

    def environment_credentials(self) -> Credentials:
        """The environment variables, each one unset falling back to its systemd credential file."""
        values = {name: environment_value(var, self._environ)
                  for name, var in (("email", ENV_EMAIL), ("password", ENV_PASSWORD), ("api_key", ENV_API_KEY))}
        source = CredentialSource.ENVIRONMENT if any(values.values()) else CredentialSource.NONE
        return Credentials(source=source, **values)

    def load(self) -> Credentials:
        """Environment first, then session memory, then the keyring; each field on its own."""
        env = self.environment_credentials()
        stored = self._load_stored(quiet=not env.is_empty)
        merged = Credentials(
            email=env.email or stored.email,
            password=env.password or stored.password,
            api_key=env.api_key or stored.api_key,
            source=env.source if not env.is_empty else stored.source,
        )
        register_secret(merged.password)
        register_secret(merged.api_key)
        return merged

    def save(self, *, email: str | None = None, password: str | None = None,
             api_key: str | None = None) -> CredentialSource:
        """Store the given values (None = leave as is). Raises NoKeyringError without a keyring."""
        values = {_EMAIL: email, _PASSWORD: password, _API_KEY: api_key}
        values = {key: value for key, value in values.items() if value is not None}
        for value in (password, api_key):
            register_secret(value)
        if self._session is not None:
            self._session.update(values)
            return CredentialSource.SESSION
        self._require_keyring()
        for key, value in values.items():
            self._call(self.backend.set_password, self.service, key, value)
        return CredentialSource.KEYRING

    def delete(self) -> None:
        """Forget everything stored for this server (environment variables are not ours to touch)."""
        if self._session is not None:
            self._session.clear()
            return
        if not self.keyring_available:
            return
        for key in (_EMAIL, _PASSWORD, _API_KEY):
            try:
                self._call(self.backend.delete_password, self.service, key)
            except _NotStored:
                pass

    # --- helpers ------------------------------------------------------------

    def _load_stored(self, *, quiet: bool) -> Credentials:
        if self._session is not None:
            source = CredentialSource.SESSION if self._session else CredentialSource.NONE
            return Credentials(self._session.get(_EMAIL), self._session.get(_PASSWORD),
                               self._session.get(_API_KEY), source)
        if not self.keyring_available:
            return Credentials()
        try:
            email, password, api_key = (self._call(self.backend.get_password, self.service, key)
                                        for key in (_EMAIL, _PASSWORD, _API_KEY))
        except CredentialError as exc:
            if not quiet:
                raise
            log.info("keyring not used (%s); the environment provides credentials", exc.title)
            return Credentials()
        found = email or password or api_key
        return Credentials(email, password, api_key, CredentialSource.KEYRING if found else CredentialSource.NONE)

    def _require_keyring(self) -> None:
        if not self.keyring_available:
            raise NoKeyringError(
                "No keyring",
                "This computer has no password store (keyring), so Pixop Desktop cannot save your "
                "password. Choose 'this session only', or set PIXOP_EMAIL and PIXOP_PASSWORD "
                "(or PIXOP_API_KEY) in the environment.")

    def _call(self, method, *args):
        """Run one keyring call, turning its many failure types into a CredentialError."""
        try:
            return method(*args)
        except keyring.errors.PasswordDeleteError as exc:
            raise _NotStored() from exc
        except Exception as exc:  # keyring, secretstorage, jeepney and OS errors all end here
            raise _translate(exc, self.backend_name) from exc


class _NotStored(Exception):
    """Deleting an entry that was not there."""


def _translate(exc: Exception, store: str) -> CredentialError:
    kind = f"{type(exc).__module__}.{type(exc).__name__}"
    log.warning("keyring call failed: %s", kind)
    if isinstance(exc, keyring.errors.KeyringLocked) or "Locked" in type(exc).__name__:
        return KeyringLockedError(
            "Keyring is locked",
            f"The {store} is locked and could not be unlocked. Unlock it (for example by "
            "logging in to your desktop session) and try again.")
    if isinstance(exc, (keyring.errors.NoKeyringError, keyring.errors.InitError)):
        return NoKeyringError("No keyring", f"The {store} could not be opened: {exc}")
    if type(exc).__module__.split(".")[0] in ("secretstorage", "jeepney", "dbus") or isinstance(exc, OSError):
        return CredentialError(
            "Keyring not reachable",
            f"Could not talk to the {store} over D-Bus ({type(exc).__name__}). Check that a keyring "
            "service such as gnome-keyring is running in your session.")
    return CredentialError("Keyring error", f"The {store} reported an error: {type(exc).__name__}: {exc}")
