"""``media.get_many`` over thousands of IDs: memory, sockets, and cost against raw aiohttp.

- Memory and sockets: 10,000 IDs at concurrency 200 through a client whose pool holds
  100 connections, in a fresh process. Peak RSS growth over the warmed-up client must
  stay under 40 MiB (the results themselves included), and the server never sees more
  connections open at once than the pool allows.
- Cost: the same 10,000 IDs at several concurrency levels, per request, against raw
  aiohttp with a semaphore and ``asyncio.gather`` (the usual hand-written batch).
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable

from benchmarks._clients import FastPixAsync, RawAiohttp
from benchmarks._common import Report, Row, cli, current_rss_mib, interleaved_medians, peak_rss_mib
from benchmarks._server import MEDIA_ID, running_server

POOL = 100  # the client's max_connections (its default)
RSS_TARGET_MIB = 40.0


def _ids(count: int) -> list[str]:
    return [f"{MEDIA_ID[:-6]}{i:06d}" for i in range(count)]


async def raw_gather(raw: RawAiohttp, ids: list[str], concurrency: int) -> list[object]:
    semaphore = asyncio.Semaphore(concurrency)

    async def one(media_id: str) -> object:
        async with semaphore:
            return await raw.get(media_id)

    return await asyncio.gather(*(one(media_id) for media_id in ids))


def memory_probe(base_url: str, count: int, concurrency: int, client: str) -> None:
    """Run in a fresh process: print peak RSS growth (MiB) and how many results came back."""

    async def main() -> None:
        if client == "sdk":
            sdk = FastPixAsync(base_url, POOL)
            await sdk.get(MEDIA_ID)  # warm: converter, models and a connection ready
            baseline = current_rss_mib()
            results = await sdk.client.media.get_many(_ids(count), concurrency=concurrency)
            failures = sum(isinstance(result, Exception) for result in results)
            await sdk.close()
        else:
            raw = RawAiohttp(base_url, POOL)
            await raw.get(MEDIA_ID)
            baseline = current_rss_mib()
            results = await raw_gather(raw, _ids(count), concurrency)
            failures = 0
            await raw.close()
        growth = peak_rss_mib() - baseline
        print(json.dumps({"growth": growth, "results": len(results), "failures": failures}))

    asyncio.run(main())


def _probe(base_url: str, count: int, concurrency: int, client: str) -> dict[str, float]:
    code = (
        "from benchmarks.bench_get_many import memory_probe\n"
        f"memory_probe({base_url!r}, {count}, {concurrency}, {client!r})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=600
    )
    probe: dict[str, float] = json.loads(result.stdout.splitlines()[-1])
    return probe


def _cost(
    base_url: str, count: int, levels: list[int], repeats: int
) -> dict[int, dict[str, float]]:
    """Seconds per request at each concurrency level: {level: {candidate: s}}."""
    loop = asyncio.new_event_loop()

    async def make() -> tuple[RawAiohttp, FastPixAsync]:
        return RawAiohttp(base_url, POOL), FastPixAsync(base_url, POOL)

    raw, sdk = loop.run_until_complete(make())
    ids = _ids(count)

    def timed(batch: Callable[[], Awaitable[object]]) -> Callable[[], float]:
        def measure() -> float:
            started = time.perf_counter()
            loop.run_until_complete(batch())
            return (time.perf_counter() - started) / count

        return measure

    try:
        result = {}
        for level in levels:

            def by_hand(level: int = level) -> Awaitable[object]:
                return raw_gather(raw, ids, level)

            def batched(level: int = level) -> Awaitable[object]:
                return sdk.client.media.get_many(ids, concurrency=level)

            candidates = {"raw aiohttp + semaphore": timed(by_hand), "get_many": timed(batched)}
            for measure in candidates.values():
                measure()  # warm up
            result[level] = interleaved_medians(candidates, repeats)
        return result
    finally:
        loop.run_until_complete(raw.close())
        loop.run_until_complete(sdk.close())
        loop.close()


def run(quick: bool) -> Report:
    count = 500 if quick else 10_000
    levels = [50, 200] if quick else [10, 50, 100, 200]
    repeats = 2 if quick else 5
    report = Report(f"get_many over {count:,} IDs")
    with running_server() as server:
        server.stats(reset=True)
        sdk_memory = _probe(server.base_url, count, 200, "sdk")
        sockets = server.stats()["peak"]
        raw_memory = _probe(server.base_url, count, 200, "raw")
        costs = _cost(server.base_url, count, levels, repeats)
    report.rows.append(
        Row(
            "peak RSS growth, concurrency 200",
            sdk_memory["growth"],
            RSS_TARGET_MIB,
            unit=" MiB",
            details=f"{int(sdk_memory['results']):,} results, {int(sdk_memory['failures'])} "
            f"failed; raw aiohttp + gather holding dicts: {raw_memory['growth']:.1f} MiB",
        )
    )
    report.rows.append(
        Row(
            "sockets open at once, concurrency 200",
            sockets,
            POOL,
            unit="",
            details=f"the pool's limit is max_connections={POOL}",
        )
    )
    for level, medians in costs.items():
        raw_cost, sdk_cost = medians["raw aiohttp + semaphore"], medians["get_many"]
        report.rows.append(
            Row(
                f"get_many, concurrency {level}",
                sdk_cost / raw_cost,
                1.15,
                details=f"{sdk_cost * 1e6:.0f} µs vs raw aiohttp + semaphore "
                f"{raw_cost * 1e6:.0f} µs per request",
            )
        )
    report.notes.append(
        f"{repeats} interleaved repeats, medians; memory measured in a fresh process per client"
    )
    return report


if __name__ == "__main__":
    cli(run)
