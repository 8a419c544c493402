"""The clients benchmarks compare, behind one small interface per flavour.

Every client does the same work per call: send the GET, read the body, parse the
JSON with the standard library's ``json`` and hand back the envelope's ``data``
(the raw clients as dicts, the SDKs as their models). A non-2xx status raises.
The raw clients are the floor the SDKs are measured against; their ``+ orjson``
variants parse with orjson instead, to show what the speedups extra saves by hand.

Every client bounds its waits, as any client in production must: aiohttp has a
5-minute total timeout by default; urllib3 has none, so the raw urllib3 floor is given
the SDKs' default of 30 s. (A socket without a timeout stays in blocking mode and skips
a ``poll`` before each read; that floor is also measured, for comparison.)
"""

from __future__ import annotations

import asyncio
import base64
import importlib.util
import json
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

TOKEN_ID, SECRET = "bench-token-id", "bench-secret-key"
AUTHORIZATION = "Basic " + base64.b64encode(f"{TOKEN_ID}:{SECRET}".encode()).decode()
LIST_QUERY = "limit=20&offset=1"


class AsyncClient(Protocol):
    name: str

    async def get(self, media_id: str) -> Any: ...
    async def list_page(self) -> Any: ...
    async def close(self) -> None: ...


class SyncClient(Protocol):
    name: str

    def get(self, media_id: str) -> Any: ...
    def list_page(self) -> Any: ...
    def close(self) -> None: ...


def official_installed() -> bool:
    """FastPix's official SDK (``fastpix-python``): only in benchmark environments."""
    return importlib.util.find_spec("fastpix_python") is not None


# --- async -------------------------------------------------------------------


class RawAiohttp:
    name = "raw aiohttp"
    _loads: Callable[[bytes], Any] = staticmethod(json.loads)

    def __init__(self, base_url: str, pool: int) -> None:
        import aiohttp

        self._base = base_url
        self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=pool))
        self._headers = {"Authorization": AUTHORIZATION, "Accept": "application/json"}

    async def _data(self, url: str) -> Any:
        async with self._session.get(url, headers=self._headers) as response:
            body = await response.read()
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status}")
            return self._loads(body)["data"]

    async def get(self, media_id: str) -> Any:
        return await self._data(f"{self._base}/on-demand/{media_id}")

    async def list_page(self) -> Any:
        return await self._data(f"{self._base}/on-demand?{LIST_QUERY}")

    async def close(self) -> None:
        await self._session.close()


class RawAiohttpOrjson(RawAiohttp):
    """The floor with orjson: what the speedups extra saves a user who writes it by hand."""

    name = "raw aiohttp + orjson"

    def __init__(self, base_url: str, pool: int) -> None:
        import orjson

        super().__init__(base_url, pool)
        self._loads = orjson.loads


class FastPixAsync:
    name = "fastpix_async"

    def __init__(self, base_url: str, pool: int) -> None:
        from fastpix_async import AsyncFastPix

        self.client = AsyncFastPix(TOKEN_ID, SECRET, base_url=base_url, max_connections=pool)

    async def get(self, media_id: str) -> Any:
        return await self.client.media.get(media_id)

    async def list_page(self) -> Any:
        return (await self.client.media.list(limit=20)).data

    async def close(self) -> None:
        await self.client.close()


class OfficialAsync:
    name = "fastpix-python (async)"

    def __init__(self, base_url: str, pool: int) -> None:
        import httpx
        from fastpix_python import Fastpix, models

        limits = httpx.Limits(max_connections=pool, max_keepalive_connections=pool)
        self._http = httpx.AsyncClient(limits=limits)
        self._sdk = Fastpix(
            security=models.Security(username=TOKEN_ID, password=SECRET),
            server_url=base_url,
            async_client=self._http,
        )

    async def get(self, media_id: str) -> Any:
        return (await self._sdk.manage_videos.get_media_async(media_id=media_id)).data

    async def list_page(self) -> Any:
        return (await self._sdk.manage_videos.list_media_async(limit=20, offset=1)).data

    async def close(self) -> None:
        await self._http.aclose()


