"""The request path: IDs, query, bodies, headers, errors and retries, over a real socket."""

from __future__ import annotations

import email.utils
import time

import pytest

from fastpix_async import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncFastPix,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    RetryPolicy,
    UnprocessableEntityError,
)
from fastpix_async.models import VideoInput
from tests._server import ScriptedServer

NO_JITTER = RetryPolicy(jitter=0.0)


def make_client(server: ScriptedServer, **options: object) -> AsyncFastPix:
    options.setdefault("retry", NO_JITTER)
    return AsyncFastPix("token-id", "secret-key", base_url=server.url, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "media_id, sent",
    [
        ("abc-123", "/on-demand/abc-123"),
        ("a/b", "/on-demand/a%2Fb"),
        ("a?b#c", "/on-demand/a%3Fb%23c"),
        ("has space", "/on-demand/has%20space"),
        ("ünï", "/on-demand/%C3%BCn%C3%AF"),
        ("..%2f", "/on-demand/..%252f"),
    ],
)
async def test_path_ids_are_encoded_as_one_segment(
    server: ScriptedServer, media_id: str, sent: str
) -> None:
    server.respond_data({"id": "x"})
    async with make_client(server) as fp:
        await fp.media.get(media_id)
    assert server.last.path == sent


@pytest.mark.parametrize(
    "media_id, error",
    [
        ("", ValueError),
        ("   ", ValueError),
        ("..", ValueError),
        (".", ValueError),
        ("a\nb", ValueError),
        (None, TypeError),
        (42, TypeError),
    ],
)
async def test_bad_ids_are_rejected_before_sending(
    server: ScriptedServer, media_id: object, error: type[Exception]
) -> None:
    async with make_client(server) as fp:
        with pytest.raises(error, match="media_id"):
            await fp.media.get(media_id)  # type: ignore[arg-type]
    assert server.requests == []


async def test_list_query_is_encoded_as_the_contract_names_it(server: ScriptedServer) -> None:
    server.respond_data([], pagination={"totalRecords": 0, "currentOffset": 2, "offsetCount": 0})
    async with make_client(server) as fp:
        await fp.media.list(limit=5, offset=2, order_by="asc")
    assert server.last.query == [("limit", "5"), ("orderBy", "asc"), ("offset", "2")]


@pytest.mark.parametrize(
    "options, error",
    [
        ({"limit": 0}, ValueError),
        ({"limit": 51}, ValueError),
        ({"offset": 0}, ValueError),
        ({"limit": "10"}, TypeError),
        ({"order_by": "sideways"}, ValueError),
    ],
)
async def test_list_arguments_are_checked_before_sending(
    server: ScriptedServer, options: dict[str, object], error: type[Exception]
) -> None:
    async with make_client(server) as fp:
        with pytest.raises(error):
            await fp.media.list(**options)  # type: ignore[arg-type]
    assert server.requests == []


async def test_json_body_is_camel_case_without_nones(server: ScriptedServer) -> None:
    server.respond_data({"id": "m1", "status": "Created"}, status=201)
    async with make_client(server) as fp:
        await fp.media.create(
            inputs=[VideoInput(url="https://example.com/v.mp4", start_time=3)],
            access_policy="private",
            metadata={"team": "video"},
            max_resolution="720p",
        )
    assert server.last.json == {
        "inputs": [{"url": "https://example.com/v.mp4", "type": "video", "startTime": 3}],
        "accessPolicy": "private",
        "metadata": {"team": "video"},
        "maxResolution": "720p",
    }
    assert server.last.headers["Content-Type"] == "application/json"


async def test_bad_enum_and_metadata_are_rejected_before_sending(server: ScriptedServer) -> None:
    async with make_client(server) as fp:
        with pytest.raises(ValueError, match="AccessPolicy"):
            await fp.media.create(
                inputs=[VideoInput(url="https://e.com/v.mp4")], access_policy="open"
            )
        with pytest.raises(ValueError, match="at most 10"):
            await fp.media.update("m1", metadata={str(i): "v" for i in range(11)})
        with pytest.raises(TypeError, match="VideoInput"):
            await fp.media.create(inputs="https://e.com/v.mp4")  # type: ignore[arg-type]
    assert server.requests == []


@pytest.mark.parametrize(
    "status, error_class",
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (524, InternalServerError),
        (418, APIStatusError),
    ],
)
async def test_error_statuses_become_typed_errors(
    server: ScriptedServer, status: int, error_class: type[APIStatusError]
) -> None:
    envelope = {
        "success": False,
        "error": {"code": status, "message": "Nope", "description": "Because."},
    }
    server.respond(status, envelope, headers={"X-Request-Id": "req-9"})
    async with make_client(server, max_retries=0) as fp:
        with pytest.raises(error_class) as caught:
            await fp.media.get("m1")
    error = caught.value
    assert type(error) is error_class
    assert error.status_code == status
    assert error.error is not None and error.error.code == status
    assert error.error.message == "Nope" and error.error.description == "Because."
    assert error.method == "GET" and error.url == server.url + "on-demand/m1"
    assert error.request_id == "req-9"
    assert b"Nope" in error.body
    assert "Nope" in str(error) and "GET" in str(error)


