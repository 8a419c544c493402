"""``AsyncFastPix``: the client users hold. Settings, the connection pool and the resources."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterable, Mapping
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from . import _backend, _bounded
from ._checks import check_concurrency
from ._config import (
    DEFAULT_TIMEOUT,
    ClientConfig,
    check_max_connections,
    query_pairs,
    retry_policy,
    static_credentials,
)
from ._hooks import RequestHook, ResponseHook
from ._http import AsyncRequester
from ._proxy import ProxyRoutes, proxy_routes
from ._raw import ResponseCapture
from ._retry import RetryPolicy
from ._timeout import Timeout
from ._types import AsyncCredentialsProvider
from .batch import BatchProgress, Outcome
from .errors import ConfigurationError

if TYPE_CHECKING:  # each resource's module is imported on its first use, below
    from opentelemetry.trace import TracerProvider

    from .resources.dimensions import AsyncDimensionsResource
    from .resources.drm_configurations import AsyncDrmConfigurationsResource
    from .resources.live_streams import AsyncLiveStreamsResource
    from .resources.media import AsyncMediaResource
    from .resources.metrics import AsyncMetricsResource
    from .resources.playback_errors import AsyncPlaybackErrorsResource
    from .resources.playlists import AsyncPlaylistsResource
    from .resources.signing_keys import AsyncSigningKeysResource
    from .resources.views import AsyncViewsResource

__all__ = ["AsyncFastPix"]

T = TypeVar("T")
R = TypeVar("R")


class _Unset:
    """The default of ``with_options`` arguments that may be ``None``: "not given"."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()


