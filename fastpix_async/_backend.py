"""Everything that touches asyncio, aiohttp or anyio lives here.

The rest of ``fastpix_async`` is written against this module only, which is what
lets codegen derive ``fastpix_sync`` from it: ``fastpix_sync/_backend.py`` is the
handwritten synchronous counterpart with the same names.
"""

from __future__ import annotations

import asyncio
import contextlib
import warnings
from asyncio import get_running_loop
from collections.abc import (
    AsyncGenerator,
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
)
from typing import BinaryIO, Generic, TypeVar

import aiohttp
import anyio
from yarl import URL

from . import _fork
from ._proxy import Proxy, ProxyRoutes, connection_failed
from ._timeout import TimeoutSetting, limits, timed_out_message
from ._types import Response
from .batch import Outcome
from .errors import APIConnectionError, APITimeoutError, EventLoopError

__all__ = [
    "TRANSPORT_NAME",
    "Calls",
    "HTTPSession",
    "MapFunction",
    "MapItems",
    "Transport",
    "iterate",
    "read_at",
    "sleep",
]

T = TypeVar("T")
R = TypeVar("R")

# What the batch helpers call for each item: a coroutine function here.
MapFunction = Callable[[T], Awaitable[R]]
# What they call it over: any iterable, or an async one.
MapItems = Iterable[T] | AsyncIterable[T]

TRANSPORT_NAME = "aiohttp"

HTTPSession = aiohttp.ClientSession

sleep = asyncio.sleep


