"""PixopClient: one object per server root, shared by every worker thread.

It owns one ``httpx.Client`` (HTTP/1.1, a connection pool larger than our
worker count, no automatic redirects, TLS verification always on), the v1
session (JWT fetched with Basic auth and renewed before it expires), the
current-API session (``X-API-Key``), the retry policy (``retry.py``) and the
mapping of failures onto ``errors.py``. Resource groups hang off it::

    with PixopClient("https://api.pixop.com", email=..., password=...) as client:
        video = client.videos.create(name="Interview")
        client.media.upload(video.video_id, path)

Every request goes through ``_send``, the single place where credentials are
attached (only for the server root's origin), JWTs are renewed when refused
(401, or 403 naming a token exception; at most ``TOKEN_RENEWALS`` times a request),
and retries happen. ``send_v1``/``stream_v1``/``send_api`` expose it to the
resource groups and to transfer/ (resumable downloads, upload engine).
"""

from __future__ import annotations

import base64
import contextlib
import logging
import threading
import time
from typing import Any, Callable, Iterable, Iterator, Literal

import httpx

from . import urls
from .answers import parse
from .auth import TokenKeeper
from .errors import (AuthenticationError, PixopError, RequestContext, SessionsRefused, error_from_response,
                     error_from_transport, refused_token)
from .models import Token
from .retry import RetryPolicy, default_idempotent

log = logging.getLogger("pixop_desktop.api")

# httpcore reads a response 64 KiB per socket read, and each read crosses several
# layers; for multi-gigabyte downloads that costs a third of the throughput
# against curl (benchmarks/transfer.py). A larger read size is the knob httpcore
# offers (a class attribute, not a documented setting), so it is set once here
# and skipped quietly should a future httpcore drop it.
_READ_SIZE = 1 << 20
with contextlib.suppress(ImportError, AttributeError):
    from httpcore._sync.http11 import HTTP11Connection as _HTTP11Connection

    if isinstance(getattr(_HTTP11Connection, "READ_NUM_BYTES", None), int):
        _HTTP11Connection.READ_NUM_BYTES = max(_HTTP11Connection.READ_NUM_BYTES, _READ_SIZE)

AuthKind = Literal["bearer", "basic", "api_key", "none"]
Content = bytes | Callable[[], Iterable[bytes]] | None

USER_AGENT = "PixopDesktop/0.1"
MAX_ERROR_BODY = 64 * 1024
MAX_REDIRECTS = 5
# A token can be refused right after its renewal (revoked meanwhile: a key rotation, a race). The
# password just worked, so "sign in again" would be wrong: renew a few times, then SessionsRefused.
TOKEN_RENEWALS = 3
CONNECT_TIMEOUT = 10.0  # a server that does not even accept the connection in this long is not there
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Headers that carry secrets: never sent to another origin, even if a caller passes them.
SECRET_HEADERS = frozenset(
    {"authorization", "x-api-key", "x-pixop-api-key", "x-mimir-api-key", "cookie"}
)


