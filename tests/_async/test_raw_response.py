"""Raw responses: status, headers and request id of every call, through ``capture_responses``."""

from __future__ import annotations

import pytest

from fastpix_async import AsyncFastPix, NotFoundError, RawResponse, RetryPolicy
from fastpix_async.models import VideoInput
from fastpix_async.testing import FastPixEmulator
from tests._server import ScriptedServer

from ._integration import VIDEO, make_client

MEDIA = "/on-demand/{mediaId}"


def scripted_client(server: ScriptedServer, **options: object) -> AsyncFastPix:
    return AsyncFastPix(
        "token-id",
        "secret-key",
        base_url=server.url,
        retry=RetryPolicy(jitter=0.0),
        **options,  # type: ignore[arg-type]
    )


async def test_a_call_s_status_headers_and_request_id_are_captured(
    server: ScriptedServer,
) -> None:
    server.respond_data(
        {"id": "m1"}, headers={"X-Request-Id": "req-7", "X-RateLimit-Remaining": "99"}
    )
    async with scripted_client(server) as fp:
        with fp.capture_responses() as responses:
            media = await fp.media.get("m1")
    assert media.id == "m1"
    [raw] = responses
    assert isinstance(raw, RawResponse)
    assert raw.status_code == 200 and raw.request_id == "req-7"
    assert raw.headers["x-ratelimit-remaining"] == "99"  # any case
    assert raw.method == "GET" and raw.url == server.url + "on-demand/m1"
    assert raw.operation == "get-media" and raw.attempts == 1 and raw.elapsed >= 0
    assert raw.json() == {"success": True, "data": {"id": "m1"}}
    assert "req-7" in repr(raw)


async def test_every_page_of_a_list_all_loop_is_captured(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        for _ in range(3):
            await fp.media.create(inputs=[VideoInput(url=VIDEO)])
        with fp.capture_responses() as responses:
            items = [media async for media in fp.media.list_all(limit=1)]
    assert len(items) == 3
    assert [raw.operation for raw in responses] == ["list-media"] * 3
    assert [raw.url.rsplit("offset=", 1)[1] for raw in responses] == ["1", "2", "3"]
    assert all(raw.status_code == 200 for raw in responses)


async def test_the_emulator_s_request_ids_reach_captures_and_errors(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    async with make_client(fastpix_emulator_thread) as fp:
        media = await fp.media.create(inputs=[VideoInput(url=VIDEO)])
        with fp.capture_responses() as responses:
            await fp.media.get(media.id)
            await fp.media.get(media.id)
        with pytest.raises(NotFoundError) as caught:
            await fp.media.get("00000000-0000-4000-8000-000000000404")
    first, second = (raw.request_id for raw in responses)
    assert first and second and first != second  # one id per answer
    assert caught.value.request_id


async def test_a_retried_call_is_captured_once_with_its_attempts(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        media = await fp.media.create(inputs=[VideoInput(url=VIDEO)])
        emulator.add_fault("GET", MEDIA, status=503, times=2)
        with fp.capture_responses() as responses:
            await fp.media.get(media.id)
    [raw] = responses
    assert raw.status_code == 200 and raw.attempts == 3 and len(sleeps) == 2


async def test_an_error_status_is_captured_before_it_is_raised(server: ScriptedServer) -> None:
    envelope = {"success": False, "error": {"code": 404, "message": "Not found"}}
    server.respond(404, envelope, headers={"X-Request-Id": "req-404"})
    async with scripted_client(server) as fp:
        with fp.capture_responses() as responses, pytest.raises(NotFoundError):
            await fp.media.get("missing")
    assert [(raw.status_code, raw.request_id) for raw in responses] == [(404, "req-404")]


async def test_only_this_client_and_its_derived_clients_are_captured(
    server: ScriptedServer,
) -> None:
    for request_id in ("mine", "derived", "other"):
        server.respond_data({"id": "m1"}, headers={"X-Request-Id": request_id})
    async with scripted_client(server) as fp, scripted_client(server) as other:
        with fp.capture_responses() as responses:
            await fp.media.get("m1")
            await fp.with_options(timeout=5).media.get("m1")
            await other.media.get("m1")
    assert [raw.request_id for raw in responses] == ["mine", "derived"]


async def test_nothing_is_captured_outside_the_block_and_captures_nest(
    server: ScriptedServer,
) -> None:
    for request_id in ("outer", "inner", "after"):
        server.respond_data({"id": "m1"}, headers={"X-Request-Id": request_id})
    async with scripted_client(server) as fp:
        with fp.capture_responses() as outer:
            await fp.media.get("m1")
            with fp.capture_responses() as inner:
                await fp.media.get("m1")
        await fp.media.get("m1")
    assert [raw.request_id for raw in outer] == ["outer", "inner"]
    assert [raw.request_id for raw in inner] == ["inner"]


async def test_a_capture_can_t_be_entered_twice_at_once(server: ScriptedServer) -> None:
    async with scripted_client(server) as fp:
        capture = fp.capture_responses()
        with capture, pytest.raises(RuntimeError, match="already active"), capture:
            pass
