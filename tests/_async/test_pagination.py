"""Pages follow the API's page-number offsets; list_all walks them lazily."""

from __future__ import annotations

import functools
import inspect
from typing import Any

import pytest

from fastpix_async import AsyncFastPix, ResponseValidationError
from fastpix_async.models import VideoInput
from fastpix_async.testing import FastPixEmulator
from tests._server import ScriptedServer

# Every ``*_all`` iterator, with the positional arguments its list method needs.
EVERY_ITEM_METHODS: list[tuple[str, tuple[str, ...]]] = [
    ("media.list_all", ()),
    ("media.list_uploads_all", ()),
    ("media.list_clips_all", ("m1",)),
    ("media.list_live_clips_all", ("s1",)),
    ("playlists.list_all", ()),
    ("drm_configurations.list_all", ()),
    ("live_streams.list_all", ()),
    ("signing_keys.list_all", ()),
    ("views.list_all", ()),
    ("metrics.breakdown_all", ("views",)),
]


def make_client(server: ScriptedServer) -> AsyncFastPix:
    return AsyncFastPix("token-id", "secret-key", base_url=server.url, max_retries=0)


def page(ids: list[str], current: int, pages: int, total: int) -> dict[str, object]:
    return {
        "success": True,
        "data": [{"id": i} for i in ids],
        "pagination": {"totalRecords": total, "currentOffset": current, "offsetCount": pages},
    }


async def test_page_knows_its_place_and_fetches_the_next(server: ScriptedServer) -> None:
    server.respond(200, page(["a", "b"], 1, 2, 3))
    server.respond(200, page(["c"], 2, 2, 3))
    async with make_client(server) as fp:
        first = await fp.media.list(limit=2, order_by="asc")
        assert [m.id for m in first.data] == ["a", "b"]
        assert first.pagination is not None and first.pagination.total_records == 3
        assert first.has_next_page()
        second = await first.next_page()
        assert [m.id for m in second.data] == ["c"]
        assert not second.has_next_page()
        with pytest.raises(LookupError):
            await second.next_page()
    assert [r.query for r in server.requests] == [
        [("limit", "2"), ("orderBy", "asc"), ("offset", "1")],
        [("limit", "2"), ("orderBy", "asc"), ("offset", "2")],
    ]


async def test_list_all_yields_every_item_of_every_page(server: ScriptedServer) -> None:
    server.respond(200, page(["a", "b"], 1, 3, 5))
    server.respond(200, page(["c", "d"], 2, 3, 5))
    server.respond(200, page(["e"], 3, 3, 5))
    async with make_client(server) as fp:
        ids = [m.id async for m in fp.media.list_all(limit=2)]
    assert ids == ["a", "b", "c", "d", "e"]
    assert [dict(r.query)["offset"] for r in server.requests] == ["1", "2", "3"]


async def test_list_all_fetches_lazily(server: ScriptedServer) -> None:
    server.respond(200, page(["a", "b"], 1, 9, 18))
    async with make_client(server) as fp:
        async for media in fp.media.list_all(limit=2):
            assert media.id == "a"
            break
    assert len(server.requests) == 1


async def test_an_empty_page_ends_iteration_even_if_pagination_says_more(
    server: ScriptedServer,
) -> None:
    server.respond(200, page([], 1, 5, 0))
    async with make_client(server) as fp:
        items = [m async for m in fp.media.list_all()]
    assert items == [] and len(server.requests) == 1


async def test_a_page_without_pagination_is_the_last(server: ScriptedServer) -> None:
    server.respond_data([{"id": "a"}])
    async with make_client(server) as fp:
        first = await fp.media.list()
    assert first.pagination is None and not first.has_next_page() and len(first) == 1