class Transport:
    """An aiohttp session for the event loop that uses it, opened on first use there.

    A session's connections belong to one loop. When the client is used under a new
    loop after its old one closed (``asyncio.run`` once per job) a new session is
    opened; the old one was closed as its loop shut down (see :meth:`_closes_with_loop`).
    A loop that is still open keeps its session: using the client from another loop
    meanwhile raises :class:`EventLoopError`.
    """

    def __init__(
        self,
        *,
        max_connections: int,
        session: aiohttp.ClientSession | None,
        proxies: ProxyRoutes | None = None,
    ) -> None:
        self.max_connections = max_connections
        self.owns_session: bool = session is None
        self._session = session
        # Proxies are chosen here, per request URL, not by aiohttp's trust_env: that would
        # also send ~/.netrc credentials (clashing with our Authorization header) and
        # look both up on a worker thread for every request.
        self.proxies: ProxyRoutes = proxies or ProxyRoutes()
        # The loop the session's connections belong to. aiohttp's public `loop` property
        # is deprecated; `_loop` is what it returns.
        self._loop: asyncio.AbstractEventLoop | None = None if session is None else session._loop
        self._closer: AsyncGenerator[None, None] | None = None
        self._timeouts: dict[TimeoutSetting, aiohttp.ClientTimeout] = {}
        self.closed: bool = False
        _fork.track(self)

    async def _open(self) -> aiohttp.ClientSession:
        """A session for the running loop: the first one, or a new one after a loop change."""
        if self._session is not None:
            if not self.owns_session:
                raise EventLoopError(
                    "the http_session given to this AsyncFastPix belongs to another event "
                    "loop: create the session in the loop that uses the client"
                )
            self._leave_old_loop()
        connector = aiohttp.TCPConnector(limit=self.max_connections, limit_per_host=0)
        session = self._session = aiohttp.ClientSession(connector=connector, auto_decompress=True)
        self._loop = asyncio.get_running_loop()
        self._closer = self._closes_with_loop(session)
        await self._closer.asend(None)  # runs to its `yield`: now the loop knows it
        return session

    async def _closes_with_loop(self, session: aiohttp.ClientSession) -> AsyncGenerator[None, None]:
        """Closes ``session`` as its loop shuts down.

        The loop tracks this generator from its first step; ``asyncio.run`` (and
        ``asyncio.Runner``, ``anyio.run``…) finalize such generators before closing the
        loop (``loop.shutdown_asyncgens()``), while the session can still be closed.
        """
        try:
            yield
        finally:
            if self._session is session:  # still ours: not closed, let go of or forked away
                self._session = self._closer = None
                await session.close()

    def _leave_old_loop(self) -> None:
        """Let go of the session of a loop that has closed; refuse if it is still open."""
        assert self._loop is not None
        if not self._loop.is_closed():
            raise EventLoopError(_TWO_LOOPS)
        # Closed without asyncio.run's clean-up (a loop closed by hand): nothing can close
        # its connections any more, and aiohttp will say so.
        self._let_go()

    def _let_go(self) -> None:
        """Forget the session, and finish its closer (which then has nothing to do)."""
        self._session = None
        closer, self._closer = self._closer, None
        if closer is not None:
            with contextlib.suppress(StopIteration):  # done at once, no loop needed
                closer.aclose().send(None)

    def start_over_after_fork(self) -> object:
        """In a forked child: forget the parent's session (returned, to keep it unused)."""
        if not self.owns_session:  # the caller's session is the caller's to replace
            return None
        inherited = (self._session, self._closer)
        self._session, self._closer, self._loop = None, None, None
        return inherited

    def _timeout(self, setting: TimeoutSetting) -> aiohttp.ClientTimeout:
        timeout = self._timeouts.get(setting)
        if timeout is None:
            connect, read, total = limits(setting)
            # sock_connect, not connect: a wait for a free connection of the pool is no
            # connecting (only the total bounds it), as on the urllib3 side
            timeout = self._timeouts[setting] = aiohttp.ClientTimeout(
                total=total, sock_connect=connect, sock_read=read
            )
        return timeout

    async def send(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        body: bytes | None,
        timeout: TimeoutSetting,  # noqa: ASYNC109 - handed to aiohttp, per request
    ) -> Response:
        """Send one request and read the whole answer; network failures raise
        ``APIConnectionError`` or ``APITimeoutError``."""
        session = self._session
        if session is None or self._loop is not get_running_loop():
            session = await self._open()
        proxy = self.proxies.for_url(url)
        proxy_url = proxy_headers = None
        if proxy is not None:
            proxy_url, headers, proxy_headers = _through(proxy, url, headers)
        try:
            async with session.request(
                method,
                URL(url, encoded=True),
                headers=headers,
                data=_payload(body),
                timeout=self._timeout(timeout),
                allow_redirects=False,
                proxy=proxy_url,
                proxy_headers=proxy_headers,
            ) as response:
                payload = await response.read()
                return Response(response.status, response.headers, payload)
        except asyncio.TimeoutError as exc:
            raise APITimeoutError(
                timed_out_message(timeout, _limit_that_ran_out(exc)), method=method, url=url
            ) from exc
        except aiohttp.ClientError as exc:
            raise APIConnectionError(connection_failed(exc, proxy), method=method, url=url) from exc

    async def close(self) -> None:
        """Close the session the transport opened (a caller's session is the caller's)."""
        self.closed = True
        session = self._session
        if not self.owns_session or session is None:
            return
        if self._loop is not get_running_loop():
            self._leave_old_loop()
            return
        self._let_go()
        await session.close()


def _through(
    proxy: Proxy, url: str, headers: dict[str, str]
) -> tuple[str, dict[str, str], dict[str, str] | None]:
    """The proxy's URL, the request's headers and the CONNECT's headers for ``url``.

    The credentials go as a header, never as aiohttp's ``proxy_auth`` (which keeps
    them in the connection's key): on the request itself for plain http, which the
    proxy forwards, and on the CONNECT for https, which it tunnels.
    """
    authorization = proxy.authorization
    if authorization is None:
        return proxy.url, headers, None
    if url.startswith("https:"):
        return proxy.url, headers, {"Proxy-Authorization": authorization}
    return proxy.url, {**headers, "Proxy-Authorization": authorization}, None


