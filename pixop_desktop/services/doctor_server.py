"""The doctor's checks of what lies outside the app's folders: the keyring and the server.

The keyring check writes, reads back and deletes a throw-away secret under a service of its
own, never touching the saved credentials. The server check signs in with the credentials
the other commands would use, and compares the server's clock with ours: Pixop's sign-in
tokens carry times, so a clock that is off by minutes makes them look expired or not yet valid.
"""

from __future__ import annotations

import threading
import time
import uuid
from datetime import timezone
from email.utils import parsedate_to_datetime

from pixop_desktop.credentials import CredentialError, CredentialStore
from pixop_desktop.errors import UserFacingError

from .connection import NotSignedIn, check_credentials, choose_connection
from .doctor import Finding, Home, Status

KEYRING, SERVER = "keyring", "server"
KEYRING_TIMEOUT = 15.0  # a keyring waiting for an unlock prompt must not hold the doctor for good
MAX_SKEW = 5 * 60.0
_PROBE_SERVER = "https://doctor-check.invalid"  # the throw-away secret's own keyring service


# ----- keyring ----------------------------------------------------------------------------

def check_keyring(home: Home) -> list[Finding]:
    ctx = choose_connection(home.options.server, home.options.team, settings=home.settings)
    where = ctx.store.describe()
    probe = CredentialStore(_PROBE_SERVER, environ={})
    if not probe.keyring_available:
        from_env = not ctx.store.environment_credentials().is_empty
        return [Finding(KEYRING, Status.WARNING,
                        "This computer has no keyring, so no password can be saved. " + (
                            where if from_env else "Sign in for this session only in the app, or set "
                            "PIXOP_EMAIL and PIXOP_PASSWORD (or PIXOP_API_KEY) for the command line."))]
    try:
        _with_timeout(_round_trip, probe, what=probe.backend_name)
    except CredentialError as exc:
        return [Finding(KEYRING, Status.PROBLEM, f"{exc.title}: {exc.message} Meanwhile, sign in for this "
                                                 "session only, or set PIXOP_EMAIL and PIXOP_PASSWORD.")]
    return [Finding(KEYRING, Status.OK, f"{where} A test secret was written, read back and deleted in the "
                                        f"{probe.backend_name}.")]


def _round_trip(store: CredentialStore) -> None:
    secret = uuid.uuid4().hex
    store.save(email="doctor@pixop.invalid", password=secret)
    try:
        if store.load().password != secret:
            raise CredentialError("Keyring error", f"A secret written to the {store.backend_name} did not "
                                                   "read back the same.")
    finally:
        store.delete()


def _with_timeout(fn, *args, what: str) -> None:
    outcome: list[BaseException | None] = []

    def target() -> None:
        try:
            fn(*args)
            outcome.append(None)
        except BaseException as exc:  # handed over to the caller's thread
            outcome.append(exc)

    worker = threading.Thread(target=target, name="doctor-keyring", daemon=True)
    worker.start()
    worker.join(KEYRING_TIMEOUT)
    if not outcome:
        raise CredentialError("Keyring not answering", f"The {what} did not answer within "
                                                       f"{KEYRING_TIMEOUT:.0f} s; it may be locked and "
                                                       "waiting for a password prompt.")
    if outcome[0] is not None:
        raise outcome[0]


# ----- server -----------------------------------------------------------------------------

def check_server(home: Home) -> list[Finding]:
    if not home.options.network:
        return [Finding(SERVER, Status.OK, "Not checked (--no-network).")]
    server = home.options.server or "the server"
    try:
        ctx = choose_connection(home.options.server, home.options.team, settings=home.settings)
        server = ctx.server.url
        credentials = check_credentials(ctx.store.load(), server)
        return _ask(server, credentials, ctx.team_id)
    except NotSignedIn as exc:
        return [Finding(SERVER, Status.PROBLEM, exc.message)]
    except UserFacingError as exc:  # the client's plain errors, a bad address, a locked keyring
        return [Finding(SERVER, Status.PROBLEM, f"{server}: {exc.title}. {exc.message}")]


def _ask(server: str, credentials, team_id: str | None) -> list[Finding]:
    """Sign in with each credential there is; a failure raises the client's plain PixopError."""
    from pixop_desktop.api.answers import parse
    from pixop_desktop.api.client import PixopClient
    from pixop_desktop.api.models import TokenInfo
    from pixop_desktop.api.retry import RetryPolicy

    said, answers = [], []
    # One retry: the doctor diagnoses, it need not ride out a long outage.
    with PixopClient(server, email=credentials.email, password=credentials.password,
                     api_key=credentials.api_key, team_id=team_id,
                     retry_policy=RetryPolicy(max_retries=1, budget=40.0)) as client:
        if credentials.can_sign_in:
            response = client.send_v1("POST", "/accounts/v1/token", idempotent=True)
            info = parse(response, TokenInfo)
            said.append(f"signed in as {info.user.email or credentials.email}")
            answers.append(response)
        if credentials.api_key:
            answers.append(client.send_api("GET", "/api/v1/input-locations/s3"))
            said.append("the API key is accepted")
    findings = [Finding(SERVER, Status.OK, f"{server} answers; {' and '.join(said)}.")]
    skew = _clock_skew(answers[-1].headers.get("date")) if answers else None
    if skew is not None and abs(skew) > MAX_SKEW:
        ahead = "ahead of" if skew > 0 else "behind"
        findings.append(Finding(SERVER, Status.WARNING,
                                f"This computer's clock is {abs(skew) / 60:.0f} minutes {ahead} the server's. "
                                "Sign-ins may fail as expired; set the clock to update automatically."))
    return findings


def _clock_skew(date_header: str | None) -> float | None:
    """Our clock minus the server's, in seconds (None without a readable Date header)."""
    if not date_header:
        return None
    try:
        theirs = parsedate_to_datetime(date_header)
    except (TypeError, ValueError):
        return None
    if theirs.tzinfo is None:
        theirs = theirs.replace(tzinfo=timezone.utc)
    return time.time() - theirs.timestamp()

