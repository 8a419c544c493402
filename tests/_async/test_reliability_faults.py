"""Faults over real sockets: each gives the right typed error or a correct retry, makes the
configured number of attempts (counted at the server), and leaves no socket open."""

from __future__ import annotations

import email.utils
import time

import pytest

from fastpix_async import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncFastPix,
    InternalServerError,
    RateLimitError,
    ResponseValidationError,
    RetryPolicy,
)
from fastpix_async.testing import FastPixEmulator
from tests.reliability._leaks import no_leaks  # noqa: F401 - autouse guard
from tests.reliability._sockets import connections_to
from tests.reliability._tcp import (
    answer,
    drip,
    never_answer,
    raw_server,
    redirect_to,
    refused_port,
    reset_mid_body,
    stall_mid_body,
)

MEDIA = "/on-demand/{mediaId}"
LIST = "/on-demand"
NO_JITTER = RetryPolicy(jitter=0.0)


def emulator_client(emulator: FastPixEmulator, **options: object) -> AsyncFastPix:
    options.setdefault("retry", NO_JITTER)
    return AsyncFastPix(
        emulator.access_token_id,
        emulator.secret_key,
        base_url=emulator.base_url,
        **options,  # type: ignore[arg-type]
    )


def raw_client(url: str, **options: object) -> AsyncFastPix:
    options.setdefault("retry", NO_JITTER)
    return AsyncFastPix("token-id", "secret-key", base_url=url, **options)  # type: ignore[arg-type]


def hits(emulator: FastPixEmulator, route: str) -> int:
    return sum(1 for request in emulator.requests if request.route == route)


async def test_connection_refused_is_a_connection_error_after_every_attempt(
    sleeps: list[float],
) -> None:
    port = refused_port()
    async with raw_client(f"http://127.0.0.1:{port}/v1/", max_retries=2) as fp:
        with pytest.raises(APIConnectionError) as caught:
            await fp.media.list()
    assert not isinstance(caught.value, APITimeoutError)
    assert caught.value.method == "GET" and str(port) in caught.value.url
    assert sleeps == [1.0, 2.0]  # three attempts, two waits


