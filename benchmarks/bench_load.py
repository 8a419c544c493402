"""Load: 10,000 requests through one client at concurrency 200, with 2% of answers a 503.

The emulator runs in its own process, so its CPU and memory stay out of the client's
figures (this process holds only the client's sockets, descriptors and heap). A
middleware there answers a seeded 2% of requests with 503 and counts every attempt,
so retries are counted at the server. Each client (``AsyncFastPix`` with ``map``,
``FastPix`` with its thread-pool ``map``) runs three rounds; meanwhile a sampler
thread counts this process's TCP sockets to the emulator's port from /proc.

Rows: failures the caller saw (target 0, within a budget of 4 retries), peak sockets
against the pool's ``max_connections``, descriptors left after ``close()``, and RSS
growth from the end of round 1 to the end of round 3 (round 1 warms the caches).
``--quick`` sends 300 requests per client.
"""

from __future__ import annotations

import asyncio
import gc
import json
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from benchmarks._common import Report, Row, cli, current_rss_mib
from tests.reliability._sockets import connections_to, open_descriptors

CONCURRENCY = 200
MAX_CONNECTIONS = 100
FAULT_RATE = 0.02
ROUNDS = 3
# Enough retries that 2% independent faults essentially never exhaust them (0.02**5).
RETRY = {"max_attempts": 5, "initial_interval": 0.05, "max_interval": 0.5}
RSS_GROWTH_TARGET_MIB = 4.0  # a 200-byte leak per request would show as ~1.3 MiB a round


# -- the emulator's process ----------------------------------------------------------------


def serve(fault_rate: float, seed: int) -> None:
    """Run the emulator with injected 503s; answer ``stats`` lines on stdin until EOF."""
    asyncio.run(_serve(fault_rate, seed))


async def _serve(fault_rate: float, seed: int) -> None:
    from aiohttp import web

    from fastpix_async.testing import FastPixEmulator

    counts = {"attempts": 0, "injected": 0}
    chance = random.Random(seed)

    @web.middleware
    async def flaky(request: web.Request, handler: Any) -> web.StreamResponse:
        counts["attempts"] += 1
        if chance.random() < fault_rate:
            counts["injected"] += 1
            error = {"code": 503, "message": "injected by bench_load"}
            return web.json_response({"success": False, "error": error}, status=503)
        response: web.StreamResponse = await handler(request)
        return response

    emulator = FastPixEmulator(processing_seconds=0)
    emulator.app.middlewares.append(flaky)
    async with emulator:
        where = {
            "base_url": emulator.base_url,
            "port": emulator.port,
            "access_token_id": emulator.access_token_id,
            "secret_key": emulator.secret_key,
        }
        print(json.dumps(where), flush=True)
        loop = asyncio.get_running_loop()
        while await loop.run_in_executor(None, sys.stdin.readline):
            emulator.reset_stats()  # its request log would grow with every round
            print(json.dumps(counts), flush=True)


@dataclass
class Emulator:
    process: subprocess.Popen[str]
    base_url: str
    port: int
    access_token_id: str
    secret_key: str

    def counts(self) -> dict[str, int]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("stats\n")
        self.process.stdin.flush()
        counts: dict[str, int] = json.loads(self.process.stdout.readline())
        return counts


@contextmanager
def emulator_process() -> Iterator[Emulator]:
    code = f"from benchmarks.bench_load import serve; serve({FAULT_RATE}, seed=7)"
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        where = json.loads(process.stdout.readline())
        yield Emulator(process, **where)
    finally:
        if process.stdin is not None:
            process.stdin.close()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


# -- measuring -----------------------------------------------------------------------------


@contextmanager
def peak_sockets(port: int) -> Iterator[list[int]]:
    """Sample this process's sockets to ``port`` until the block ends; ``[peak]``."""
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.002):
            peak[0] = max(peak[0], connections_to(port))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield peak
    finally:
        done.set()
        sampler.join()


@dataclass
class Outcome:
    requests: int = 0
    failures: int = 0
    attempts: int = 0
    injected: int = 0
    peak_sockets: int = 0
    fd_growth: int = 0
    rss_after_round: list[float] = field(default_factory=list)
    seconds: float = 0.0


def _tally(outcome: Outcome, peak: int, results: list[Any], emulator: Emulator) -> None:
    outcome.peak_sockets = max(outcome.peak_sockets, peak)
    outcome.requests += len(results)
    outcome.failures += sum(isinstance(result, Exception) for result in results)
    counts = emulator.counts()
    outcome.attempts, outcome.injected = counts["attempts"], counts["injected"]