async def test_422_field_errors_are_parsed(server: ScriptedServer) -> None:
    server.respond(
        422,
        {
            "success": False,
            "error": {
                "code": 422,
                "message": "Invalid",
                "fields": [{"field": "inputs", "message": "required"}],
            },
        },
    )
    async with make_client(server) as fp:
        with pytest.raises(UnprocessableEntityError) as caught:
            await fp.media.update("m1", title="t")
    assert caught.value.error is not None
    assert [(f.field, f.message) for f in caught.value.error.fields] == [("inputs", "required")]
    assert "inputs: required" in str(caught.value)


async def test_html_error_page_still_gives_a_status_error(server: ScriptedServer) -> None:
    server.respond(502, body=b"<html>Bad gateway</html>", headers={"Content-Type": "text/html"})
    async with make_client(server, max_retries=0) as fp:
        with pytest.raises(InternalServerError) as caught:
            await fp.media.get("m1")
    assert caught.value.error is None
    assert caught.value.body == b"<html>Bad gateway</html>"


async def test_calls_one_after_another_share_one_connection(server: ScriptedServer) -> None:
    # Each answer is read to its end (its Content-Length) and the connection goes back to
    # the pool, kept alive: the next call reuses it.
    for _ in range(3):
        server.respond_data({"id": "m1", "title": "x" * 5000})
    async with make_client(server) as fp:
        for _ in range(3):
            media = await fp.media.get("m1")
            assert media.title == "x" * 5000
    peers = [r.peer for r in server.requests]
    assert peers[0] is not None and peers == [peers[0]] * 3


