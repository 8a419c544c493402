"""One ``AsyncFastPix`` across event loops: one after another works, two at once is refused.

Scripts that call ``asyncio.run`` per job, Celery tasks and test suites with a loop per
test all hand one client to a succession of loops. Each loop gets a session of its own,
and the old one is closed as its loop shuts down, before the loop closes: nothing is
left unclosed (the guard checks). Event loops are the async client's alone, so these
tests are written once here; they drive their own loops, so they are plain functions.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import aiohttp
import pytest

from fastpix_async import AsyncFastPix, EventLoopError, FastPixError
from tests.reliability._leaks import no_leaks  # noqa: F401 - autouse guard
from tests.reliability._sockets import connections_to
from tests.reliability._tcp import RawServer, answer, raw_server

MEDIA_BODY = b'{"success": true, "data": {"id": "m1"}}'


@pytest.fixture
def server() -> Iterator[RawServer]:
    with raw_server(answer(MEDIA_BODY)) as running:
        yield running


def client(server: RawServer, **options: object) -> AsyncFastPix:
    return AsyncFastPix("token-id", "secret-key", base_url=server.url, **options)  # type: ignore[arg-type]


async def get_twice(fp: AsyncFastPix) -> list[str]:
    return [(await fp.media.get("m1")).id, (await fp.media.get("m1")).id]


def test_a_client_serves_one_asyncio_run_after_another(server: RawServer) -> None:
    fp = client(server)
    for run in range(1, 4):
        assert asyncio.run(get_twice(fp)) == ["m1", "m1"]
        assert server.connections == run  # one connection per loop, reused within it
        assert connections_to(server.port) == 0  # closed as its loop shut down
        assert not fp.is_closed
    asyncio.run(fp.close())
    assert fp.is_closed


def test_a_long_lived_loop_then_a_fresh_one_each_get_their_own_session(
    server: RawServer,
) -> None:
    fp = client(server)
    loop = asyncio.new_event_loop()  # what asyncio.Runner (3.11+) does, by hand
    try:
        loop.run_until_complete(get_twice(fp))
        loop.run_until_complete(get_twice(fp))  # the same loop: the same connection
        assert server.connections == 1
    finally:
        loop.run_until_complete(loop.shutdown_asyncgens())  # closes the loop's session
        loop.close()
    assert connections_to(server.port) == 0
    asyncio.run(get_twice(fp))
    assert server.connections == 2
    asyncio.run(fp.close())  # nothing open to close, from yet another loop


def test_closing_the_client_in_its_loop_finishes_everything(server: RawServer) -> None:
    async def use_and_close(fp: AsyncFastPix) -> None:
        async with fp:
            await fp.media.get("m1")
        assert connections_to(server.port) == 0

    asyncio.run(use_and_close(client(server)))


def test_two_loops_at_once_are_refused_with_what_to_do(server: RawServer) -> None:
    fp = client(server)
    other = asyncio.new_event_loop()
    thread = threading.Thread(target=other.run_forever)
    thread.start()
    try:
        # the client's first loop, still running on the other thread
        asyncio.run_coroutine_threadsafe(fp.media.get("m1"), other).result(10)
        with pytest.raises(EventLoopError, match="one client per event loop") as caught:
            asyncio.run(fp.media.get("m1"))
        assert isinstance(caught.value, FastPixError)
        assert len(server.requests) == 1  # nothing was sent from the second loop
        # the first loop keeps its client working, and closes it
        asyncio.run_coroutine_threadsafe(fp.media.get("m1"), other).result(10)
        asyncio.run_coroutine_threadsafe(fp.close(), other).result(10)
    finally:
        other.call_soon_threadsafe(other.stop)
        thread.join(10)
        other.close()
    assert fp.is_closed and connections_to(server.port) == 0


def test_a_session_from_another_loop_is_refused_with_what_to_do(server: RawServer) -> None:
    async def new_session() -> aiohttp.ClientSession:
        return aiohttp.ClientSession()

    other = asyncio.new_event_loop()
    session = other.run_until_complete(new_session())
    try:
        fp = client(server, http_session=session)
        with pytest.raises(EventLoopError, match=r"http_session .* another event loop"):
            asyncio.run(fp.media.get("m1"))
        assert server.requests == []
        asyncio.run(fp.close())  # the session is the caller's: left open
        assert not session.closed
    finally:
        other.run_until_complete(session.close())
        other.close()
