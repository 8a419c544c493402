"""``on_request`` / ``on_response`` hooks: once per attempt, nothing secret, errors propagate."""

from __future__ import annotations

import base64

import pytest

from fastpix_async import (
    APIConnectionError,
    AsyncFastPix,
    RequestEvent,
    ResponseEvent,
)
from fastpix_async.models import VideoInput
from fastpix_async.testing import FastPixEmulator
from tests._server import ScriptedServer

from ._integration import VIDEO, make_client

MEDIA = "/on-demand/{mediaId}"


class HookFailed(Exception):
    pass


async def test_each_attempt_of_a_retried_call_reaches_both_hooks(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    requests: list[RequestEvent] = []
    responses: list[ResponseEvent] = []
    async with make_client(
        emulator, on_request=requests.append, on_response=responses.append
    ) as fp:
        media = await fp.media.create(inputs=[VideoInput(url=VIDEO)])
        requests.clear()
        responses.clear()
        emulator.add_fault("GET", MEDIA, status=503, times=2)
        await fp.media.get(media.id)
    url = f"{emulator.base_url}on-demand/{media.id}"
    assert [(e.method, e.url, e.attempt, e.operation) for e in requests] == [
        ("GET", url, attempt, "get-media") for attempt in (1, 2, 3)
    ]
    assert [(e.attempt, e.status_code, e.exception) for e in responses] == [
        (1, 503, None),
        (2, 503, None),
        (3, 200, None),
    ]
    assert all(e.elapsed >= 0 and e.headers is not None for e in responses)
    assert responses[-1].headers is not None and "content-type" in responses[-1].headers


async def test_a_connection_error_reaches_on_response_as_the_exception(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    responses: list[ResponseEvent] = []
    async with make_client(emulator, on_response=responses.append) as fp:
        emulator.add_fault("GET", "/live/streams", drop_connection=True)
        await fp.live_streams.list()
    first, second = responses
    assert isinstance(first.exception, APIConnectionError)
    assert first.status_code is None and first.headers is None and first.request_id is None
    assert (second.attempt, second.status_code, second.exception) == (2, 200, None)


async def test_on_response_sees_the_request_id(server: ScriptedServer) -> None:
    server.respond_data({"id": "m1"}, headers={"X-Request-Id": "req-1"})
    responses: list[ResponseEvent] = []
    async with AsyncFastPix(
        "token-id", "secret-key", base_url=server.url, on_response=responses.append
    ) as fp:
        await fp.media.get("m1")
    assert [e.request_id for e in responses] == ["req-1"]


async def test_no_hook_ever_sees_the_credentials(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    events: list[RequestEvent | ResponseEvent] = []
    async with make_client(emulator, on_request=events.append, on_response=events.append) as fp:
        media = await fp.media.create(inputs=[VideoInput(url=VIDEO)])
        await fp.media.get(media.id)
        await fp.media.delete(media.id)
    token = base64.b64encode(f"{emulator.access_token_id}:{emulator.secret_key}".encode()).decode()
    secrets = (emulator.secret_key, token)
    assert len(events) == 6
    for event in events:
        seen = [repr(event), event.url, *(event.headers or {}).values()]
        assert not [text for text in seen if any(secret in text for secret in secrets)]
    sent = [e for e in events if isinstance(e, RequestEvent)]
    assert all(e.headers["authorization"] == "[redacted]" for e in sent)


async def test_an_on_request_hook_that_raises_stops_the_call_before_sending(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread

    def refuse(event: RequestEvent) -> None:
        raise HookFailed(event.operation)

    async with make_client(emulator, on_request=refuse) as fp:
        with pytest.raises(HookFailed, match="list-media"):
            await fp.media.list()
    assert emulator.requests == []


async def test_an_on_response_hook_that_raises_ends_the_call_without_retrying(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread

    def refuse(event: ResponseEvent) -> None:
        raise HookFailed(str(event.status_code))

    async with make_client(emulator, on_response=refuse) as fp:
        emulator.add_fault("GET", "/live/streams", status=503)
        with pytest.raises(HookFailed, match="503"):
            await fp.live_streams.list()
    assert len(emulator.requests) == 1 and sleeps == []


async def test_with_options_replaces_or_removes_a_hook(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    first: list[RequestEvent] = []
    second: list[RequestEvent] = []
    async with make_client(emulator, on_request=first.append) as fp:
        await fp.media.list()
        await fp.with_options(on_request=second.append).media.list()
        await fp.with_options(on_request=None).media.list()
        await fp.with_options(timeout=5).media.list()  # keeps the hook
    assert len(first) == 2 and len(second) == 1


async def test_a_hook_that_is_not_callable_is_refused_at_construction(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    with pytest.raises(TypeError, match="on_request must be a callable"):
        make_client(fastpix_emulator_thread, on_request="print")
    async with make_client(fastpix_emulator_thread) as fp:
        with pytest.raises(TypeError, match="on_response must be a callable"):
            fp.with_options(on_response=42)  # type: ignore[arg-type]


async def test_a_plain_client_never_takes_the_observed_path(
    fastpix_emulator_thread: FastPixEmulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fastpix_async import _http

    def unexpected(*args: object, **kwargs: object) -> None:
        raise AssertionError("a call was observed without hooks, tracing or a capture")

    monkeypatch.setattr(_http, "AsyncObservedCall", unexpected)
    async with make_client(fastpix_emulator_thread) as fp:
        media = await fp.media.create(inputs=[VideoInput(url=VIDEO)])
        await fp.media.get(media.id)
        assert [m.id async for m in fp.media.list_all()] == [media.id]