@pytest.mark.parametrize(
    "body, reason",
    [
        (b"not json", "not JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"success": true}', "no data"),
        (b'{"success": true, "data": {"id": "m1", "createdAt": {"no": "date"}}}', "shape"),
    ],
)
async def test_unreadable_success_bodies_raise_response_validation_error(
    server: ScriptedServer, body: bytes, reason: str
) -> None:
    server.respond(200, body=body, headers={"Content-Type": "application/json"})
    async with make_client(server) as fp:
        with pytest.raises(ResponseValidationError, match=reason) as caught:
            await fp.media.get("m1")
    assert caught.value.status_code == 200
    assert caught.value.body == body


async def test_retries_retryable_statuses_with_exponential_backoff(
    server: ScriptedServer, sleeps: list[float]
) -> None:
    server.respond(503, {"success": False, "error": {"code": 503, "message": "busy"}}, times=2)
    server.respond_data({"id": "m1"})
    async with make_client(server) as fp:
        media = await fp.media.get("m1")
    assert media.id == "m1"
    assert len(server.requests) == 3
    assert sleeps == [1.0, 2.0]


async def test_gives_up_after_max_attempts(server: ScriptedServer, sleeps: list[float]) -> None:
    server.respond(500, {"success": False, "error": {"code": 500, "message": "down"}}, times=5)
    async with make_client(server, retry=RetryPolicy(max_attempts=4, jitter=0)) as fp:
        with pytest.raises(InternalServerError):
            await fp.media.get("m1")
    assert len(server.requests) == 4
    assert sleeps == [1.0, 2.0, 4.0]


async def test_backoff_is_capped_and_jittered(server: ScriptedServer, sleeps: list[float]) -> None:
    policy = RetryPolicy(max_attempts=6, initial_interval=1, max_interval=3, jitter=0.5)
    server.respond(503, times=6)
    async with make_client(server, retry=policy) as fp:
        with pytest.raises(InternalServerError):
            await fp.media.get("m1")
    ceilings = [1, 2, 3, 3, 3]
    assert len(sleeps) == 5
    assert all(c * 0.5 <= s <= c for s, c in zip(sleeps, ceilings, strict=True))


async def test_non_retryable_status_is_not_retried(
    server: ScriptedServer, sleeps: list[float]
) -> None:
    server.respond(400, {"success": False, "error": {"code": 400, "message": "bad"}})
    async with make_client(server) as fp:
        with pytest.raises(BadRequestError):
            await fp.media.get("m1")
    assert len(server.requests) == 1 and sleeps == []


async def test_max_retries_zero_turns_retrying_off(
    server: ScriptedServer, sleeps: list[float]
) -> None:
    server.respond(503)
    async with make_client(server, max_retries=0) as fp:
        with pytest.raises(InternalServerError):
            await fp.media.get("m1")
    assert len(server.requests) == 1 and sleeps == []


@pytest.mark.parametrize(
    "retry_after, expected",
    [("3", 3.0), ("0.5", 0.5), ("100000", 60.0), ("-4", 0.0), ("soon", 1.0), ("", 1.0)],
)
async def test_retry_after_is_honoured_and_capped(
    server: ScriptedServer, sleeps: list[float], retry_after: str, expected: float
) -> None:
    server.respond(429, headers={"Retry-After": retry_after})
    server.respond_data({"id": "m1"})
    async with make_client(server) as fp:
        await fp.media.get("m1")
    assert sleeps == [expected]


async def test_retry_after_as_http_date(server: ScriptedServer, sleeps: list[float]) -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    server.respond(429, headers={"Retry-After": when})
    server.respond_data({"id": "m1"})
    async with make_client(server) as fp:
        await fp.media.get("m1")
    assert len(sleeps) == 1 and 25 <= sleeps[0] <= 31


async def test_post_carries_one_idempotency_key_across_its_retries(
    server: ScriptedServer, sleeps: list[float]
) -> None:
    server.respond(503, times=2)
    server.respond_data({"id": "m1"}, status=201)
    server.respond_data({"id": "m2"}, status=201)
    async with make_client(server) as fp:
        await fp.media.create(inputs=[VideoInput(url="https://e.com/a.mp4")])
        await fp.media.create(inputs=[VideoInput(url="https://e.com/b.mp4")])
    keys = [r.headers.get("Idempotency-Key") for r in server.requests]
    assert keys[0] and keys[0] == keys[1] == keys[2]
    assert keys[3] and keys[3] != keys[0]


async def test_caller_can_set_the_idempotency_key(server: ScriptedServer) -> None:
    server.respond_data({"id": "m1"}, status=201)
    async with make_client(server) as fp:
        await fp.with_options(extra_headers={"Idempotency-Key": "mine"}).media.create(
            inputs=[VideoInput(url="https://e.com/a.mp4")]
        )
    assert server.last.headers["Idempotency-Key"] == "mine"


async def test_get_has_no_idempotency_key(server: ScriptedServer) -> None:
    server.respond_data({"id": "m1"})
    async with make_client(server) as fp:
        await fp.media.get("m1")
    assert "Idempotency-Key" not in server.last.headers


async def test_dropped_connections_are_retried_with_the_same_idempotency_key(
    server: ScriptedServer, sleeps: list[float]
) -> None:
    # A POST: the transport never re-sends those on its own, so this is the SDK's retry.
    server.respond(drop=True)
    server.respond_data({"id": "m1"}, status=201)
    async with make_client(server) as fp:
        media = await fp.media.create(inputs=[VideoInput(url="https://e.com/a.mp4")])
    assert media.id == "m1" and len(server.requests) == 2 and sleeps == [1.0]
    first, second = server.requests
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"]


async def test_connection_error_after_last_attempt_is_raised(
    server: ScriptedServer, sleeps: list[float]
) -> None:
    server.respond(drop=True, times=3)
    async with make_client(server) as fp:
        with pytest.raises(APIConnectionError) as caught:
            await fp.media.create(inputs=[VideoInput(url="https://e.com/a.mp4")])
    assert caught.value.method == "POST" and len(server.requests) == 3 and len(sleeps) == 2


async def test_connection_errors_are_not_retried_when_the_policy_says_so(
    server: ScriptedServer, sleeps: list[float]
) -> None:
    server.respond(drop=True)
    async with make_client(server, retry=RetryPolicy(retry_connection_errors=False)) as fp:
        with pytest.raises(APIConnectionError):
            await fp.media.create(inputs=[VideoInput(url="https://e.com/a.mp4")])
    assert len(server.requests) == 1 and sleeps == []


async def test_timeouts_raise_api_timeout_error_and_are_retried(
    server: ScriptedServer, sleeps: list[float]
) -> None:
    server.respond(delay=1.0, times=2)
    server.respond_data({"id": "m1"})
    async with make_client(server, timeout=0.2) as fp:
        media = await fp.media.get("m1")
    assert media.id == "m1" and len(sleeps) == 2
    server.respond(delay=1.0)
    async with make_client(server, timeout=0.2, max_retries=0) as fp:
        with pytest.raises(APITimeoutError):
            await fp.media.get("m1")


async def test_refused_connection_is_a_connection_error(sleeps: list[float]) -> None:
    async with AsyncFastPix("id", "secret", base_url="http://127.0.0.1:9/v1/", max_retries=1) as fp:
        with pytest.raises(APIConnectionError):
            await fp.media.get("m1")
    assert len(sleeps) == 1