class AsyncFastPix:
    """The FastPix API client.

    Credentials come from the arguments, else ``FASTPIX_ACCESS_TOKEN_ID`` and
    ``FASTPIX_SECRET_KEY``, else a ``credentials`` callable asked before each
    request. One client holds one connection pool: share it, and close it when
    done (``async with`` does).

    ``on_request`` and ``on_response`` are hooks, plain functions called once per
    attempt with a :class:`~fastpix_async.RequestEvent` / :class:`~fastpix_async.ResponseEvent`
    (never the Authorization header); an exception a hook raises ends the call and
    propagates as is. ``tracing=True`` makes an OpenTelemetry span per call with the
    global tracer provider (or pass a ``TracerProvider``); it needs the ``otel`` extra.

    ``timeout`` is seconds for each attempt as a whole, or a :class:`~fastpix_async.Timeout`
    with separate ``connect``, ``read`` and ``total`` limits. Requests go through the
    proxy of ``HTTPS_PROXY``/``HTTP_PROXY`` unless ``NO_PROXY`` names the host, as with
    requests and httpx (read when the client is built); ``proxy="http://[user:password@]host:port"``
    sends every request through that proxy instead, and ``trust_env=False`` ignores the
    environment's. A client given ``http_session=`` leaves proxies to that session.

    A client pickles (and copies): the copy has the same settings and credentials —
    the secret key travels with it — and a connection pool of its own, not yet opened.
    """

    def __init__(
        self,
        access_token_id: str | None = None,
        secret_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        max_connections: int = 100,
        credentials: AsyncCredentialsProvider | None = None,
        http_session: _backend.HTTPSession | None = None,
        proxy: str | None = None,
        trust_env: bool = True,
        user_agent: str | None = None,
        extra_headers: Mapping[str, str] | None = None,
        on_request: RequestHook | None = None,
        on_response: ResponseHook | None = None,
        tracing: bool | TracerProvider = False,
    ) -> None:
        config = ClientConfig.build(
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            retry=retry,
            user_agent=user_agent,
            extra_headers=extra_headers,
            transport=_backend.TRANSPORT_NAME,
            on_request=on_request,
            on_response=on_response,
            tracing=tracing,
        )
        authorization = None
        if credentials is not None:
            if access_token_id or secret_key:
                raise ConfigurationError("pass either credentials= or the key pair, not both")
            if not callable(credentials):
                raise TypeError(
                    "credentials must be a callable returning (access_token_id, secret_key)"
                )
        else:
            authorization = static_credentials(access_token_id, secret_key)
        self._connect(
            config,
            check_max_connections(max_connections),
            authorization,
            credentials,
            proxy_routes(proxy, trust_env=trust_env, session_given=http_session is not None),
            session=http_session,
        )

    def _connect(
        self,
        config: ClientConfig,
        max_connections: int,
        authorization: str | None,
        credentials: AsyncCredentialsProvider | None,
        proxies: ProxyRoutes,
        *,
        session: _backend.HTTPSession | None = None,
    ) -> None:
        transport = _backend.Transport(
            max_connections=max_connections, session=session, proxies=proxies
        )
        self._requester = AsyncRequester(
            config, transport, authorization=authorization, credentials=credentials
        )
        self._owns_transport = True

    def __reduce__(self) -> tuple[Any, ...]:
        requester = self._requester
        if not requester.transport.owns_session:
            raise TypeError(
                f"a {type(self).__name__} given http_session= can't be pickled or copied: "
                "the session can't leave its process. Build the client where it is used."
            )
        return (
            _unpickle,
            (
                type(self),
                requester.config,
                requester.transport.max_connections,
                *requester.credentials(),
                requester.transport.proxies,  # the settings: the copy reads its own environment
            ),
        )

    @classmethod
    def _sharing(cls, requester: AsyncRequester) -> AsyncFastPix:
        client = cls.__new__(cls)
        client._requester = requester
        client._owns_transport = False
        return client

    def with_options(
        self,
        *,
        timeout: float | Timeout | _Unset | None = UNSET,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        base_url: str | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        on_request: RequestHook | _Unset | None = UNSET,
        on_response: ResponseHook | _Unset | None = UNSET,
        tracing: bool | TracerProvider | _Unset = UNSET,
    ) -> AsyncFastPix:
        """A client with some settings changed that shares this one's connection pool.

        For one call: ``await fp.with_options(timeout=5).media.get(media_id)``, or with
        separate limits, ``fp.with_options(timeout=Timeout(connect=2, read=10))``.
        Closing the derived client leaves the pool open; closing this one closes both.
        The proxy is the pool's: a derived client keeps it.

        Extras reach fields and parameters the SDK doesn't know yet, on every call of
        the derived client: ``extra_headers`` are sent as headers, ``extra_query``
        appended to the query string (a list value repeats its parameter) and
        ``extra_body`` merged at the top level of JSON request bodies (calls without
        one, like GETs and DELETEs, send none). Each adds to the current client's::

            await fp.with_options(extra_body={"newField": 1}).media.create(inputs=inputs)

        ``on_request``, ``on_response`` and ``tracing`` replace this client's (``None``
        removes a hook).
        """
        current = self._requester.config
        config = attrs.evolve(  # ClientConfig checks the new settings as it is built
            current,
            timeout=current.timeout if isinstance(timeout, _Unset) else timeout,
            retry=retry_policy(retry, max_retries, default=current.retry),
            base_url=base_url or current.base_url,
            extra_headers={**dict(current.extra_headers), **(extra_headers or {})},
            extra_query=(*current.extra_query, *query_pairs(extra_query)),
            extra_body={**dict(current.extra_body), **(extra_body or {})},
            on_request=current.on_request if isinstance(on_request, _Unset) else on_request,
            on_response=current.on_response if isinstance(on_response, _Unset) else on_response,
            tracing=current.tracing if isinstance(tracing, _Unset) else tracing,
        )
        return type(self)._sharing(self._requester.derive(config))

    @property
    def base_url(self) -> str:
        """The API's URL the operations' paths are joined to, ending in ``/``."""
        return self._requester.config.base_url + "/"

    @property
    def timeout(self) -> float | Timeout | None:
        """The timeout as it was set: seconds for the whole attempt, a ``Timeout`` or ``None``."""
        return self._requester.config.timeout

    @property
    def retry(self) -> RetryPolicy:
        """How this client's calls are retried (``with_options(retry=...)`` for another)."""
        return self._requester.config.retry

    def capture_responses(self) -> ResponseCapture:
        """Record the raw response of each call this client makes inside a ``with`` block.

        Each entry is a :class:`~fastpix_async.RawResponse`: status, headers, request id,
        method, URL (nothing secret), elapsed time and attempts — one per API call, each
        page of a ``*_all`` loop included, error statuses too. Clients derived with
        :meth:`with_options` are recorded as well; other clients are not. Outside a
        capture nothing is recorded or copied::

            with fp.capture_responses() as responses:
                media = await fp.media.get(media_id)
            print(responses[-1].request_id, responses[-1].headers.get("x-ratelimit-remaining"))

        It follows the current context (``contextvars``): calls in tasks started inside
        the block are recorded; calls on other threads, like the sync client's
        ``fp.map`` workers, are not.
        """
        return ResponseCapture(self._requester.transport)

    @property
    def max_connections(self) -> int:
        """The connection pool's size, shared with clients from ``with_options``."""
        return self._requester.transport.max_connections

    @property
    def is_closed(self) -> bool:
        """Whether the client was closed (``close()``, or the end of its ``with`` block)."""
        return self._requester.transport.closed

    @cached_property
    def media(self) -> AsyncMediaResource:
        """On-demand media, with ``media.tracks`` and ``media.playback_ids``."""
        from .resources.media import AsyncMediaResource

        return AsyncMediaResource(self._requester)

    @cached_property
    def playlists(self) -> AsyncPlaylistsResource:
        """Manual and smart playlists of on-demand media."""
        from .resources.playlists import AsyncPlaylistsResource

        return AsyncPlaylistsResource(self._requester)

    @cached_property
    def drm_configurations(self) -> AsyncDrmConfigurationsResource:
        """The workspace's DRM configurations."""
        from .resources.drm_configurations import AsyncDrmConfigurationsResource

        return AsyncDrmConfigurationsResource(self._requester)

    @cached_property
    def live_streams(self) -> AsyncLiveStreamsResource:
        """Live streams, with ``live_streams.playback_ids`` and ``live_streams.simulcasts``."""
        from .resources.live_streams import AsyncLiveStreamsResource

        return AsyncLiveStreamsResource(self._requester)

    @cached_property
    def signing_keys(self) -> AsyncSigningKeysResource:
        """Keys for signing private playback tokens."""
        from .resources.signing_keys import AsyncSigningKeysResource

        return AsyncSigningKeysResource(self._requester)

    @cached_property
    def views(self) -> AsyncViewsResource:
        """Video data: views, top content and concurrent viewers."""
        from .resources.views import AsyncViewsResource

        return AsyncViewsResource(self._requester)

    @cached_property
    def dimensions(self) -> AsyncDimensionsResource:
        """Video data: the dimensions views are filtered by, and their values."""
        from .resources.dimensions import AsyncDimensionsResource

        return AsyncDimensionsResource(self._requester)

    @cached_property
    def metrics(self) -> AsyncMetricsResource:
        """Video data: metrics overall, broken down, over time and compared."""
        from .resources.metrics import AsyncMetricsResource

        return AsyncMetricsResource(self._requester)

    @cached_property
    def playback_errors(self) -> AsyncPlaybackErrorsResource:
        """Video data: the errors players met."""
        from .resources.playback_errors import AsyncPlaybackErrorsResource

        return AsyncPlaybackErrorsResource(self._requester)

    def imap(
        self,
        function: _backend.MapFunction[T, R],
        items: _backend.MapItems[T],
        *,
        concurrency: int | None = None,
        ordered: bool = False,
        progress: BatchProgress | None = None,
    ) -> AsyncGenerator[Outcome[T, R], None]:
        """Call ``function(item)`` for every item, at most ``concurrency`` at a time, and
        yield an :class:`~fastpix_async.Outcome` for each: its ``item`` and ``result``, or
        the ``exception`` the call raised. A failure never stops the others; to stop at
        one, leave the loop (``outcome.unwrap()`` raises it).

        Items are read only as calls finish, so a generator of a million IDs is never held
        in memory: at most ``concurrency`` items are in flight or waiting to be handed
        back. Outcomes come as calls finish; ``ordered=True`` keeps the input order, and
        a slow call then holds back the ones after it (and the reading of more). The
        default concurrency is the pool size, so sockets never exceed it. ``progress``
        (a :class:`~fastpix_async.BatchProgress`) counts done, failed and in-flight calls.

        Leaving the loop early starts no other call and ends the running ones (the sync
        client lets them finish: a thread can't be interrupted); ``aclosing`` has that
        done before the next line runs::

            async with aclosing(fp.imap(fp.media.get, media_ids)) as outcomes:
                async for outcome in outcomes:
                    print(outcome.item, outcome.result or outcome.exception)

        ``items`` can be any iterable, ``fp.media.list_all()`` included.
        """
        return _bounded.bounded_stream(
            function,
            items,
            concurrency=check_concurrency(concurrency, self.max_connections),
            ordered=ordered,
            progress=progress,
        )

    async def map(
        self,
        function: _backend.MapFunction[T, R],
        items: Iterable[T],
        *,
        concurrency: int | None = None,
        return_exceptions: bool = True,
        progress: BatchProgress | None = None,
    ) -> list[R | Exception]:
        """Call ``function(item)`` for every item, at most ``concurrency`` at a time, and
        return all the results as one list.

        Results come back in input order; a call that fails is returned as its exception
        in its place (``return_exceptions=False`` raises the first and cancels the rest).
        The default concurrency is the pool size, so sockets never exceed it::

            live = await fp.map(fp.live_streams.get, stream_ids, concurrency=20)

        The list holds every result until the last call ends; for batches too large to
        hold, loop over :meth:`imap` instead, which hands each outcome back as it comes.
        """
        return await _bounded.bounded_map(
            function,
            items,
            concurrency=check_concurrency(concurrency, self.max_connections),
            return_exceptions=return_exceptions,
            progress=progress,
        )

    async def close(self) -> None:
        """Close the connection pool (unless it was brought by the caller or is shared)."""
        if self._owns_transport:
            await self._requester.transport.close()

    async def __aenter__(self) -> AsyncFastPix:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        config = self._requester.config
        proxy = self._requester.transport.proxies.proxy
        return (
            f"{type(self).__name__}(base_url={self.base_url!r}, timeout={config.timeout!r}, "
            f"max_attempts={config.retry.max_attempts}, "
            + ("" if proxy is None else f"proxy={proxy.display!r}, ")  # password masked
            + f"closed={self.is_closed})"
        )


def _unpickle(
    cls: type[AsyncFastPix],
    config: ClientConfig,
    max_connections: int,
    authorization: str | None,
    credentials: AsyncCredentialsProvider | None,
    proxies: ProxyRoutes | None = None,
) -> AsyncFastPix:
    """A client from what ``__reduce__`` kept, with a fresh transport (nothing opened yet)."""
    client = cls.__new__(cls)
    client._connect(
        config, max_connections, authorization, credentials, proxies or ProxyRoutes(trust_env=True)
    )
    return client