def _limit_that_ran_out(exc: BaseException) -> str:
    """Which of a Timeout's limits raised ``exc``: aiohttp says connect and read apart."""
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return "connect"
    if isinstance(exc, aiohttp.SocketTimeoutError):
        return "read"
    return "total"


_TWO_LOOPS = (
    "this AsyncFastPix is in use by another event loop that is still open, and its "
    "connections can't serve two loops: use one client per event loop (per thread). "
    "Once its first loop has closed, a client moves to the next loop by itself."
)


# aiohttp warns (ResourceWarning) when a raw bytes body is over 1 MiB.
_LARGE_BODY = 2**20


def _payload(body: bytes | None) -> bytes | aiohttp.BytesPayload | None:
    """``body``, with an upload chunk over 1 MiB as one payload that aiohttp won't warn about.

    The warning is for code that builds a large body on the event loop; a chunk is read
    off the loop (``read_at``) and is meant to go to the socket in one write.
    """
    if body is None or len(body) <= _LARGE_BODY:
        return body
    with warnings.catch_warnings():  # no await inside: no other task runs meanwhile
        warnings.filterwarnings("ignore", "Sending a large body", ResourceWarning)
        return aiohttp.BytesPayload(body)


async def read_at(file: BinaryIO, offset: int, size: int) -> bytes:
    """Up to ``size`` bytes of ``file`` from ``offset``, read on a worker thread so a
    large read never blocks the event loop."""
    return await anyio.to_thread.run_sync(_read_at, file, offset, size)


def _read_at(file: BinaryIO, offset: int, size: int) -> bytes:
    file.seek(offset)
    data = file.read(size)
    while len(data) < size:  # unbuffered files may return less than asked
        more = file.read(size - len(data))
        if not more:
            break
        data += more
    return data


def iterate(items: MapItems[T]) -> AsyncIterator[T]:
    """``items`` as an async iterator, whichever kind of iterable it is."""
    if isinstance(items, AsyncIterable):
        return aiter(items)
    return _Iterating(iter(items))


class _Iterating(Generic[T]):
    """A plain iterator behind the async protocol."""

    __slots__ = ("_iterator",)

    def __init__(self, iterator: Iterator[T]) -> None:
        self._iterator = iterator

    def __aiter__(self) -> _Iterating[T]:
        return self

    async def __anext__(self) -> T:
        try:
            return next(self._iterator)
        except StopIteration:
            raise StopAsyncIteration from None


class Calls(Generic[T, R]):
    """Calls of ``function``, each in a task of its own, handed back as they finish.

    The caller bounds how many it starts (see ``_bounded.bounded_stream``).
    """

    def __init__(self, function: MapFunction[T, R], *, concurrency: int) -> None:
        del concurrency  # a task per call: only the thread pool of the sync twin is sized
        self._function = function
        self._running: set[asyncio.Task[Outcome[T, R]]] = set()
        self._finished: asyncio.Queue[asyncio.Task[Outcome[T, R]]] = asyncio.Queue()

    def start(self, index: int, item: T) -> None:
        task = asyncio.create_task(_call(self._function, index, item))
        self._running.add(task)
        task.add_done_callback(self._finished.put_nowait)

    async def next_finished(self) -> Outcome[T, R]:
        task = await self._finished.get()
        self._running.discard(task)
        return task.result()  # raises what the call raised that no outcome holds (not an Exception)

    async def stop(self) -> None:
        """Cancel the calls still running and wait until each has ended (its connection
        closed), even inside a cancelled scope."""
        for task in self._running:
            task.cancel()
        if self._running:
            with anyio.CancelScope(shield=True):
                await asyncio.wait(self._running)
            self._running.clear()


async def _call(function: MapFunction[T, R], index: int, item: T) -> Outcome[T, R]:
    try:
        return Outcome(index, item, await function(item))
    except Exception as exc:
        return Outcome(index, item, exception=exc)