def _rss_after_collecting() -> float:
    gc.collect()
    return current_rss_mib()


def run_async(emulator: Emulator, per_round: int) -> Outcome:
    from fastpix_async import AsyncFastPix, RetryPolicy
    from fastpix_async.models import VideoInput

    outcome = Outcome()

    async def rounds() -> None:
        async with AsyncFastPix(
            emulator.access_token_id,
            emulator.secret_key,
            base_url=emulator.base_url,
            max_connections=MAX_CONNECTIONS,
            retry=RetryPolicy(**RETRY),
        ) as fp:
            media = await fp.media.create(inputs=[VideoInput(url="https://e.com/a.mp4")])
            ids = [media.id] * per_round
            for _ in range(ROUNDS):
                with peak_sockets(emulator.port) as peak:
                    started = time.perf_counter()
                    results = await fp.map(fp.media.get, ids, concurrency=CONCURRENCY)
                    outcome.seconds += time.perf_counter() - started
                _tally(outcome, peak[0], results, emulator)
                del results  # or two rounds' models are alive at once in the next round
                outcome.rss_after_round.append(_rss_after_collecting())

    descriptors = open_descriptors()
    asyncio.run(rounds())
    gc.collect()
    outcome.fd_growth = open_descriptors() - descriptors
    return outcome


def run_sync(emulator: Emulator, per_round: int) -> Outcome:
    from fastpix_sync import FastPix, RetryPolicy
    from fastpix_sync.models import VideoInput

    outcome = Outcome()
    descriptors = open_descriptors()
    with FastPix(
        emulator.access_token_id,
        emulator.secret_key,
        base_url=emulator.base_url,
        max_connections=MAX_CONNECTIONS,
        retry=RetryPolicy(**RETRY),
    ) as fp:
        media = fp.media.create(inputs=[VideoInput(url="https://e.com/a.mp4")])
        ids = [media.id] * per_round
        for _ in range(ROUNDS):
            with peak_sockets(emulator.port) as peak:
                started = time.perf_counter()
                results = fp.map(fp.media.get, ids, concurrency=CONCURRENCY)
                outcome.seconds += time.perf_counter() - started
            _tally(outcome, peak[0], results, emulator)
            del results  # or two rounds' models are alive at once in the next round
            outcome.rss_after_round.append(_rss_after_collecting())
    gc.collect()
    outcome.fd_growth = open_descriptors() - descriptors
    return outcome


def _rows(name: str, outcome: Outcome) -> list[Row]:
    retries = outcome.attempts - outcome.requests - 1  # the create is one request too
    rss = outcome.rss_after_round
    return [
        Row(
            f"{name}: failures seen by the caller",
            outcome.failures,
            0,
            unit="",
            details=f"{outcome.requests:,} requests; {outcome.attempts:,} attempts at the "
            f"server, {outcome.injected} injected 503s, {retries} retries",
        ),
        Row(
            f"{name}: peak sockets vs pool limit",
            outcome.peak_sockets,
            MAX_CONNECTIONS,
            unit="",
            details=f"concurrency {CONCURRENCY}, max_connections {MAX_CONNECTIONS}",
        ),
        Row(f"{name}: descriptors left after close", outcome.fd_growth, 0, unit=""),
        Row(
            f"{name}: RSS growth, end of round 1 → 3",
            rss[-1] - rss[0],
            RSS_GROWTH_TARGET_MIB,
            unit=" MiB",
            details="after each round: " + ", ".join(f"{value:.1f}" for value in rss) + " MiB",
        ),
    ]


def run(quick: bool) -> Report:
    per_round = 100 if quick else 10_000 // ROUNDS + 1
    report = Report(f"Load: {CONCURRENCY} in flight, {FAULT_RATE:.0%} injected 503s")
    runners: dict[str, Callable[[Emulator, int], Outcome]] = {
        "async": run_async,
        "sync (thread pool)": run_sync,
    }
    for name, runner in runners.items():
        with emulator_process() as emulator:
            outcome = runner(emulator, per_round)
        report.rows += _rows(name, outcome)
        rate = outcome.requests / outcome.seconds if outcome.seconds else 0.0
        report.notes.append(
            f"{name}: {outcome.requests:,} requests in {outcome.seconds:.1f}s "
            f"({rate:,.0f}/s, emulator in another process)"
        )
    report.notes.append(
        f"Retry budget: {RETRY['max_attempts'] - 1} retries, backoff from "
        f"{RETRY['initial_interval']}s; sockets sampled every 2 ms from /proc."
    )
    return report


if __name__ == "__main__":
    cli(run)