async def test_reset_mid_body_is_retried_and_then_succeeds(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    emulator.add_fault("GET", LIST, drop_connection=True, times=2)
    async with emulator_client(emulator) as fp:
        page = await fp.media.list()
    assert page.data == []
    assert hits(emulator, LIST) == 3 and sleeps == [1.0, 2.0]
    assert connections_to(emulator.port) == 0


async def test_reset_mid_body_every_time_raises_after_the_configured_attempts(
    sleeps: list[float],
) -> None:
    with raw_server(reset_mid_body) as server:
        async with raw_client(server.url, max_retries=3) as fp:
            with pytest.raises(APIConnectionError) as caught:
                await fp.media.get("m1")
        assert not isinstance(caught.value, APITimeoutError)
        assert len(server.requests) == 4 and len(sleeps) == 3
        assert connections_to(server.port) == 0


async def test_a_server_that_never_answers_raises_api_timeout_error(
    sleeps: list[float],
) -> None:
    with raw_server(never_answer) as server:
        async with raw_client(server.url, timeout=0.3, max_retries=1) as fp:
            with pytest.raises(APITimeoutError) as caught:
                await fp.media.get("m1")
        assert isinstance(caught.value, APIConnectionError)  # one except clause catches both
        assert "0.3" in str(caught.value)
        assert len(server.requests) == 2 and len(sleeps) == 1
        assert connections_to(server.port) == 0


async def test_a_slow_drip_of_bytes_cannot_outlast_the_total_timeout() -> None:
    # Each byte arrives well inside any per-read timeout; the body takes minutes in all.
    with raw_server(drip(0.05)) as server:
        async with raw_client(server.url, timeout=0.5, max_retries=0) as fp:
            with pytest.raises(APITimeoutError):
                await fp.media.get("m1")
            assert server.connections == 1
        assert connections_to(server.port) == 0


async def test_a_body_stalling_after_slow_headers_ends_at_the_total_timeout() -> None:
    # The headers use most of the timeout: only what is left may go to waiting for the body.
    with raw_server(stall_mid_body(0.3)) as server:
        async with raw_client(server.url, timeout=0.5, max_retries=0) as fp:
            started = time.monotonic()
            with pytest.raises(APITimeoutError):
                await fp.media.get("m1")
            assert time.monotonic() - started < 0.75  # not 0.3 s and then another 0.5 s
        assert connections_to(server.port) == 0


async def test_a_body_cut_short_of_its_length_is_retried(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    emulator.add_fault("GET", LIST, truncate_body=True, times=3)
    async with emulator_client(emulator) as fp:
        with pytest.raises(APIConnectionError) as caught:
            await fp.media.list()
        assert hits(emulator, LIST) == 3 and len(sleeps) == 2
        assert connections_to(emulator.port) == 0  # each broken connection closed at once
        assert (await fp.media.list()).data == []  # the pool recovers
    # the error is still held here, and its traceback reaches the failed responses: closing
    # the client must close the healthy pooled socket anyway, not leave it to the GC
    assert caught.value.method == "GET"
    assert connections_to(emulator.port) == 0


async def test_truncated_json_with_a_matching_length_is_a_response_validation_error(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    body = b'{"success": true, "data": {"id": "m1", "sta'
    emulator.add_fault("GET", MEDIA, status=200, body=body, content_type="application/json")
    async with emulator_client(emulator) as fp:
        with pytest.raises(ResponseValidationError, match="not JSON") as caught:
            await fp.media.get("m1")
    assert caught.value.body == body and caught.value.status_code == 200
    assert hits(emulator, MEDIA) == 1 and sleeps == []


async def test_a_proxy_html_502_is_retried_then_raised_with_its_page(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    emulator.add_fault("GET", MEDIA, status=502, body=page, content_type="text/html", times=3)
    async with emulator_client(emulator) as fp:
        with pytest.raises(InternalServerError) as caught:
            await fp.media.get("m1")
    error = caught.value
    assert error.status_code == 502 and error.error is None and error.body == page
    assert "502" in str(error) and "Bad Gateway" in str(error)
    assert hits(emulator, MEDIA) == 3 and sleeps == [1.0, 2.0]


async def test_a_cdn_524_page_is_a_server_error_and_not_retried_by_default(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float]
) -> None:
    # 524 is not among the contract's retryable statuses: the origin may still be working.
    emulator = fastpix_emulator_thread
    emulator.add_fault(
        "GET", LIST, status=524, body=b"<html>timeout</html>", content_type="text/html"
    )
    async with emulator_client(emulator) as fp:
        with pytest.raises(InternalServerError) as caught:
            await fp.media.list()
    assert caught.value.status_code == 524
    assert hits(emulator, LIST) == 1 and sleeps == []


async def test_a_burst_of_5xx_then_success_returns_the_answer(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    emulator.add_fault("GET", LIST, status=500, times=1)
    emulator.add_fault("GET", LIST, status=503, times=1)
    emulator.add_fault("GET", LIST, status=504, times=1)
    async with emulator_client(emulator, retry=RetryPolicy(max_attempts=4, jitter=0)) as fp:
        page = await fp.media.list()
    assert page.data == []
    assert hits(emulator, LIST) == 4 and sleeps == [1.0, 2.0, 4.0]
    assert connections_to(emulator.port) == 0


async def test_429_retry_after_in_seconds_is_waited(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    emulator.add_fault("GET", LIST, status=429, retry_after="7")
    async with emulator_client(emulator) as fp:
        await fp.media.list()
    assert sleeps == [7.0] and hits(emulator, LIST) == 2


async def test_429_retry_after_as_an_http_date_is_waited(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    when = email.utils.formatdate(time.time() + 20, usegmt=True)
    emulator.add_fault("GET", LIST, status=429, retry_after=when)
    async with emulator_client(emulator) as fp:
        await fp.media.list()
    assert len(sleeps) == 1 and 15 <= sleeps[0] <= 21
    assert hits(emulator, LIST) == 2


async def test_429_every_time_raises_rate_limit_error_with_the_header(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    emulator.add_fault("GET", LIST, status=429, retry_after="2", times=3)
    async with emulator_client(emulator) as fp:
        with pytest.raises(RateLimitError) as caught:
            await fp.media.list()
    assert caught.value.headers["Retry-After"] == "2"
    assert sleeps == [2.0, 2.0] and hits(emulator, LIST) == 3


@pytest.mark.parametrize("status", ["301 Moved Permanently", "302 Found", "307 Temporary Redirect"])
async def test_redirects_are_not_followed_with_credentials(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float], status: str
) -> None:
    target = fastpix_emulator_thread
    location = target.base_url + "on-demand/m1"
    with raw_server(redirect_to(location, status)) as server:
        async with raw_client(server.url) as fp:
            with pytest.raises(APIStatusError) as caught:
                await fp.media.get("m1")
        assert len(server.requests) == 1 and sleeps == []  # neither followed nor retried
        assert connections_to(server.port) == 0
    error = caught.value
    assert error.status_code == int(status.split()[0])
    assert error.headers["Location"] == location
    assert f"redirect to {location} not followed" in str(error)
    assert target.requests == []  # the credentials never reached the other host


@pytest.mark.parametrize("encoding", ["gzip", "chunked"])
async def test_compressed_and_chunked_bodies_are_read_whole(encoding: str) -> None:
    title = "t" * 600_000  # more than one 256 KiB read once decoded
    body = b'{"success": true, "data": {"id": "m1", "title": "%s"}}' % title.encode()
    with raw_server(answer(body, encoding=encoding)) as server:
        async with raw_client(server.url) as fp:
            first = await fp.media.get("m1")
            second = await fp.media.get("m1")
        assert server.connections == 1  # the connection went back to the pool, whole
    assert first.title == second.title == title
