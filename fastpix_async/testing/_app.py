"""The aiohttp application: routes under ``/v1``, and the middleware every request crosses.

Outermost first: recording (and the in-flight gauge), injected faults, the error
envelope, Basic auth, then ``Idempotency-Key`` replay for POSTs. The emulator's own
control API (``/_emulator``) is neither recorded nor faulted, but needs the same auth.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hmac
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import hdrs, web

from . import (
    _routes_control,
    _routes_data,
    _routes_keys,
    _routes_live,
    _routes_media,
    _routes_playlists,
    _routes_tracks,
    _uploads,
)
from ._events import EVENTS, Events
from ._faults import FAULTS, FaultBook, deliver
from ._http import ApiError, error_response
from ._routes_control import CONTROL_PREFIX, DISPATCHER
from ._state import STATE, State
from ._webhooks import WebhookDispatcher

API_PREFIX = "/v1"
_log = logging.getLogger("fastpix_async.testing")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the emulator received it (upload chunk bodies are not kept)."""

    method: str
    path: str
    route: str  # the contract template it matched, e.g. /on-demand/{mediaId}
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: bytes
    time: float


@dataclass
class Stats:
    requests: list[RecordedRequest] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0


@dataclass
class _Stored:
    status: int
    body: bytes
    content_type: str


@dataclass
class Credentials:
    access_token_id: str
    secret_key: str


STATS: web.AppKey[Stats] = web.AppKey("fastpix_emulator_stats", Stats)
CREDENTIALS: web.AppKey[Credentials] = web.AppKey("fastpix_emulator_credentials", Credentials)


def route_template(request: web.Request) -> str:
    """The contract path a request matched (``/on-demand/{mediaId}``), else its raw path."""
    resource = request.match_info.route.resource
    template = resource.canonical if resource is not None else request.path
    return template.removeprefix(API_PREFIX)


def _is_control_route(request: web.Request) -> bool:
    return request.path.startswith(CONTROL_PREFIX + "/")


def _is_upload_route(request: web.Request) -> bool:
    return not request.path.startswith(API_PREFIX + "/") and not _is_control_route(request)


@web.middleware
async def _record(request: web.Request, handler: Handler) -> web.StreamResponse:
    if _is_control_route(request):
        return await handler(request)
    stats = request.app[STATS]
    stats.in_flight += 1
    stats.max_in_flight = max(stats.max_in_flight, stats.in_flight)
    try:
        try:
            # upload chunks can be huge: they are streamed to disk, never held here
            body = b"" if _is_upload_route(request) else await request.read()
        except web.HTTPRequestEntityTooLarge as exc:
            return error_response(413, "Payload Too Large", exc.text or "The body is too large")
        stats.requests.append(
            RecordedRequest(
                method=request.method,
                path=request.path,
                route=route_template(request),
                query=list(request.query.items()),
                headers=dict(request.headers),
                body=body,
                time=time.time(),
            )
        )
        response = await handler(request)
        if not response.prepared and not _is_upload_route(request):
            # A request id on every answer, so captures, hooks and errors show one offline.
            response.headers.setdefault("X-Request-Id", uuid.uuid4().hex)
        return response
    finally:
        stats.in_flight -= 1


@web.middleware
async def _inject_faults(request: web.Request, handler: Handler) -> web.StreamResponse:
    if _is_control_route(request):
        return await handler(request)
    fault = request.app[FAULTS].take(request.method, route_template(request))
    if fault is None:
        return await handler(request)
    if fault.latency:
        await asyncio.sleep(fault.latency)
    response = fault.synthetic_response() if fault.replaces_answer else await handler(request)
    return await deliver(request, fault, response)


