"""Auth, the envelope, pagination, error statuses and Idempotency-Key replay."""

from __future__ import annotations

import asyncio

import pytest

from fastpix_async.testing import FastPixEmulator
from tests.emulator._client import Api, basic_auth


async def test_base_url_and_generated_credentials(emu: FastPixEmulator) -> None:
    assert emu.base_url == f"http://127.0.0.1:{emu.port}/v1/"
    assert emu.access_token_id and emu.secret_key
    other = FastPixEmulator()
    assert (other.access_token_id, other.secret_key) != (emu.access_token_id, emu.secret_key)


async def test_given_credentials_are_used() -> None:
    async with FastPixEmulator(access_token_id="tok", secret_key="sec", processing_seconds=0) as e:
        assert (e.access_token_id, e.secret_key) == ("tok", "sec")


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer abc", "Basic !!!", basic_auth("wrong", "creds"), "Basic " + "dG9rZW4="],
)
async def test_missing_or_wrong_credentials_get_401(api: Api, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    reply = await api.get("on-demand", auth=False, headers=headers)
    assert reply.status == 401
    assert reply.headers["WWW-Authenticate"].startswith("Basic")
    assert reply.json == {
        "success": False,
        "error": {
            "code": 401,
            "message": "Unauthorized",
            "description": reply.error["description"],
        },
    }


async def test_right_credentials_get_the_success_envelope(api: Api) -> None:
    reply = await api.get("on-demand")
    assert reply.status == 200
    assert reply.json == {
        "success": True,
        "data": [],
        "pagination": {"totalRecords": 0, "currentOffset": 1, "offsetCount": 0},
    }


async def test_creates_answer_201_and_deletes_answer_success_only(api: Api) -> None:
    media = await api.create_media()
    reply = await api.delete(f"on-demand/{media['id']}")
    assert (reply.status, reply.json) == (200, {"success": True})


async def test_pages_are_numbered_from_one_and_ordered_by_creation(api: Api) -> None:
    ids = [(await api.create_media(title=f"m{n}"))["id"] for n in range(7)]
    first = await api.get("on-demand", params={"limit": 3})
    assert first.json["pagination"] == {"totalRecords": 7, "currentOffset": 1, "offsetCount": 3}
    assert [m["id"] for m in first.data] == ids[::-1][:3]  # newest first by default
    last = await api.get("on-demand", params={"limit": 3, "offset": 3})
    assert [m["id"] for m in last.data] == ids[:1]
    assert last.json["pagination"]["currentOffset"] == 3
    beyond = await api.get("on-demand", params={"limit": 3, "offset": 4})
    assert beyond.data == []
    oldest_first = await api.get("on-demand", params={"limit": 50, "orderBy": "asc"})
    assert [m["id"] for m in oldest_first.data] == ids
    default = await api.get("on-demand")
    assert len(default.data) == 7 and default.json["pagination"]["offsetCount"] == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 51}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": 0}, "offset"),
        ({"orderBy": "sideways"}, "orderBy"),
    ],
)
async def test_bad_list_parameters_get_422(api: Api, params: dict[str, object], field: str) -> None:
    reply = await api.get("on-demand", params=params)
    assert reply.status == 422
    assert reply.error["code"] == 422
    assert [f["field"] for f in reply.error["fields"]] == [field]


async def test_unknown_ids_and_routes_get_404_in_the_envelope(api: Api) -> None:
    for path in [
        "on-demand/00000000-0000-0000-0000-000000000000",
        "live/streams/nope",
        "on-demand/playlists/nope",
        "iam/signing-keys/nope",
        "no/such/route",
    ]:
        reply = await api.get(path)
        assert reply.status == 404, path
        assert reply.error["code"] == 404
        assert reply.error["message"] and reply.error["description"]


async def test_a_wrong_method_gets_405(api: Api) -> None:
    reply = await api.put("on-demand")
    assert reply.status == 405
    assert reply.error["code"] == 405


async def test_an_oversized_body_gets_413_in_the_envelope(api: Api) -> None:
    reply = await api.post(
        "on-demand", data=b" " * (2 * 1024 * 1024), headers={"Content-Type": "application/json"}
    )
    assert reply.status == 413
    assert reply.error["code"] == 413


async def test_malformed_json_gets_400(api: Api) -> None:
    reply = await api.post(
        "on-demand", data=b'{"inputs": [', headers={"Content-Type": "application/json"}
    )
    assert reply.status == 400
    assert reply.error["code"] == 400


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"accessPolicy": "public"}, ["inputs"]),
        ({"inputs": [], "accessPolicy": "public"}, ["inputs"]),
        ({"inputs": [{"type": "video"}], "accessPolicy": "public"}, ["inputs[0].url"]),
        ({"inputs": [{"type": "video", "url": "u"}], "accessPolicy": "secret"}, ["accessPolicy"]),
        (
            {"inputs": [{"type": "video", "url": "u"}], "accessPolicy": "public", "title": 5},
            ["title"],
        ),
        (
            {
                "inputs": [{"type": "video", "url": "u"}],
                "accessPolicy": "public",
                "metadata": {str(n): "v" for n in range(11)},
            },
            ["metadata"],
        ),
        ([1, 2], ["body"]),
    ],
)
async def test_invalid_bodies_get_422_with_fields(
    api: Api, body: object, fields: list[str]
) -> None:
    reply = await api.post("on-demand", json=body)
    assert reply.status == 422
    assert [f["field"] for f in reply.error["fields"]] == fields
    assert all(f["message"] for f in reply.error["fields"])
    assert (await api.get("on-demand")).data == []


async def test_a_repeated_idempotency_key_replays_the_first_answer(api: Api) -> None:
    body = {"inputs": [{"type": "video", "url": "https://x/y.mp4"}], "accessPolicy": "public"}
    first = await api.post("on-demand", json=body, headers={"Idempotency-Key": "k-1"})
    again = await api.post("on-demand", json=body, headers={"Idempotency-Key": "k-1"})
    assert (first.status, again.status) == (201, 201)
    assert again.raw == first.raw
    assert again.headers["Idempotent-Replayed"] == "true"
    other = await api.post("on-demand", json=body, headers={"Idempotency-Key": "k-2"})
    assert other.data["id"] != first.data["id"]
    unkeyed = await api.post("on-demand", json=body)
    assert unkeyed.status == 201
    listed = await api.get("on-demand")
    assert len(listed.data) == 3


async def test_concurrent_repeats_of_one_key_create_once(api: Api) -> None:
    body = {"inputs": [{"type": "video", "url": "https://x/y.mp4"}], "accessPolicy": "public"}
    replies = await asyncio.gather(
        *(api.post("on-demand", json=body, headers={"Idempotency-Key": "same"}) for _ in range(5))
    )
    assert {r.data["id"] for r in replies} == {replies[0].data["id"]}
    assert len((await api.get("on-demand")).data) == 1


async def test_a_replayed_validation_error_stays_an_error(api: Api) -> None:
    first = await api.post("on-demand", json={}, headers={"Idempotency-Key": "bad"})
    again = await api.post("on-demand", json={}, headers={"Idempotency-Key": "bad"})
    assert first.status == again.status == 422
    assert again.raw == first.raw
