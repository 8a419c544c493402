"""Every playlist operation sends what the contract describes and reads what it returns."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fastpix_async import AsyncPage
from fastpix_async.models import (
    DateRange,
    MediaStatus,
    Playlist,
    PlaylistPlayOrder,
    PlaylistType,
    SmartPlaylistRules,
)
from tests._server import ScriptedServer

from ._contract_checks import (
    Call,
    Calls,
    generated_response_parses,
    make_client,
    not_found_raises,
    operations_under,
    rejected_before_sending,
    request_matches_and_example_parses,
)

RULES = SmartPlaylistRules(
    created_date=DateRange(start_date=date(2024, 11, 11), end_date="2024-12-12"),
    updated_date=DateRange(start_date="2024-11-11"),
)
MEDIA_IDS = ["41316aac-5396-4278-8f44-08d5f2495b12", "245800c3-7b73-47d9-a201-e961260dcb30"]

PLAYLIST_CALLS: Calls = {
    "create-a-playlist": (
        lambda fp: fp.playlists.create(
            name="December",
            reference_id="dec-2024",
            type="smart",
            description="Videos from December",
            limit=20,
            play_order="createdDate ASC",
            metadata=RULES,
        ),
        Playlist,
    ),
    "get-all-playlists": (
        lambda fp: fp.playlists.list(limit=10, offset=2),
        (AsyncPage, Playlist),
    ),
    "get-playlist-by-id": (lambda fp: fp.playlists.get("pl-1"), Playlist),
    "update-a-playlist": (
        lambda fp: fp.playlists.update("pl-1", name="Renamed", description="New words"),
        Playlist,
    ),
    "delete-a-playlist": (lambda fp: fp.playlists.delete("pl-1"), type(None)),
    "add-media-to-playlist": (
        lambda fp: fp.playlists.add_media("pl-1", media_ids=MEDIA_IDS),
        Playlist,
    ),
    "change-media-order-in-playlist": (
        lambda fp: fp.playlists.reorder_media("pl-1", media_ids=MEDIA_IDS[::-1]),
        Playlist,
    ),
    "delete-media-from-playlist": (
        lambda fp: fp.playlists.remove_media("pl-1", media_ids=MEDIA_IDS[:1]),
        Playlist,
    ),
}


def test_every_playlist_operation_is_covered() -> None:
    assert set(PLAYLIST_CALLS) == operations_under("/on-demand/playlists")
    assert len(PLAYLIST_CALLS) == 8


@pytest.mark.parametrize("operation_id", sorted(PLAYLIST_CALLS))
async def test_request_matches_the_contract_and_response_parses(
    server: ScriptedServer, operation_id: str
) -> None:
    await request_matches_and_example_parses(server, operation_id, *PLAYLIST_CALLS[operation_id])


@pytest.mark.parametrize("operation_id", sorted(PLAYLIST_CALLS))
async def test_generated_responses_parse_too(server: ScriptedServer, operation_id: str) -> None:
    await generated_response_parses(server, operation_id, *PLAYLIST_CALLS[operation_id])


@pytest.mark.parametrize("operation_id", sorted(PLAYLIST_CALLS))
async def test_error_envelope_becomes_not_found(server: ScriptedServer, operation_id: str) -> None:
    await not_found_raises(server, PLAYLIST_CALLS[operation_id][0])


async def test_smart_playlist_body_and_response(server: ScriptedServer) -> None:
    server.respond_data(
        {
            "id": "pl-1",
            "type": "smart",
            "playOrder": "createdDate DESC",
            "metadata": {"createdDate": {"startDate": "2024-11-11", "endDate": "2024-12-12"}},
            "mediaList": [{"id": "m1", "status": "Ready", "duration": "00:00:10"}],
        },
        status=201,
    )
    async with make_client(server) as fp:
        playlist = await fp.playlists.create(
            name="December",
            reference_id="dec-2024",
            type=PlaylistType.SMART,
            play_order=PlaylistPlayOrder.CREATED_DATE_DESC,
            metadata=RULES,
        )
    assert server.last.json == {
        "name": "December",
        "referenceId": "dec-2024",
        "type": "smart",
        "playOrder": "createdDate DESC",
        "metadata": {
            "createdDate": {"startDate": "2024-11-11", "endDate": "2024-12-12"},
            "updatedDate": {"startDate": "2024-11-11"},
        },
    }
    assert playlist.play_order is PlaylistPlayOrder.CREATED_DATE_DESC
    assert playlist.metadata is not None and playlist.metadata.created_date is not None
    assert playlist.metadata.created_date.end_date == "2024-12-12"
    assert playlist.media_list[0].status is MediaStatus.READY


async def test_manual_playlist_sends_no_smart_fields(server: ScriptedServer) -> None:
    server.respond_data({"id": "pl-2", "type": "manual"}, status=201)
    async with make_client(server) as fp:
        await fp.playlists.create(name="Picks", reference_id="picks", type="manual")
    assert server.last.json == {"name": "Picks", "referenceId": "picks", "type": "manual"}


async def test_media_are_sent_in_the_body_even_on_delete(server: ScriptedServer) -> None:
    server.respond_data({"id": "pl-1", "type": "manual"})
    async with make_client(server) as fp:
        await fp.playlists.remove_media("pl-1", media_ids=("m1", "m2"))
    assert server.last.method == "DELETE"
    assert server.last.json == {"mediaIds": ["m1", "m2"]}


async def test_list_all_walks_every_page(server: ScriptedServer) -> None:
    server.respond_data(
        [{"id": "a"}, {"id": "b"}],
        pagination={"totalRecords": 3, "currentOffset": 1, "offsetCount": 2},
    )
    server.respond_data(
        [{"id": "c"}], pagination={"totalRecords": 3, "currentOffset": 2, "offsetCount": 2}
    )
    async with make_client(server) as fp:
        ids = [playlist.id async for playlist in fp.playlists.list_all(limit=2)]
    assert ids == ["a", "b", "c"]
    assert [r.query for r in server.requests] == [
        [("limit", "2"), ("offset", "1")],
        [("limit", "2"), ("offset", "2")],
    ]


@pytest.mark.parametrize(
    "call, error, match",
    [
        (
            lambda fp: fp.playlists.create(name="x", reference_id="r", type="smart"),
            ValueError,
            "smart playlist needs",
        ),
        (
            lambda fp: fp.playlists.create(
                name="x", reference_id="r", type="smart", play_order="createdDate ASC", metadata={}
            ),
            TypeError,
            "SmartPlaylistRules",
        ),
        (
            lambda fp: fp.playlists.create(
                name="x", reference_id="r", type="manual", play_order="createdDate ASC"
            ),
            ValueError,
            "smart playlists only",
        ),
        (
            lambda fp: fp.playlists.create(name="x", reference_id="r", type="auto"),
            ValueError,
            "PlaylistType",
        ),
        (
            lambda fp: fp.playlists.create(
                name="x", reference_id="r", type="smart", play_order="newest", metadata=RULES
            ),
            ValueError,
            "PlaylistPlayOrder",
        ),
        (
            lambda fp: fp.playlists.create(name="", reference_id="r", type="manual"),
            ValueError,
            "name",
        ),
        (
            lambda fp: fp.playlists.create(name="x", reference_id="r", type="manual", limit=0),
            ValueError,
            "limit",
        ),
        (lambda fp: fp.playlists.list(limit=51), ValueError, "limit"),
        (lambda fp: fp.playlists.list(offset=0), ValueError, "offset"),
        (lambda fp: fp.playlists.get(""), ValueError, "playlist_id"),
        (lambda fp: fp.playlists.update("pl-1", name="x", description=""), ValueError, None),
        (lambda fp: fp.playlists.add_media("pl-1", media_ids=[]), ValueError, "media_ids"),
        (lambda fp: fp.playlists.add_media("pl-1", media_ids="m1"), TypeError, "media_ids"),
        (lambda fp: fp.playlists.remove_media("pl-1", media_ids=["m1", " "]), ValueError, None),
    ],
)
async def test_bad_arguments_are_rejected_before_sending(
    server: ScriptedServer, call: Call, error: type[Exception], match: str | None
) -> None:
    await rejected_before_sending(server, call, error, match)


async def test_unknown_playlist_type_is_kept_as_text(server: ScriptedServer) -> None:
    data: dict[str, Any] = {"id": "pl-9", "type": "Dynamic", "playOrder": "title ASC"}
    server.respond_data(data)
    async with make_client(server) as fp:
        playlist = await fp.playlists.get("pl-9")
    assert playlist.type == "Dynamic" and playlist.play_order == "title ASC"
