"""``fp.imap`` (issue 21): batches too large to hold, streamed with memory flat in their size.

- Memory and sockets: a batch of 50,000 IDs, then one of 200,000, each read from a
  generator, at concurrency 200 through a pool of 100 connections, in one fresh process
  (separate processes differ by a few hundred KiB, more than a flat stream grows). Peak
  RSS growth over the warmed-up client must stay under 64 MiB after each batch, and
  after the larger within 10% of after the smaller (memory is flat); the server never
  sees more connections open at once than the pool allows.
- Throughput: 10,000 IDs against the batch as ``fp.map`` ran it before it was built on
  ``imap`` (workers pulling from one iterator, results in a list), on each surface,
  interleaved; ``fp.map`` itself is measured against that too.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from typing import Any

import anyio

from benchmarks._clients import FastPixAsync, FastPixSync
from benchmarks._common import Report, Row, cli, current_rss_mib, interleaved_medians, peak_rss_mib
from benchmarks._server import MEDIA_ID, running_server

POOL = 100  # the client's max_connections (its default)
MEMORY_CONCURRENCY = 200
ASYNC_CONCURRENCY = 100
SYNC_CONCURRENCY = 32
RSS_TARGET_MIB = 64.0
FLAT_TARGET = 1.10  # the larger batch's growth over the smaller's
THROUGHPUT_TARGET = 1.10
TIMES = "\N{MULTIPLICATION SIGN}"


def _ids(count: int) -> Iterator[str]:
    return (f"{MEDIA_ID[:-6]}{i:06d}" for i in range(count))


# -- the batch as fp.map ran it before issue 21: the reference for throughput ---------------


async def map_before(
    function: Callable[[str], Awaitable[Any]], items: Iterable[str], concurrency: int
) -> list[Any]:
    pending = list(items)
    results: list[Any] = [None] * len(pending)
    work = iter(enumerate(pending))

    async def worker() -> None:
        for index, item in work:
            try:
                results[index] = await function(item)
            except Exception as exc:
                results[index] = exc

    async with anyio.create_task_group() as group:
        for _ in range(min(concurrency, len(pending))):
            group.start_soon(worker)
    return results


def map_before_sync(
    function: Callable[[str], Any], items: Iterable[str], concurrency: int
) -> list[Any]:
    pending = list(items)
    results: list[Any] = [None] * len(pending)
    work = iter(enumerate(pending))
    lock = threading.Lock()

    def worker() -> None:
        while True:
            with lock:
                taken = next(work, None)
            if taken is None:
                return
            index, item = taken
            try:
                results[index] = function(item)
            except Exception as exc:
                results[index] = exc

    threads = [threading.Thread(target=worker) for _ in range(min(concurrency, len(pending)))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


# -- memory ----------------------------------------------------------------------------------


def memory_probe(base_url: str, sizes: list[int]) -> None:
    """Run in a fresh process: a batch of each size in turn; print, for each, the peak RSS
    growth so far (MiB) and the outcomes counted."""

    async def main() -> list[dict[str, float]]:
        sdk = FastPixAsync(base_url, POOL)
        fp = sdk.client
        await fp.media.get(MEDIA_ID)  # warm: converter, models and a connection ready
        baseline = current_rss_mib()
        batches = []
        for size in sizes:
            done = failed = 0
            ids = _ids(size)
            async for outcome in fp.imap(fp.media.get, ids, concurrency=MEMORY_CONCURRENCY):
                done += 1
                failed += not outcome.ok
            batches.append({"growth": peak_rss_mib() - baseline, "done": done, "failed": failed})
        await sdk.close()
        return batches

    print(json.dumps(asyncio.run(main())))


def _probe(base_url: str, sizes: list[int]) -> list[dict[str, float]]:
    code = f"from benchmarks.bench_imap import memory_probe\nmemory_probe({base_url!r}, {sizes})"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=1800
    )
    probe: list[dict[str, float]] = json.loads(result.stdout.splitlines()[-1])
    return probe


# -- throughput ------------------------------------------------------------------------------


def _async_costs(base_url: str, count: int, repeats: int) -> dict[str, float]:
    """Seconds per ID for each way of running the batch on the async surface."""
    loop = asyncio.new_event_loop()
    sdk = FastPixAsync(base_url, POOL)
    fp, level = sdk.client, ASYNC_CONCURRENCY

    async def imap(ordered: bool) -> None:
        async for _ in fp.imap(fp.media.get, _ids(count), concurrency=level, ordered=ordered):
            pass

    batches: dict[str, Callable[[], Awaitable[object]]] = {
        "map before": lambda: map_before(fp.media.get, _ids(count), level),
        "imap": lambda: imap(ordered=False),
        "imap ordered": lambda: imap(ordered=True),
        "map": lambda: fp.map(fp.media.get, _ids(count), concurrency=level),
    }

    def timed(batch: Callable[[], Awaitable[object]]) -> Callable[[], float]:
        def measure() -> float:
            started = time.perf_counter()
            loop.run_until_complete(batch())
            return (time.perf_counter() - started) / count

        return measure

    try:
        candidates = {name: timed(batch) for name, batch in batches.items()}
        for measure in candidates.values():
            measure()  # warm up
        return interleaved_medians(candidates, repeats)
    finally:
        loop.run_until_complete(sdk.close())
        loop.close()


def _sync_costs(base_url: str, count: int, repeats: int) -> dict[str, float]:
    sdk = FastPixSync(base_url, POOL)
    fp, level = sdk.client, SYNC_CONCURRENCY

    def imap() -> None:
        for _ in fp.imap(fp.media.get, _ids(count), concurrency=level):
            pass

    batches: dict[str, Callable[[], object]] = {
        "map before": lambda: map_before_sync(fp.media.get, _ids(count), level),
        "imap": imap,
        "map": lambda: fp.map(fp.media.get, _ids(count), concurrency=level),
    }

    def timed(batch: Callable[[], object]) -> Callable[[], float]:
        def measure() -> float:
            started = time.perf_counter()
            batch()
            return (time.perf_counter() - started) / count

        return measure

    try:
        candidates = {name: timed(batch) for name, batch in batches.items()}
        for measure in candidates.values():
            measure()
        return interleaved_medians(candidates, repeats)
    finally:
        sdk.close()


def _throughput_rows(surface: str, costs: dict[str, float], level: int) -> list[Row]:
    before = costs["map before"]
    rows = []
    for name in ("imap", "map"):
        label = f"fp.{name}" + (" (unordered)" if name == "imap" else " (now built on imap)")
        rows.append(
            Row(
                f"{surface}: {label} vs fp.map before, concurrency {level}",
                costs[name] / before,
                THROUGHPUT_TARGET,
                details=f"{costs[name] * 1e6:.0f} µs vs {before * 1e6:.0f} µs per ID",
            )
        )
    return rows


def run(quick: bool) -> Report:
    small, large = (1_000, 4_000) if quick else (50_000, 200_000)
    count = 500 if quick else 10_000
    repeats = 2 if quick else 5
    report = Report(f"imap: streaming {small:,} and {large:,} IDs (issue 21)")
    with running_server() as server:
        server.stats(reset=True)
        memory = dict(zip((small, large), _probe(server.base_url, [small, large]), strict=True))
        sockets = server.stats()["peak"]
        async_costs = _async_costs(server.base_url, count, repeats)
        sync_costs = _sync_costs(server.base_url, count, repeats)
    for size, probe in memory.items():
        report.rows.append(
            Row(
                f"peak RSS growth, batch of {size:,} IDs",
                probe["growth"],
                RSS_TARGET_MIB,
                unit=" MiB",
                details=f"{int(probe['done']):,} outcomes, {int(probe['failed'])} failed; "
                f"concurrency {MEMORY_CONCURRENCY}",
            )
        )
    report.rows.append(
        Row(
            f"peak RSS growth, after {large:,} vs after {small:,} IDs",
            memory[large]["growth"] / memory[small]["growth"],
            FLAT_TARGET,
            details="flat: the batch size does not count",
        )
    )
    report.rows.append(
        Row(
            f"sockets open at once, concurrency {MEMORY_CONCURRENCY}",
            sockets,
            POOL,
            unit="",
            details=f"the pool's limit is max_connections={POOL}",
        )
    )
    report.rows += _throughput_rows("async", async_costs, ASYNC_CONCURRENCY)
    report.rows += _throughput_rows("sync", sync_costs, SYNC_CONCURRENCY)
    ordered = async_costs["imap ordered"]
    report.notes.append(
        f"async fp.imap(ordered=True): {ordered * 1e6:.0f} µs per ID "
        f"({ordered / async_costs['map before']:.2f}{TIMES} fp.map before)"
    )
    report.notes.append(
        f"throughput over {count:,} IDs, {repeats} interleaved repeats, medians; "
        "memory: both batches in turn in one fresh process, growth over its warmed-up client"
    )
    return report


if __name__ == "__main__":
    cli(run)
