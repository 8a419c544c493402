"""fp.imap over real sockets: items read lazily, failures carried, both orders, progress
counted, and nothing left running by a loop that ends early."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from contextlib import aclosing
from typing import Any
from urllib.parse import urlsplit

import pytest

from fastpix_async import AsyncFastPix, BatchProgress, NotFoundError, Outcome, _backend
from fastpix_async.models import Media
from tests._running import still_running
from tests._server import ScriptedServer
from tests.reliability._leaks import no_leaks  # noqa: F401 - autouse guard
from tests.reliability._sockets import connections_to, open_descriptors


def make_client(server: ScriptedServer, **options: Any) -> AsyncFastPix:
    return AsyncFastPix("token-id", "secret-key", base_url=server.url, max_retries=0, **options)


def not_found() -> dict[str, object]:
    return {"success": False, "error": {"code": 404, "message": "Media not found"}}


async def eventually(check: Any, seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.01)):
        if check():
            return
        await _backend.sleep(0.01)
    assert check()


async def test_items_are_read_only_as_outcomes_are_handed_back(server: ScriptedServer) -> None:
    server.respond_data({"id": "x"}, times=20)
    read: list[int] = []

    async def media_ids() -> AsyncIterator[str]:  # endless: only reading lazily ends the loop
        for number in itertools.count():
            read.append(number)
            yield f"m{number}"

    async with make_client(server) as fp:
        taken = 0
        async with aclosing(fp.imap(fp.media.get, media_ids(), concurrency=3)) as outcomes:
            async for outcome in outcomes:
                taken += 1
                # this outcome's slot frees when the loop asks for the next one
                assert len(read) == taken + 2
                assert isinstance(outcome.result, Media)
                if taken == 10:
                    break
    assert len(server.requests) <= 12


async def test_each_outcome_carries_its_item_and_result_or_exception(
    server: ScriptedServer,
) -> None:
    server.respond_data({"id": "a"})
    server.respond(404, not_found())
    server.respond_data({"id": "c"})
    async with make_client(server) as fp:
        outcomes = [o async for o in fp.imap(fp.media.get, ["a", "b", "c"], concurrency=1)]
    assert [(o.index, o.item, o.ok) for o in outcomes] == [
        (0, "a", True),
        (1, "b", False),
        (2, "c", True),
    ]
    assert all(isinstance(o, Outcome) for o in outcomes)
    assert isinstance(outcomes[0].result, Media) and outcomes[0].unwrap() is outcomes[0].result
    assert isinstance(outcomes[1].exception, NotFoundError) and outcomes[1].result is None
    with pytest.raises(NotFoundError):
        outcomes[1].unwrap()


@pytest.mark.parametrize("ordered", [False, True])
async def test_outcomes_come_as_calls_finish_or_in_input_order(
    server: ScriptedServer, ordered: bool
) -> None:
    server.respond_data({"id": "x"}, times=6)
    read: list[int] = []

    def media_ids() -> Any:
        for number in range(6):
            read.append(number)
            yield f"m{number}"

    async with make_client(server) as fp:

        async def get(media_id: str) -> Media:
            if media_id == "m0":
                await _backend.sleep(0.5)
            return await fp.media.get(media_id)

        items, read_by_first = [], 0
        async for outcome in fp.imap(get, media_ids(), concurrency=3, ordered=ordered):
            read_by_first = read_by_first or len(read)
            items.append(outcome.item)
    if ordered:
        assert items == [f"m{number}" for number in range(6)]
        assert read_by_first == 3  # m1 and m2 waited behind m0, and held their slots
    else:
        assert items[-1] == "m0"  # the others were read and done while it was slow
        assert sorted(items) == [f"m{number}" for number in range(6)]


async def test_progress_counts_done_failed_and_in_flight(server: ScriptedServer) -> None:
    server.respond(404, not_found())
    server.respond_data({"id": "x"}, times=4)
    updates: list[tuple[int, int | None]] = []
    progress = BatchProgress(lambda done, total: updates.append((done, total)))
    in_flight = []
    async with make_client(server) as fp:
        media_ids = [f"m{number}" for number in range(5)]
        async for _ in fp.imap(fp.media.get, media_ids, concurrency=2, progress=progress):
            in_flight.append(progress.in_flight)
    assert updates == [(done, 5) for done in range(1, 6)]
    assert (progress.done, progress.failed, progress.in_flight, progress.total) == (5, 1, 0, 5)
    assert in_flight == [1, 1, 1, 1, 0]  # the next call started; none after the last


async def test_progress_learns_the_total_of_a_generator_as_it_ends(
    server: ScriptedServer,
) -> None:
    server.respond_data({"id": "x"}, times=3)
    updates: list[tuple[int, int | None]] = []
    progress = BatchProgress(lambda done, total: updates.append((done, total)))
    async with make_client(server) as fp:
        media_ids = (f"m{number}" for number in range(3))
        async for _ in fp.imap(fp.media.get, media_ids, concurrency=1, progress=progress):
            pass
    assert updates == [(1, None), (2, None), (3, None), (3, 3)]  # the last closes a bar


async def test_get_many_and_map_count_progress_too(server: ScriptedServer) -> None:
    server.respond_data({"id": "x"}, times=4)
    fetched, mapped = BatchProgress(), BatchProgress()
    async with make_client(server) as fp:
        await fp.media.get_many(["a", "b"], progress=fetched)
        await fp.map(fp.media.get, ["c", "d"], progress=mapped)
    assert (fetched.done, fetched.total, mapped.done, mapped.total) == (2, 2, 2, 2)


async def test_leaving_the_loop_early_leaves_nothing_running(server: ScriptedServer) -> None:
    server.respond_data({"id": "x"}, delay=0.3, times=20)
    port = urlsplit(server.url).port
    assert port is not None
    before, descriptors = still_running(), open_descriptors()
    async with make_client(server, max_connections=4) as fp:
        media_ids = [f"m{number}" for number in range(20)]
        async with aclosing(fp.imap(fp.media.get, media_ids)) as outcomes:
            async for _ in outcomes:
                break  # three calls still in flight
        assert still_running() == before  # no task, no thread
        assert len(server.requests) == 4  # and no call started after the break
    assert connections_to(port) == 0
    await eventually(lambda: open_descriptors() <= descriptors)


async def test_a_loop_left_without_closing_cleans_up_too(server: ScriptedServer) -> None:
    server.respond_data({"id": "x"}, delay=0.3, times=20)
    before = still_running()
    async with make_client(server, max_connections=4) as fp:
        async for _ in fp.imap(fp.media.get, [f"m{number}" for number in range(20)]):
            break  # the abandoned stream is closed as it is collected
        await eventually(lambda: still_running() == before)
        assert len(server.requests) == 4


async def test_map_stops_at_the_first_failure_when_asked(server: ScriptedServer) -> None:
    server.respond(404, not_found())
    server.respond_data({"id": "x"}, delay=0.3, times=5)
    before = still_running()
    async with make_client(server) as fp:
        with pytest.raises(NotFoundError):
            await fp.map(fp.media.get, ["a", "b", "c"], concurrency=2, return_exceptions=False)
        assert still_running() == before
        assert "/on-demand/c" not in [r.path for r in server.requests]  # never started


class Abort(BaseException):
    """Not an Exception, so no outcome holds it."""


async def test_what_no_outcome_holds_ends_the_loop(server: ScriptedServer) -> None:
    before = still_running()

    async def abort(media_id: str) -> None:
        raise Abort(media_id)

    async with make_client(server) as fp:
        with pytest.raises(Abort):
            async for _ in fp.imap(abort, ["a", "b", "c"]):
                pass
    assert still_running() == before
