"""Per-request cost of the SDKs against raw aiohttp / raw urllib3 doing the same calls.

Scenarios, on both surfaces: sequential ``GET /on-demand/{id}``; many GETs at once
(100 tasks async, 16 threads sync); sequential list pages of 20 parsed into models.
Each figure is SDK seconds per request over the raw client's, from interleaved
repeats (medians) in one run against the local server of ``_server.py``.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from benchmarks._clients import (
    AsyncClient,
    SyncClient,
    async_clients,
    run_concurrently,
    run_threaded,
    sync_clients,
)
from benchmarks._common import Report, Row, cli, interleaved_medians, per_call
from benchmarks._server import GET_MEDIA, MEDIA_ID, ServerProcess, running_server

TIMES = "\N{MULTIPLICATION SIGN}"

MICRO = 1e6


@dataclass(frozen=True)
class Sizes:
    sequential: int  # requests per sample, one at a time
    concurrent: int  # requests per sample, all in flight together
    async_tasks: int
    threads: int
    pages: int  # list pages per sample
    repeats: int


FULL = Sizes(sequential=300, concurrent=2000, async_tasks=100, threads=16, pages=100, repeats=9)
QUICK = Sizes(sequential=20, concurrent=100, async_tasks=20, threads=4, pages=5, repeats=2)

# Targets from the issue: SDK per-request cost over the raw client's.
ASYNC_TARGETS = {"sequential GET": 1.2, "concurrent GETs": 1.15, "list page of 20": 1.3}
SYNC_TARGETS = {"sequential GET": 1.2, "concurrent GETs": 1.2, "list page of 20": 1.3}


def _ids(count: int) -> list[str]:
    return [f"{MEDIA_ID[:-6]}{i:06d}" for i in range(count)]


def _async_scenarios(
    client: AsyncClient, sizes: Sizes
) -> dict[str, tuple[Callable[[], Awaitable[object]], int]]:
    async def sequential() -> None:
        for media_id in _ids(sizes.sequential):
            await client.get(media_id)

    async def concurrent() -> None:
        await run_concurrently(client.get, _ids(sizes.concurrent), sizes.async_tasks)

    async def pages() -> None:
        for _ in range(sizes.pages):
            await client.list_page()

    return {
        "sequential GET": (sequential, sizes.sequential),
        "concurrent GETs": (concurrent, sizes.concurrent),
        "list page of 20": (pages, sizes.pages),
    }


def _sync_scenarios(
    client: SyncClient, sizes: Sizes, executor: ThreadPoolExecutor
) -> dict[str, tuple[Callable[[], object], int]]:
    def sequential() -> None:
        for media_id in _ids(sizes.sequential):
            client.get(media_id)

    def concurrent() -> None:
        run_threaded(executor, client.get, _ids(sizes.concurrent), sizes.threads)

    def pages() -> None:
        for _ in range(sizes.pages):
            client.list_page()

    return {
        "sequential GET": (sequential, sizes.sequential),
        "concurrent GETs": (concurrent, sizes.concurrent),
        "list page of 20": (pages, sizes.pages),
    }


def _per_request(run: Callable[[], object], count: int) -> Callable[[], float]:
    def measure() -> float:
        started = time.perf_counter()
        run()
        return (time.perf_counter() - started) / count

    return measure


def _rows(
    surface: str,
    medians: dict[str, dict[str, float]],
    raw: str,
    sdk: str,
    targets: dict[str, float],
) -> tuple[list[Row], list[str]]:
    rows, notes = [], []
    for scenario, target in targets.items():
        by_client = medians[scenario]
        floor = by_client[raw]
        rows.append(
            Row(
                f"{surface}: {scenario}",
                by_client[sdk] / floor,
                target,
                details=f"{sdk} {by_client[sdk] * MICRO:.0f} µs vs {raw} {floor * MICRO:.0f} µs",
            )
        )
        others = [
            f"{name} {seconds * MICRO:.0f} µs ({seconds / floor:.1f}{TIMES})"
            + (
                f", {sdk} {by_client[sdk] / seconds:.2f}{TIMES} this floor"
                if name.startswith("raw")
                else ""
            )
            for name, seconds in by_client.items()
            if name not in (raw, sdk)
        ]
        if others:
            notes.append(f"{surface} {scenario}, for comparison: " + "; ".join(others))
    return rows, notes


def _measure_async(server: ServerProcess, sizes: Sizes) -> dict[str, dict[str, float]]:
    loop = asyncio.new_event_loop()
    try:
        clients = loop.run_until_complete(_make_async_clients(server, sizes))
        try:
            return _interleave(
                {
                    client.name: {
                        scenario: _per_request(
                            lambda run=run: loop.run_until_complete(run()), count
                        )
                        for scenario, (run, count) in _async_scenarios(client, sizes).items()
                    }
                    for client in clients
                },
                sizes.repeats,
            )
        finally:
            for client in clients:
                loop.run_until_complete(client.close())
    finally:
        loop.close()


async def _make_async_clients(server: ServerProcess, sizes: Sizes) -> list[AsyncClient]:
    return async_clients(server.base_url, pool=sizes.async_tasks)


def _measure_sync(server: ServerProcess, sizes: Sizes) -> dict[str, dict[str, float]]:
    clients = sync_clients(server.base_url, pool=sizes.threads, untimed=True)
    try:
        with ThreadPoolExecutor(max_workers=sizes.threads) as executor:
            return _interleave(
                {
                    client.name: {
                        scenario: _per_request(run, count)
                        for scenario, (run, count) in _sync_scenarios(
                            client, sizes, executor
                        ).items()
                    }
                    for client in clients
                },
                sizes.repeats,
            )
    finally:
        for client in clients:
            client.close()


def _interleave(
    measures: dict[str, dict[str, Callable[[], float]]], repeats: int
) -> dict[str, dict[str, float]]:
    """Scenario by scenario, every client in turn per round: {scenario: {client: s/request}}."""
    scenarios = next(iter(measures.values())).keys()
    result: dict[str, dict[str, float]] = {}
    for scenario in scenarios:
        candidates = {name: by_scenario[scenario] for name, by_scenario in measures.items()}
        for measure in candidates.values():
            measure()  # warm up: pools filled, hooks built, code paths hot
        result[scenario] = interleaved_medians(candidates, repeats)
    return result


def run(quick: bool) -> Report:
    sizes = QUICK if quick else FULL
    report = Report("Requests: per-request cost against raw clients")
    with running_server() as server:
        started, server_cpu = time.perf_counter(), server.cpu_seconds()
        server.stats(reset=True)
        async_medians = _measure_async(server, sizes)
        sync_medians = _measure_sync(server, sizes)
        wall = time.perf_counter() - started
        used = server.cpu_seconds() - server_cpu
        requests = server.stats()["requests"]
    for surface, medians, raw, sdk, targets in (
        ("async", async_medians, "raw aiohttp", "fastpix_async", ASYNC_TARGETS),
        ("sync", sync_medians, "raw urllib3", "fastpix_sync", SYNC_TARGETS),
    ):
        rows, notes = _rows(surface, medians, raw, sdk, targets)
        report.rows += rows
        report.notes += notes
    report.notes.append(
        f"server: {used / wall:.0%} of one core over the run, "
        f"{used / max(requests, 1) * MICRO:.1f} µs CPU per request ({requests} requests)"
    )
    report.notes.append(
        f"async: {sizes.async_tasks} tasks in flight for the concurrent scenario; "
        f"sync: {sizes.threads} threads; {sizes.repeats} interleaved repeats, medians"
    )
    report.notes.append(_model_cost(sizes.repeats))
    return report


def _model_cost(repeats: int) -> str:
    """Where the SDK's extra time goes: parsing a media body, and reading it into ``Media``."""
    from fastpix_async import _serde
    from fastpix_async.models import Media

    body = GET_MEDIA.split(b"\r\n\r\n", 1)[1]
    rounds = 200

    def data() -> object:
        return json.loads(body)["data"]

    converter = _serde.get_converter()
    medians = interleaved_medians(
        {
            "json": per_call(lambda: json.loads(body), rounds),
            "compiled": per_call(lambda: _serde.structure(data(), Media), rounds),
            "cattrs": per_call(lambda: converter.structure(data(), Media), rounds),
        },
        repeats,
    )
    parse = medians["json"]
    return (
        f"one media body, in-process: json.loads {parse * MICRO:.1f} µs; reading it into "
        f"`Media` (25 fields, 7 nested models) {(medians['compiled'] - parse) * MICRO:.1f} µs "
        f"compiled, {(medians['cattrs'] - parse) * MICRO:.1f} µs through cattrs' detailed "
        "path (the list page pays this 20 times; the raw clients never do)"
    )


if __name__ == "__main__":
    cli(run)
