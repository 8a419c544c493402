"""A measuring process for ``bench_requests``: one surface's clients, driven over a pipe.

``bench_requests`` starts one worker per surface (async, sync) and per variant of the SDK:
with orjson, without it (``FASTPIX_HIDE_ORJSON=1``: ``import orjson`` fails here, as if
the speedups extra were not installed), and another source tree (``--against DIR``).
It runs this file by path with ``PYTHONPATH=<tree>:<repository>``, so ``fastpix_async``
and ``fastpix_sync`` come from ``<tree>`` (the repository's own, or a baseline) while the
benchmark code always comes from the repository. Only one worker measures at a time,
so they never compete for the CPU.

Usage: ``python benchmarks/_worker.py SURFACE BASE_URL SIZES_JSON CLIENT...`` with
SURFACE ``async`` or ``sync`` and CLIENT among ``raw``, ``raw+orjson``, ``sdk``, ``official``.
Once its clients are built it prints ``ready <the tree fastpix_async came from>``, then answers each
line ``SCENARIO CLIENT`` read on stdin with one line: seconds per request over one
sample of that scenario, wall-clock then this process's CPU time (all its threads). EOF ends it.
"""

from __future__ import annotations

import os
import sys

if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]  # run by path: the benchmarks folder itself must not shadow top-level names
if os.environ.get("FASTPIX_HIDE_ORJSON") == "1":
    sys.modules["orjson"] = None  # type: ignore[assignment]  # as if not installed

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from benchmarks import _clients
from benchmarks._server import MEDIA_ID

ASYNC = {
    "raw": _clients.RawAiohttp,
    "raw+orjson": _clients.RawAiohttpOrjson,
    "sdk": _clients.FastPixAsync,
    "official": _clients.OfficialAsync,
}
SYNC = {
    "raw": _clients.RawUrllib3,
    "raw+orjson": _clients.RawUrllib3Orjson,
    "sdk": _clients.FastPixSync,
    "official": _clients.OfficialSync,
}


def media_ids(count: int) -> list[str]:
    return [f"{MEDIA_ID[:-6]}{i:06d}" for i in range(count)]


def timed(run: Callable[[], object], count: int) -> Callable[[], tuple[float, float]]:
    """A measure of ``run``: seconds per request over ``count`` requests, wall-clock and
    this process's CPU time."""

    def measure() -> tuple[float, float]:
        started, cpu = time.perf_counter(), time.process_time()
        run()
        return (time.perf_counter() - started) / count, (time.process_time() - cpu) / count

    return measure


def async_measures(
    loop: asyncio.AbstractEventLoop, client: Any, sizes: dict[str, int]
) -> dict[str, Callable[[], tuple[float, float]]]:
    async def sequential() -> None:
        for media_id in media_ids(sizes["sequential"]):
            await client.get(media_id)

    async def concurrent() -> None:
        ids = media_ids(sizes["concurrent"])
        await _clients.run_concurrently(client.get, ids, sizes["async_tasks"])

    async def pages() -> None:
        for _ in range(sizes["pages"]):
            await client.list_page()

    def on_loop(run: Callable[[], Any]) -> Callable[[], None]:
        return lambda: loop.run_until_complete(run())

    return {
        "sequential": timed(on_loop(sequential), sizes["sequential"]),
        "concurrent": timed(on_loop(concurrent), sizes["concurrent"]),
        "page": timed(on_loop(pages), sizes["pages"]),
    }


def sync_measures(
    executor: ThreadPoolExecutor, client: Any, sizes: dict[str, int]
) -> dict[str, Callable[[], tuple[float, float]]]:
    def sequential() -> None:
        for media_id in media_ids(sizes["sequential"]):
            client.get(media_id)

    def concurrent() -> None:
        ids = media_ids(sizes["concurrent"])
        _clients.run_threaded(executor, client.get, ids, sizes["threads"])

    def pages() -> None:
        for _ in range(sizes["pages"]):
            client.list_page()

    return {
        "sequential": timed(sequential, sizes["sequential"]),
        "concurrent": timed(concurrent, sizes["concurrent"]),
        "page": timed(pages, sizes["pages"]),
    }


def serve(measures: dict[str, dict[str, Callable[[], tuple[float, float]]]]) -> None:
    """Answer ``SCENARIO CLIENT`` lines with seconds per request until stdin closes."""
    for line in sys.stdin:
        scenario, client = line.split()
        wall, cpu = measures[client][scenario]()
        print(f"{wall!r} {cpu!r}", flush=True)


def main(surface: str, base_url: str, sizes: dict[str, int], names: list[str]) -> None:
    import fastpix_async

    where = os.path.dirname(os.path.dirname(os.path.abspath(fastpix_async.__file__)))
    if surface == "async":
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)

        async def build() -> dict[str, Any]:  # aiohttp sessions are made inside their loop
            return {name: ASYNC[name](base_url, sizes["async_tasks"]) for name in names}

        clients = loop.run_until_complete(build())
        print(f"ready {where}", flush=True)
        try:
            serve({name: async_measures(loop, c, sizes) for name, c in clients.items()})
        finally:
            for client in clients.values():
                loop.run_until_complete(client.close())
            loop.close()
    else:
        clients = {name: SYNC[name](base_url, sizes["threads"]) for name in names}
        print(f"ready {where}", flush=True)
        try:
            with ThreadPoolExecutor(max_workers=sizes["threads"]) as executor:
                serve({name: sync_measures(executor, c, sizes) for name, c in clients.items()})
        finally:
            for client in clients.values():
                client.close()


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):
        main(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4:])
