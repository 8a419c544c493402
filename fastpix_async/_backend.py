"""Everything that touches asyncio, aiohttp or anyio lives here.

The rest of ``fastpix_async`` is written against this module only, which is what
lets codegen derive ``fastpix_sync`` from it: ``fastpix_sync/_backend.py`` is the
handwritten synchronous counterpart with the same names.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import BinaryIO, TypeVar

import aiohttp
import anyio
from yarl import URL

from ._types import Response
from .errors import APIConnectionError, APITimeoutError

__all__ = [
    "TRANSPORT_NAME",
    "HTTPSession",
    "MapFunction",
    "Transport",
    "bounded_map",
    "read_at",
    "sleep",
]

T = TypeVar("T")
R = TypeVar("R")

# What the batch helpers call for each item: a coroutine function here.
MapFunction = Callable[[T], Awaitable[R]]

TRANSPORT_NAME = "aiohttp"

HTTPSession = aiohttp.ClientSession

sleep = asyncio.sleep


class Transport:
    """An aiohttp session, created on first use inside the running event loop."""

    def __init__(self, *, max_connections: int, session: aiohttp.ClientSession | None) -> None:
        self.max_connections = max_connections
        self._session = session
        self._owns_session = session is None
        self._timeouts: dict[float | None, aiohttp.ClientTimeout] = {}
        self.closed = False

    def _open(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(limit=self.max_connections, limit_per_host=0)
        self._session = aiohttp.ClientSession(connector=connector, auto_decompress=True)
        return self._session

    def _timeout(self, seconds: float | None) -> aiohttp.ClientTimeout:
        timeout = self._timeouts.get(seconds)
        if timeout is None:
            timeout = self._timeouts[seconds] = aiohttp.ClientTimeout(total=seconds)
        return timeout

    async def send(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        body: bytes | None,
        timeout: float | None,  # noqa: ASYNC109 - handed to aiohttp, per request
    ) -> Response:
        session = self._session or self._open()
        try:
            async with session.request(
                method,
                URL(url, encoded=True),
                headers=headers,
                data=body,
                timeout=self._timeout(timeout),
                allow_redirects=False,
            ) as response:
                payload = await response.read()
                return Response(response.status, response.headers, payload)
        except asyncio.TimeoutError as exc:
            raise APITimeoutError(
                f"request timed out after {timeout}s", method=method, url=url
            ) from exc
        except aiohttp.ClientError as exc:
            raise APIConnectionError(
                f"connection failed: {type(exc).__name__}: {exc}", method=method, url=url
            ) from exc

    async def close(self) -> None:
        self.closed = True
        if self._owns_session and self._session is not None:
            await self._session.close()


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


async def bounded_map(
    function: MapFunction[T, R],
    items: Iterable[T],
    *,
    concurrency: int,
    return_exceptions: bool,
) -> list[R | Exception]:
    """``function`` over ``items`` with at most ``concurrency`` calls in flight; results in order.

    A fixed set of workers pulls from one iterator, so memory stays flat however many
    items there are. With ``return_exceptions=False`` the first failure cancels the
    rest and is raised as itself.
    """
    pending = list(items)
    results: list[R | Exception] = [None] * len(pending)  # type: ignore[list-item]
    work = iter(enumerate(pending))
    failures: list[Exception] = []

    async with anyio.create_task_group() as group:

        async def worker() -> None:
            for index, item in work:
                try:
                    results[index] = await function(item)
                except Exception as exc:
                    if not return_exceptions:
                        failures.append(exc)
                        group.cancel_scope.cancel()
                        return
                    results[index] = exc

        for _ in range(min(concurrency, len(pending))):
            group.start_soon(worker)
    if failures:
        raise failures[0]
    return results
