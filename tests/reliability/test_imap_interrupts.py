"""Giving up on ``fp.imap`` midway — a cancelled task, a cancel scope, Ctrl-C — stops its
calls and leaves no task, thread or socket behind, and the client usable.

The asyncio ways of giving up and the SIGINT of a sync script are each one surface's
own, so these tests are written once here rather than generated.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import aclosing
from urllib.parse import urlsplit

import anyio
import pytest

from fastpix_async import AsyncFastPix
from fastpix_sync import FastPix
from tests._running import still_running
from tests._server import ScriptedServer
from tests.reliability._leaks import no_leaks  # noqa: F401 - autouse guard
from tests.reliability._sockets import connections_to
from tests.reliability.test_cancellation import pool_is_whole

MEDIA_IDS = [f"m{number}" for number in range(20)]


def port_of(server: ScriptedServer) -> int:
    port = urlsplit(server.url).port
    assert port is not None
    return port


async def in_flight(server: ScriptedServer, count: int) -> None:
    while server.in_flight < count:  # noqa: ASYNC110 - the server runs on its own thread
        await asyncio.sleep(0.01)


async def assert_still_works(fp: AsyncFastPix, server: ScriptedServer) -> None:
    server.respond_data({"id": "x"})
    assert (await fp.media.get("x")).id == "x"
    assert connections_to(port_of(server)) <= fp.max_connections


async def test_cancelling_the_task_that_reads_the_outcomes(server: ScriptedServer) -> None:
    server.respond_data({"id": "x"}, delay=30, times=4)
    before = still_running()
    async with AsyncFastPix("id", "secret", base_url=server.url, max_connections=4) as fp:

        async def read_all() -> None:
            async for _ in fp.imap(fp.media.get, MEDIA_IDS):
                pass

        task = asyncio.create_task(read_all())
        await in_flight(server, 4)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert still_running() == before
        assert connections_to(port_of(server)) == 0  # the four cancelled calls closed theirs
        assert len(server.requests) == 4
        await assert_still_works(fp, server)


async def test_a_cancel_scope_around_the_loop(server: ScriptedServer) -> None:
    server.respond_data({"id": "x"}, times=2)
    server.respond_data({"id": "x"}, delay=30, times=4)
    before = still_running()
    async with AsyncFastPix("id", "secret", base_url=server.url, max_connections=4) as fp:
        handed_back = 0
        with anyio.move_on_after(0.5) as scope:
            async with aclosing(fp.imap(fp.media.get, MEDIA_IDS, concurrency=4)) as outcomes:
                async for _ in outcomes:
                    handed_back += 1
        assert scope.cancelled_caught and handed_back == 2
        assert still_running() == before
        assert len(server.requests) == 6
        await assert_still_works(fp, server)


def test_ctrl_c_while_waiting_for_outcomes(
    server: ScriptedServer, interrupt_after: Callable[[float], None]
) -> None:
    server.respond_data({"id": "x"}, delay=0.5, times=4)
    before = still_running()
    with FastPix("id", "secret", base_url=server.url, max_connections=4) as fp:
        interrupt_after(0.2)
        with pytest.raises(KeyboardInterrupt):
            for _ in fp.imap(fp.media.get, MEDIA_IDS):
                pass
        # the four calls running at Ctrl-C finished (a thread can't be interrupted), no
        # other started, and their threads are gone
        assert still_running() == before
        assert len(server.requests) == 4
        assert pool_is_whole(fp, server.url)
        server.respond_data({"id": "x"})
        assert fp.media.get("x").id == "x"
    assert connections_to(port_of(server)) == 0