class PixopClient:
    """The Pixop API, v1 (accounts/videos/media) and current (/api/v1)."""

    def __init__(
        self,
        server: str,
        *,
        email: str | None = None,
        password: str | None = None,
        api_key: str | None = None,
        team_id: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        timeout: float = 30.0,
        max_retries: int = 4,
        max_connections: int = 160,  # 8 parallel downloads x 16 ranges each, uploads and polls
        retry_policy: RetryPolicy | None = None,
    ) -> None:
        self.server = urls.normalize_server(server)
        self._email = email or None
        self._password = password or None
        self._api_key = api_key or None
        self._team_id = team_id or None
        self.sleep = sleep
        """How the client (and transfers built on it) wait between attempts; tests inject it."""
        self.retry = retry_policy or RetryPolicy(max_retries=max_retries)
        self._http = httpx.Client(
            http1=True,
            http2=False,
            timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT)),
            limits=httpx.Limits(
                max_connections=max_connections, max_keepalive_connections=max_connections
            ),
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
        )
        self._team_lock = threading.Lock()
        self._tokens = TokenKeeper(self._fetch_token)
        self._tokens.select_team(self._team_id)

        from .accounts import Accounts
        from .appraisals import Appraisals
        from .imports import Imports
        from .integrations import Integrations
        from .media import Media
        from .videos import Videos

        self.accounts = Accounts(self)
        self.videos = Videos(self)
        self.media = Media(self)
        self.imports = Imports(self)
        self.integrations = Integrations(self)
        self.appraisals = Appraisals(self)

    # --- lifecycle ------------------------------------------------------------------

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PixopClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:  # never shows credentials
        return f"PixopClient({self.server!r}, team_id={self.team_id!r})"

    # --- identity ------------------------------------------------------------------------

    @property
    def email(self) -> str | None:
        return self._email

    @property
    def has_v1_credentials(self) -> bool:
        return bool(self._email and self._password)

    @property
    def has_api_key(self) -> bool:
        return bool(self._api_key)

    @property
    def team_id(self) -> str | None:
        """The chosen team, or the team of the current token (the default team)."""
        if self._team_id:
            return self._team_id
        held = self._tokens.current
        return held.team_id if held else None

    def switch_team(self, team_id: str | None) -> Token | None:
        """Act for ``team_id`` from now on; with v1 credentials, gets a token for it.

        If Pixop refuses the team, the previous team stays selected.
        """
        with self._team_lock:
            if not self.has_v1_credentials:
                self._team_id = team_id or None
                return None
            held = self._tokens.switch(team_id or None)
            self._team_id = team_id or None
            return Token(user_id=held.user_id, team_id=held.team_id, jwt_token=held.jwt)

    def _fetch_token(self, team_id: str | None) -> tuple[str, str | None, str | None]:
        token = self.request_token(team_id)
        return token.jwt_token, token.team_id, token.user_id

    def request_token(self, team_id: str | None = None) -> Token:
        """GET /accounts/v1/token with Basic auth (does not change the session)."""
        params = {"team-id": team_id} if team_id else None
        response = self.send_v1(
            "GET", "/accounts/v1/token", params=params, auth="basic", what="the team"
        )
        return parse(response, Token)

    def current_jwt(self) -> str:
        """A valid JWT for the session (fetching or renewing one if needed)."""
        self._require("bearer")
        return self._tokens.jwt()

    # --- request primitives -------------------------------------------------------------

    def send_v1(self, method: str, url: str | httpx.URL, *, auth: AuthKind = "bearer", **kw: Any) -> httpx.Response:
        """A v1 request with JWT (or Basic) auth, renewal and retries. See ``_send``."""
        return self._send(method, url, auth=auth, **kw)

    @contextlib.contextmanager
    def stream_v1(self, method: str, url: str | httpx.URL, **kw: Any) -> Iterator[httpx.Response]:
        """Like send_v1 but the body is left unread for streaming; closed on exit."""
        response = self._send(method, url, auth=kw.pop("auth", "bearer"), stream=True, **kw)
        try:
            yield response
        finally:
            response.close()

    def server_url(self, given: object, built: str) -> str | httpx.URL:
        """Where to send a request: the URL Pixop's answer gave (``checkProgressUrl``,
        ``downloadMediaUrl``...) when usable (``urls.server_given``), else the ``built`` path."""
        url = urls.server_given(self.server, given)
        if url is None:
            if given:
                log.warning("Pixop gave a URL we cannot use; using %s instead", built)
            return built
        return url

    def is_foreign_refusal(self, target: str | httpx.URL, error: PixopError) -> bool:
        """Did a URL on another origin refuse us? It got no credentials, so the built path may
        still work (the one fallback ``send_v1_at`` and downloads make)."""
        return (not isinstance(target, str) and not urls.same_origin(target, self.server)
                and error.status_code in (401, 403))

    def send_v1_at(self, method: str, given: object, built: str, **kw: Any) -> httpx.Response:
        """A v1 request to the server's own URL ``given`` if usable, else to ``built``."""
        target = self.server_url(given, built)
        try:
            return self.send_v1(method, target, **kw)
        except PixopError as error:
            if not self.is_foreign_refusal(target, error):
                raise
            log.info("%s refused a request without credentials; using %s", urls.redact(target), built)
        return self.send_v1(method, built, **kw)

    def send_api(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        team_id: str | None = None,
        **kw: Any,
    ) -> httpx.Response:
        """A current-API request with X-API-Key; adds ``selectTeamId`` for the chosen team."""
        params = dict(params or {})
        chosen = team_id or self._team_id
        if chosen and "selectTeamId" not in params:
            params["selectTeamId"] = chosen
        return self._send(method, path, auth="api_key", params=params or None, **kw)

    def _require(self, auth: AuthKind) -> None:
        if auth in ("bearer", "basic") and not self.has_v1_credentials:
            raise AuthenticationError(
                "Sign in with your Pixop email and password in Settings → Account.",
                title="Not signed in to Pixop",
            )
        if auth == "api_key" and not self._api_key:
            raise AuthenticationError(
                "This needs a Pixop API key. Add it in Settings → Account.",
                title="No Pixop API key",
            )

    def _auth_headers(self, auth: AuthKind) -> tuple[dict[str, str], str | None]:
        """Headers for ``auth`` and the JWT used (to discard it if it was refused)."""
        if auth == "bearer":
            jwt = self._tokens.jwt()
            return {"Authorization": f"Bearer {jwt}"}, jwt
        if auth == "basic":
            pair = f"{self._email}:{self._password}".encode("utf-8")
            return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}, None
        if auth == "api_key":
            return {"X-API-Key": self._api_key or ""}, None
        return {}, None

    def _build(self, method: str, target: httpx.URL, auth: AuthKind, *, params: Any, json: Any,
               content: Content, headers: dict[str, str] | None, timeout: Any) -> tuple[httpx.Request, str | None]:
        merged = httpx.Headers(headers or {})
        jwt = None
        if urls.same_origin(target, self.server):
            extra, jwt = self._auth_headers(auth)
            merged.update(extra)
        else:
            for name in list(merged.keys()):
                if name.lower() in SECRET_HEADERS:
                    del merged[name]
        body = content() if callable(content) else content
        request = self._http.build_request(
            method, target, params=params, json=json, content=body, headers=merged,
            timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT,
        )
        return request, jwt

    def _send(
        self,
        method: str,
        url: str | httpx.URL,
        *,
        auth: AuthKind = "bearer",
        params: Any = None,
        json: Any = None,
        content: Content = None,
        headers: dict[str, str] | None = None,
        idempotent: bool | None = None,
        timeout: float | httpx.Timeout | None = None,
        stream: bool = False,
        follow_redirects: bool = False,
        what: str | None = None,
    ) -> httpx.Response:
        """The one request loop: credentials, JWT renewal, retries, error mapping.

        ``content`` may be a callable returning a fresh iterable for each
        attempt (streamed uploads). ``idempotent`` defaults to HTTP's view
        of ``method``; pass False for requests that create something.
        Returns a 2xx/304 response (body read unless ``stream``); raises a
        PixopError otherwise.
        """
        method = method.upper()
        idempotent = default_idempotent(method) if idempotent is None else idempotent
        target = urls.resolve(self.server, url)
        urls.check_transport_safe(target)
        if urls.same_origin(target, self.server):
            self._require(auth)
        ctx = RequestContext(method, urls.redact(target), auth, self._email, what)
        retries = redirects = 0
        renewals = 0
        started, budgeted = time.monotonic(), not callable(content)

        def may_retry(delay: float) -> bool:
            return retries < self.retry.max_retries and (
                not budgeted or self.retry.fits(started, delay, time.monotonic()))
        while True:
            request, jwt = self._build(method, target, auth, params=params, json=json,
                                       content=content, headers=headers, timeout=timeout)
            response: httpx.Response | None = None
            try:
                response = self._http.send(request, stream=True)
                if response.is_success or response.status_code == 304:
                    if not stream:
                        response.read()
                        response.close()
                    log.debug("%s %s → %s", method, ctx.url, response.status_code)
                    return response
                body = _read_capped(response)
            except httpx.TransportError as exc:
                if response is not None:
                    response.close()
                delay = self.retry.delay(retries)
                if self.retry.should_retry_exception(exc, idempotent=idempotent) and may_retry(delay):
                    self._wait(delay, ctx, type(exc).__name__)
                    retries += 1
                    continue
                raise error_from_transport(exc, ctx) from exc
            status = response.status_code
            location = response.headers.get("location")
            if status in _REDIRECTS and follow_redirects and location and redirects < MAX_REDIRECTS:
                target = target.join(location)
                urls.check_transport_safe(target)
                params = None  # the Location carries its own query
                redirects += 1
                continue
            if jwt and refused_token(status, body):
                if renewals == TOKEN_RENEWALS:
                    raise SessionsRefused(
                        f"Pixop refused the session {renewals + 1} times in a row although signing in worked. "
                        "Check that this computer's clock is right; queued work tries again by itself.",
                        status_code=status)
                self._tokens.discard(jwt)
                renewals += 1
                log.info("JWT refused for %s %s (HTTP %s); signing in again (%d of %d)",
                         method, ctx.url, status, renewals, TOKEN_RENEWALS)
                continue
            delay = self.retry.delay(retries, response.headers)
            if self.retry.should_retry_status(status, idempotent=idempotent) and may_retry(delay):
                self._wait(delay, ctx, f"HTTP {status}")
                retries += 1
                continue
            error = error_from_response(status, response.headers, body, ctx)
            log.info("%s %s failed: HTTP %s %s", method, ctx.url, status, error.error_code or "")
            raise error

    def _wait(self, delay: float, ctx: RequestContext, reason: str) -> None:
        log.info("Retrying %s %s in %.2f s (%s)", ctx.method, ctx.url, delay, reason)
        self.sleep(delay)


def _read_capped(response: httpx.Response) -> bytes:
    """At most MAX_ERROR_BODY bytes of an error body, then close it."""
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size >= MAX_ERROR_BODY:
                break
    except httpx.HTTPError:
        pass
    finally:
        response.close()
    return b"".join(chunks)[:MAX_ERROR_BODY]

