"""get_many / map: bounded, ordered, failures isolated; wait_until_ready with a fake clock."""

from __future__ import annotations

import pytest

from fastpix_async import AsyncFastPix, MediaFailedError, NotFoundError, WaitTimeoutError
from fastpix_async.models import Media, MediaStatus
from tests._server import ScriptedServer


def make_client(server: ScriptedServer, **options: object) -> AsyncFastPix:
    return AsyncFastPix("token-id", "secret-key", base_url=server.url, max_retries=0, **options)  # type: ignore[arg-type]


def not_found() -> dict[str, object]:
    return {"success": False, "error": {"code": 404, "message": "Media not found"}}


async def test_get_many_keeps_input_order_and_isolates_failures(server: ScriptedServer) -> None:
    # One worker: the server's scripted answers line up with the inputs.
    server.respond_data({"id": "a"})
    server.respond(404, not_found())
    server.respond_data({"id": "c"})
    async with make_client(server) as fp:
        results = await fp.media.get_many(["a", "b", "c"], concurrency=1)
    assert isinstance(results[0], Media) and results[0].id == "a"
    assert isinstance(results[1], NotFoundError)
    assert isinstance(results[2], Media) and results[2].id == "c"
    assert [r.path for r in server.requests] == ["/on-demand/a", "/on-demand/b", "/on-demand/c"]


async def test_get_many_can_raise_the_first_failure(server: ScriptedServer) -> None:
    server.respond(404, not_found())
    server.respond_data({"id": "b"}, times=5)
    async with make_client(server) as fp:
        with pytest.raises(NotFoundError):
            await fp.media.get_many(["a", "b", "c"], concurrency=1, return_exceptions=False)
    assert len(server.requests) == 1  # the rest were never sent


async def test_get_many_stays_within_its_concurrency(server: ScriptedServer) -> None:
    ids = [f"m{i}" for i in range(40)]
    server.respond_data({"id": "x"}, delay=0.02, times=len(ids))
    async with make_client(server) as fp:
        results = await fp.media.get_many(ids, concurrency=5)
    assert len(results) == 40 and all(isinstance(r, Media) for r in results)
    assert 1 < server.max_in_flight <= 5


async def test_get_many_defaults_to_the_pool_size(server: ScriptedServer) -> None:
    ids = [f"m{i}" for i in range(12)]
    server.respond_data({"id": "x"}, times=12, delay=0.02)
    async with make_client(server, max_connections=3) as fp:
        await fp.media.get_many(ids)
    assert server.max_in_flight <= 3


async def test_get_many_checks_every_id_before_sending(server: ScriptedServer) -> None:
    async with make_client(server) as fp:
        with pytest.raises(ValueError, match="media_id"):
            await fp.media.get_many(["a", "", "c"])
        with pytest.raises(ValueError, match="concurrency"):
            await fp.media.get_many(["a"], concurrency=0)
    assert server.requests == []


async def test_get_many_of_nothing_is_empty(server: ScriptedServer) -> None:
    async with make_client(server) as fp:
        assert await fp.media.get_many([]) == []


async def test_wait_until_ready_polls_with_backoff(
    server: ScriptedServer, sleeps: list[float]
) -> None:
    server.respond_data({"id": "m1", "status": "Created"})
    server.respond_data({"id": "m1", "status": "Processing"})
    server.respond_data({"id": "m1", "status": "Ready"})
    async with make_client(server) as fp:
        media = await fp.media.wait_until_ready("m1", poll_interval=2, timeout=60)
    assert media.status is MediaStatus.READY
    assert sleeps == [2, 3]
    assert len(server.requests) == 3


async def test_wait_until_ready_understands_lowercase_status(server: ScriptedServer) -> None:
    server.respond_data({"id": "m1", "status": "ready"})
    async with make_client(server) as fp:
        assert (await fp.media.wait_until_ready("m1")).is_ready


async def test_wait_until_ready_raises_on_failure(
    server: ScriptedServer, sleeps: list[float]
) -> None:
    server.respond_data({"id": "m1", "status": "Processing"})
    server.respond_data({"id": "m1", "status": "Failed"})
    async with make_client(server) as fp:
        with pytest.raises(MediaFailedError) as caught:
            await fp.media.wait_until_ready("m1")
    assert caught.value.media.id == "m1"
    assert caught.value.status is MediaStatus.FAILED


async def test_wait_until_ready_times_out_with_the_last_status(server: ScriptedServer) -> None:
    server.respond_data({"id": "m1", "status": "Processing"}, times=20)
    async with make_client(server) as fp:
        with pytest.raises(WaitTimeoutError) as caught:
            await fp.media.wait_until_ready("m1", timeout=0.05, poll_interval=0.01)
    assert caught.value.status is MediaStatus.PROCESSING
    assert isinstance(caught.value, TimeoutError)


async def test_map_runs_any_call_bounded_and_in_order(server: ScriptedServer) -> None:
    server.respond_data([{"id": "p"}], delay=0.02, times=9)
    server.respond(404, not_found())
    async with make_client(server, max_connections=4) as fp:
        results = await fp.map(fp.media.playback_ids.list, [f"m{i}" for i in range(10)])
    assert len(results) == 10
    assert sum(isinstance(r, NotFoundError) for r in results) == 1
    assert sum(isinstance(r, list) and r[0].id == "p" for r in results) == 9
    assert server.max_in_flight <= 4
    assert sorted(r.path for r in server.requests) == sorted(
        f"/on-demand/m{i}/playback-ids" for i in range(10)
    )