async def test_a_page_with_bad_items_names_every_bad_one(server: ScriptedServer) -> None:
    items: list[dict[str, object]] = [{"id": i} for i in "abcde"]
    items[1]["createdAt"] = {"no": "date"}
    items[3]["createdAt"] = "yesterday"
    server.respond(200, {"success": True, "data": items})
    async with make_client(server) as fp:
        with pytest.raises(ResponseValidationError) as caught:
            await fp.media.list()
    message = str(caught.value)
    assert "$[1].created_at" in message and "$[3].created_at" in message
    assert "$[0]" not in message and "$[2]" not in message and "$[4]" not in message


async def test_other_paginated_lists_follow_pages_too(server: ScriptedServer) -> None:
    for current in (1, 2):
        server.respond(
            200,
            {
                "success": True,
                "data": [{"uploadId": f"u{current}"}],
                "pagination": {"totalRecords": 2, "currentOffset": current, "offsetCount": 2},
            },
        )
    server.respond(200, page(["c1"], 1, 1, 1))
    server.respond(200, page(["l1"], 1, 1, 1))
    async with make_client(server) as fp:
        uploads = [u.upload_id async for u in fp.media.list_uploads_all()]
        clips = [c.id async for c in fp.media.list_clips_all("m1")]
        live = [c.id async for c in fp.media.list_live_clips_all("s1")]
    assert uploads == ["u1", "u2"] and clips == ["c1"] and live == ["l1"]
    assert [r.path for r in server.requests] == [
        "/on-demand/uploads",
        "/on-demand/uploads",
        "/on-demand/m1/media-clips",
        "/on-demand/s1/live-clips",
    ]


async def test_list_all_starts_at_offset_and_fetches_only_the_pages_after_it(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    video = [VideoInput(url="https://example.com/video.mp4")]
    async with AsyncFastPix(
        emulator.access_token_id, emulator.secret_key, base_url=emulator.base_url
    ) as fp:
        created = [(await fp.media.create(inputs=video)).id for _ in range(5)]
        emulator.reset_stats()
        ids = [m.id async for m in fp.media.list_all(limit=2, offset=2, order_by="asc")]
    assert ids == created[2:]  # pages 2 and 3 of [a, b] [c, d] [e]
    assert [r.query for r in emulator.requests] == [
        [("limit", "2"), ("orderBy", "asc"), ("offset", "2")],
        [("limit", "2"), ("orderBy", "asc"), ("offset", "3")],
    ]


def resolve(client: AsyncFastPix, attribute_path: str) -> Any:
    return functools.reduce(getattr, attribute_path.split("."), client)


@pytest.mark.parametrize(("name", "args"), EVERY_ITEM_METHODS)
async def test_every_all_iterator_asks_for_pages_of_50_from_the_first_by_default(
    server: ScriptedServer, name: str, args: tuple[str, ...]
) -> None:
    server.respond(200, page([], 1, 1, 0))
    async with make_client(server) as fp:
        assert [item async for item in resolve(fp, name)(*args)] == []
    [request] = server.requests
    assert ("limit", "50") in request.query and ("offset", "1") in request.query


@pytest.mark.parametrize(("name", "args"), EVERY_ITEM_METHODS)
async def test_every_all_iterator_takes_the_arguments_of_its_list(
    server: ScriptedServer, name: str, args: tuple[str, ...]
) -> None:
    async with make_client(server) as fp:
        every = resolve(fp, name)
        list_page = resolve(fp, name.removesuffix("_all"))
    list_name = list_page.__name__
    assert every.__name__ == f"{list_name}_all"
    assert every.__qualname__ == f"{list_page.__qualname__}_all"
    assert every.__doc__.startswith(f"Every item of ``{list_name}``, page after page")
    listed = inspect.signature(list_page).parameters
    taken = inspect.signature(every).parameters
    assert list(taken) == list(listed) and "offset" in taken
    assert taken["limit"].default == 50
    assert {n: p for n, p in taken.items() if n != "limit"} == {
        n: p for n, p in listed.items() if n != "limit"
    }
