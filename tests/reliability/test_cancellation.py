"""Cancelling a request (or Ctrl-C in the sync client) leaves the client usable and leak-free.

The asyncio ways of giving up — ``task.cancel()``, anyio's ``move_on_after`` and
``asyncio.timeout`` — are specific to the async client, so these tests are written
once here rather than generated. The pool has one connection, so a connection that
a cancelled request failed to give back would make the next request hang or fail.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Callable

import anyio
import pytest

import fastpix_async._backend
from fastpix_async import AsyncFastPix, RetryPolicy
from fastpix_async.testing import FastPixEmulator
from fastpix_sync import FastPix
from tests.reliability._leaks import no_leaks  # noqa: F401 - autouse guard
from tests.reliability._sockets import connections_to
from tests.reliability._tcp import drip, raw_server

LIST = "/on-demand"


@pytest.fixture
async def fp(fastpix_emulator_thread: FastPixEmulator) -> AsyncIterator[AsyncFastPix]:
    emulator = fastpix_emulator_thread
    async with AsyncFastPix(
        emulator.access_token_id,
        emulator.secret_key,
        base_url=emulator.base_url,
        max_connections=1,
        retry=RetryPolicy(initial_interval=30, jitter=0),  # backoff long enough to cancel in
    ) as client:
        yield client
    assert connections_to(emulator.port) == 0


async def started(emulator: FastPixEmulator, route: str, count: int = 1) -> None:
    """Wait until the emulator (on its own thread, so no Event to await) has received
    ``count`` requests to ``route``."""
    while sum(1 for r in emulator.requests if r.route == route) < count:  # noqa: ASYNC110
        await asyncio.sleep(0.01)


def only_this_task_is_left() -> bool:
    return asyncio.all_tasks() == {asyncio.current_task()}


async def assert_still_works(fp: AsyncFastPix, emulator: FastPixEmulator) -> None:
    emulator.reset_stats()
    assert (await fp.media.list()).data == []
    assert len(emulator.requests) == 1
    assert connections_to(emulator.port) <= fp.max_connections


async def test_task_cancel_mid_request(
    fp: AsyncFastPix, fastpix_emulator_thread: FastPixEmulator
) -> None:
    emulator = fastpix_emulator_thread
    emulator.add_fault("GET", LIST, latency=30)
    task = asyncio.create_task(fp.media.list())
    await started(emulator, LIST)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert only_this_task_is_left()
    await assert_still_works(fp, emulator)


async def test_task_cancel_mid_backoff(
    fp: AsyncFastPix, fastpix_emulator_thread: FastPixEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    emulator = fastpix_emulator_thread
    in_backoff = asyncio.Event()
    real_sleep = fastpix_async._backend.sleep

    async def watched_sleep(seconds: float) -> None:
        in_backoff.set()
        await real_sleep(seconds)

    monkeypatch.setattr(fastpix_async._backend, "sleep", watched_sleep)
    emulator.add_fault("GET", LIST, status=503)
    task = asyncio.create_task(fp.media.list())
    await in_backoff.wait()  # the 503 is read; the task waits out its 30 s backoff
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert only_this_task_is_left()
    assert len(emulator.requests) == 1  # no retry went out after the cancel
    await assert_still_works(fp, emulator)


async def test_anyio_move_on_after_mid_request(
    fp: AsyncFastPix, fastpix_emulator_thread: FastPixEmulator
) -> None:
    emulator = fastpix_emulator_thread
    emulator.add_fault("GET", LIST, latency=30)
    with anyio.move_on_after(0.2) as scope:
        await fp.media.list()
    assert scope.cancelled_caught
    assert only_this_task_is_left()
    await assert_still_works(fp, emulator)


async def test_anyio_cancel_scope_around_many_requests(
    fp: AsyncFastPix, fastpix_emulator_thread: FastPixEmulator
) -> None:
    emulator = fastpix_emulator_thread
    emulator.add_fault("GET", LIST, latency=30, times=5)
    with anyio.move_on_after(0.3) as scope:
        await fp.map(lambda _: fp.media.list(), range(5))
    assert scope.cancelled_caught
    emulator.clear_faults()
    assert only_this_task_is_left()
    await assert_still_works(fp, emulator)


@pytest.mark.skipif(sys.version_info < (3, 11), reason="asyncio.timeout is new in 3.11")
async def test_asyncio_timeout_mid_request(
    fp: AsyncFastPix, fastpix_emulator_thread: FastPixEmulator
) -> None:
    emulator = fastpix_emulator_thread
    emulator.add_fault("GET", LIST, latency=30)
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.2):
            await fp.media.list()
    assert only_this_task_is_left()
    await assert_still_works(fp, emulator)


async def test_cancel_mid_body() -> None:
    with raw_server(drip(0.05)) as server:
        async with AsyncFastPix("id", "secret", base_url=server.url, max_connections=1) as fp:
            with anyio.move_on_after(0.3) as scope:
                await fp.media.get("m1")
            assert scope.cancelled_caught and server.connections == 1
            assert only_this_task_is_left()
        assert connections_to(server.port) == 0


# -- Ctrl-C in the sync client -------------------------------------------------------------


def pool_is_whole(client: FastPix, url: str) -> bool:
    """Every slot of the blocking pool is free again (a lost slot would block forever)."""
    pool = client._requester.transport._pool.connection_from_url(url)
    return pool.pool is not None and pool.pool.qsize() == client.max_connections


def test_ctrl_c_while_waiting_for_the_answer(
    fastpix_emulator_thread: FastPixEmulator, interrupt_after: Callable[[float], None]
) -> None:
    emulator = fastpix_emulator_thread
    emulator.add_fault("GET", LIST, latency=30)
    with FastPix(
        emulator.access_token_id, emulator.secret_key, base_url=emulator.base_url, max_connections=1
    ) as fp:
        interrupt_after(0.3)
        with pytest.raises(KeyboardInterrupt):
            fp.media.list()
        assert pool_is_whole(fp, emulator.base_url)
        emulator.clear_faults()
        assert fp.media.list().data == []
    assert connections_to(emulator.port) == 0


def test_ctrl_c_while_reading_the_body(interrupt_after: Callable[[float], None]) -> None:
    with raw_server(drip(0.05)) as server:
        with FastPix("id", "secret", base_url=server.url, max_connections=1) as fp:
            interrupt_after(0.3)
            with pytest.raises(KeyboardInterrupt):
                fp.media.get("m1")
            assert pool_is_whole(fp, server.url)
            assert connections_to(server.port) == 0  # the half-read connection was closed
        assert server.connections == 1