@web.middleware
async def _envelope(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except ApiError as exc:
        return exc.to_response(live=request.app[STATE].shape == "live")
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        return error_response(
            exc.status, exc.reason, f"{request.method} {request.path}: {exc.reason}"
        )
    except ConnectionError:
        # the client went away mid-request: nobody reads this, but aiohttp stays quiet
        return error_response(400, "Bad Request", "The connection was lost")
    except Exception:
        _log.exception("emulator handler failed for %s %s", request.method, request.path)
        return error_response(500, "Internal Server Error", "The emulator failed unexpectedly")


def _basic_credentials(header: str) -> tuple[str, str] | None:
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        login, sep, password = (
            base64.b64decode(encoded.strip(), validate=True).decode().partition(":")
        )
    except (ValueError, binascii.Error):
        return None
    return (login, password) if sep else None


@web.middleware
async def _authenticate(request: web.Request, handler: Handler) -> web.StreamResponse:
    # the upload URL is a signed URL: its query is the credential, not Basic auth
    if _is_upload_route(request):
        return await handler(request)
    expected = request.app[CREDENTIALS]
    given = _basic_credentials(request.headers.get(hdrs.AUTHORIZATION, ""))
    valid = given is not None and (
        hmac.compare_digest(given[0].encode(), expected.access_token_id.encode())
        & hmac.compare_digest(given[1].encode(), expected.secret_key.encode())
    )
    if not valid:
        response = error_response(
            401, "Unauthorized", "Missing or invalid access token id and secret key"
        )
        response.headers[hdrs.WWW_AUTHENTICATE] = 'Basic realm="FastPix"'
        return response
    return await handler(request)


class _IdempotencyCache:
    """First answers to POSTs by ``Idempotency-Key``; a repeat gets the same answer back."""

    __middleware_version__ = 1  # what @web.middleware would mark; this is a callable object

    def __init__(self) -> None:
        self.answers: dict[tuple[str, str], _Stored] = {}
        self.locks: dict[tuple[str, str], asyncio.Lock] = {}

    async def __call__(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        key = request.headers.get("Idempotency-Key")
        if request.method != "POST" or not key or _is_upload_route(request):
            return await handler(request)
        slot = (request.path, key)
        # a repeat that arrives while the first is still running waits for its answer
        async with self.locks.setdefault(slot, asyncio.Lock()):
            stored = self.answers.get(slot)
            if stored is not None:
                return web.Response(
                    status=stored.status,
                    body=stored.body,
                    headers={hdrs.CONTENT_TYPE: stored.content_type, "Idempotent-Replayed": "true"},
                )
            try:
                response = await handler(request)
            except ApiError as exc:
                response = exc.to_response(live=request.app[STATE].shape == "live")
            body = response.body if isinstance(response, web.Response) else None
            # server errors are not remembered: a retry should get a fresh attempt
            if isinstance(body, bytes) and response.status < 500:
                content_type = response.headers.get(hdrs.CONTENT_TYPE, "application/json")
                self.answers[slot] = _Stored(response.status, body, content_type)
            return response


def build_app(
    *,
    state: State,
    faults: FaultBook,
    stats: Stats,
    credentials: Credentials,
    webhooks: WebhookDispatcher,
    events: Events,
) -> web.Application:
    app = web.Application(
        middlewares=[
            _record,
            _inject_faults,
            _envelope,
            _authenticate,
            _IdempotencyCache(),
        ]
    )
    app[STATE] = state
    app[FAULTS] = faults
    app[STATS] = stats
    app[CREDENTIALS] = credentials
    app[DISPATCHER] = webhooks
    app[EVENTS] = events
    api = (
        _uploads.routes,
        _routes_media.routes,
        _routes_tracks.routes,
        _routes_playlists.routes,
        _routes_live.routes,
        _routes_keys.routes,
        _routes_data.routes,
    )
    for table in api:
        for route in table:
            if isinstance(route, web.RouteDef):
                app.router.add_route(route.method, API_PREFIX + route.path, route.handler)
    app.router.add_routes(_uploads.upload_routes)
    app.router.add_routes(_routes_control.routes)
    return app
