"""Pages follow the API's page-number offsets; list_all walks them lazily."""

from __future__ import annotations

import pytest

from fastpix_async import AsyncFastPix
from tests._server import ScriptedServer


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