def async_clients(base_url: str, pool: int, *, official: bool = True) -> list[AsyncClient]:
    """The raw floor first, then the SDKs; call inside the loop that will use them."""
    clients: list[AsyncClient] = [RawAiohttp(base_url, pool), FastPixAsync(base_url, pool)]
    if official and official_installed():
        clients.append(OfficialAsync(base_url, pool))
    return clients


async def run_concurrently(
    call: Callable[[str], Any], ids: Iterable[str], concurrency: int
) -> None:
    """``call`` over ``ids`` from ``concurrency`` workers: one harness for every client."""
    work = iter(ids)

    async def worker() -> None:
        for media_id in work:
            await call(media_id)

    await asyncio.gather(*(worker() for _ in range(concurrency)))


# --- sync --------------------------------------------------------------------


class RawUrllib3:
    name = "raw urllib3"
    _loads: Callable[[bytes], Any] = staticmethod(json.loads)

    def __init__(self, base_url: str, pool: int, timeout: float | None = 30.0) -> None:
        import urllib3

        self._base = base_url
        self._pool = urllib3.PoolManager(
            maxsize=pool, block=True, retries=False, timeout=urllib3.Timeout(timeout)
        )
        self._headers = {"Authorization": AUTHORIZATION, "Accept": "application/json"}

    def _data(self, url: str) -> Any:
        response = self._pool.request("GET", url, headers=self._headers)
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}")
        return self._loads(response.data)["data"]

    def get(self, media_id: str) -> Any:
        return self._data(f"{self._base}/on-demand/{media_id}")

    def list_page(self) -> Any:
        return self._data(f"{self._base}/on-demand?{LIST_QUERY}")

    def close(self) -> None:
        self._pool.clear()


class RawUrllib3Orjson(RawUrllib3):
    """The floor with orjson: what the speedups extra saves a user who writes it by hand."""

    name = "raw urllib3 + orjson"

    def __init__(self, base_url: str, pool: int) -> None:
        import orjson

        super().__init__(base_url, pool)
        self._loads = orjson.loads


class FastPixSync:
    name = "fastpix_sync"

    def __init__(self, base_url: str, pool: int) -> None:
        from fastpix_sync import FastPix

        self.client = FastPix(TOKEN_ID, SECRET, base_url=base_url, max_connections=pool)

    def get(self, media_id: str) -> Any:
        return self.client.media.get(media_id)

    def list_page(self) -> Any:
        return self.client.media.list(limit=20).data

    def close(self) -> None:
        self.client.close()


class OfficialSync:
    name = "fastpix-python (sync)"

    def __init__(self, base_url: str, pool: int) -> None:
        import httpx
        from fastpix_python import Fastpix, models

        limits = httpx.Limits(max_connections=pool, max_keepalive_connections=pool)
        self._http = httpx.Client(limits=limits)
        self._sdk = Fastpix(
            security=models.Security(username=TOKEN_ID, password=SECRET),
            server_url=base_url,
            client=self._http,
        )

    def get(self, media_id: str) -> Any:
        return self._sdk.manage_videos.get_media(media_id=media_id).data

    def list_page(self) -> Any:
        return self._sdk.manage_videos.list_media(limit=20, offset=1).data

    def close(self) -> None:
        self._http.close()


class RawUrllib3NoTimeout(RawUrllib3):
    name = "raw urllib3 without a timeout"

    def __init__(self, base_url: str, pool: int) -> None:
        super().__init__(base_url, pool, timeout=None)


def sync_clients(
    base_url: str, pool: int, *, official: bool = True, untimed: bool = False
) -> list[SyncClient]:
    """The raw floor first, then the SDKs (and, with ``untimed``, raw urllib3 with no timeout)."""
    clients: list[SyncClient] = [RawUrllib3(base_url, pool), FastPixSync(base_url, pool)]
    if untimed:
        clients.append(RawUrllib3NoTimeout(base_url, pool))
    if official and official_installed():
        clients.append(OfficialSync(base_url, pool))
    return clients


def run_threaded(
    executor: ThreadPoolExecutor, call: Callable[[str], Any], ids: list[str], threads: int
) -> None:
    """``call`` over ``ids`` from ``threads`` threads pulling from one shared iterator."""
    work = iter(ids)

    def worker() -> None:
        for media_id in work:  # next() on a list iterator is atomic under the GIL
            call(media_id)

    for future in [executor.submit(worker) for _ in range(threads)]:
        future.result()
