"""Playlists keep the order they are given; smart ones pick media by date."""

from __future__ import annotations

from typing import Any

import pytest

from tests.emulator._client import Api


async def manual(api: Api, **extra: Any) -> dict[str, Any]:
    body = {"name": "Mix", "referenceId": extra.pop("ref", "mix-1"), "type": "manual", **extra}
    reply = await api.post("on-demand/playlists", json=body)
    assert reply.status == 201, reply.raw
    return dict(reply.data)


def order(playlist: dict[str, Any]) -> list[str]:
    return [m["id"] for m in playlist["mediaList"]]


async def test_media_are_added_reordered_and_removed_in_order(api: Api) -> None:
    a, b, c = [(await api.create_media(title=t))["id"] for t in "abc"]
    playlist = await manual(api, description="a mix")
    assert (playlist["mediaList"], playlist["mediaCount"]) == ([], 0)
    path = f"on-demand/playlists/{playlist['id']}"
    added = await api.patch(f"{path}/media", json={"mediaIds": [b, a]})
    assert order(added.data) == [b, a]
    again = await api.patch(f"{path}/media", json={"mediaIds": [c, a]})
    assert order(again.data) == [b, a, c]  # already there: not added twice
    reordered = await api.put(f"{path}/media", json={"mediaIds": [c, b, a]})
    assert order(reordered.data) == [c, b, a]
    assert order((await api.get(path)).data) == [c, b, a]
    assert (await api.put(f"{path}/media", json={"mediaIds": [c, b]})).status == 400
    removed = await api.delete(f"{path}/media", json={"mediaIds": [b]})
    assert order(removed.data) == [c, a] and removed.data["mediaCount"] == 2
    assert (await api.delete(f"{path}/media", json={"mediaIds": [b]})).status == 404
    await api.delete(f"on-demand/{c}")  # a deleted media leaves its playlists
    assert order((await api.get(path)).data) == [a]


async def test_unknown_media_are_refused(api: Api) -> None:
    playlist = await manual(api)
    reply = await api.patch(
        f"on-demand/playlists/{playlist['id']}/media", json={"mediaIds": ["nope"]}
    )
    assert reply.status == 404
    assert (await api.patch(f"on-demand/playlists/{playlist['id']}/media", json={})).status == 422


async def test_a_manual_playlist_holds_at_most_its_limit(api: Api) -> None:
    ids = [(await api.create_media())["id"] for _ in range(3)]
    playlist = await manual(api, limit=2)
    path = f"on-demand/playlists/{playlist['id']}/media"
    assert (await api.patch(path, json={"mediaIds": ids})).status == 400
    assert (await api.patch(path, json={"mediaIds": ids[:2]})).status == 200


async def test_list_get_update_delete(api: Api) -> None:
    first = await manual(api, ref="one")
    second = await manual(api, ref="two")
    listed = await api.get("on-demand/playlists")
    assert [p["id"] for p in listed.data] == [second["id"], first["id"]]
    assert set(listed.data[0]) == {"id", "name", "type", "referenceId", "createdAt", "mediaCount"}
    path = f"on-demand/playlists/{first['id']}"
    updated = await api.put(path, json={"name": "Renamed", "description": "new"})
    assert (updated.data["name"], updated.data["description"]) == ("Renamed", "new")
    assert (await api.put(path, json={"name": "Only a name"})).status == 422
    assert (await api.delete(path)).json == {"success": True, "data": []}  # as the live API
    assert (await api.get(path)).status == 404


@pytest.mark.fastpix_emulator(shape="spec")
async def test_in_the_contracts_shape_delete_answers_no_data(api: Api) -> None:
    playlist = await manual(api, ref="spec")
    assert (await api.delete(f"on-demand/playlists/{playlist['id']}")).json == {"success": True}


@pytest.mark.parametrize(
    "body",
    [
        {"name": "x", "referenceId": "r", "type": "mixed"},
        {"name": "x", "type": "manual"},
        {"name": "x", "referenceId": "r", "type": "manual", "color": "red"},
        {
            "name": "x",
            "referenceId": "r",
            "type": "smart",
            "playOrder": "random",
            "metadata": {},
        },
    ],
)
async def test_invalid_playlists_get_422(api: Api, body: dict[str, Any]) -> None:
    assert (await api.post("on-demand/playlists", json=body)).status == 422


async def test_reference_ids_are_unique(api: Api) -> None:
    await manual(api, ref="same")
    reply = await api.post(
        "on-demand/playlists", json={"name": "y", "referenceId": "same", "type": "manual"}
    )
    assert reply.status == 409


async def test_a_smart_playlist_selects_media_by_creation_date(api: Api) -> None:
    ids = [(await api.create_media())["id"] for _ in range(3)]
    body = {
        "name": "Recent",
        "referenceId": "recent",
        "type": "smart",
        "playOrder": "createdDate ASC",
        "limit": 2,
        "metadata": {"createdDate": {"startDate": "2000-01-01", "endDate": "2999-12-31"}},
    }
    made = await api.post("on-demand/playlists", json=body)
    assert made.status == 201
    assert order(made.data) == ids[:2]
    assert made.data["playOrder"] == "createdDate ASC"
    refused = await api.patch(
        f"on-demand/playlists/{made.data['id']}/media", json={"mediaIds": ids}
    )
    assert refused.status == 400
    past = {**body, "referenceId": "old", "metadata": {"createdDate": {"endDate": "2001-01-01"}}}
    assert order((await api.post("on-demand/playlists", json=past)).data) == []
    bad = {**body, "referenceId": "bad", "metadata": {"createdDate": {"startDate": "soon"}}}
    assert (await api.post("on-demand/playlists", json=bad)).status == 422


async def test_a_smart_playlist_without_rules_holds_every_media_newest_first(api: Api) -> None:
    older, newer = await api.create_media(), await api.create_media()
    body = {"name": "All", "referenceId": "all", "type": "smart"}  # the live API allows it
    made = await api.post("on-demand/playlists", json=body)
    assert made.status == 201
    assert (made.data["playOrder"], made.data["metadata"]) == ("createdDate DESC", {})
    assert [m["id"] for m in made.data["mediaList"]] == [newer["id"], older["id"]]
