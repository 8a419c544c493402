"""Async-only cases that need aiohttp itself to fail (aioresponses).

Only raised exceptions are mocked: aioresponses 0.7.9 can't build responses for
aiohttp 3.14 (its ClientResponse gained a required argument), and answers are
better proven over real sockets anyway (tests/_async).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import aiohttp
import pytest
from aioresponses import aioresponses

from fastpix_async import APIConnectionError, APITimeoutError, AsyncFastPix, RetryPolicy

BASE = "https://api.test/v1/"
MEDIA_URL = BASE + "on-demand/m1"


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as m:
        yield m


def make_client(**options: object) -> AsyncFastPix:
    options.setdefault("retry", RetryPolicy(jitter=0))
    return AsyncFastPix("id", "secret", base_url=BASE, **options)  # type: ignore[arg-type]


async def test_transport_errors_are_retried_then_raised(
    mocked: aioresponses, sleeps: list[float]
) -> None:
    mocked.get(MEDIA_URL, exception=aiohttp.ClientConnectionError("reset by peer"))
    mocked.get(MEDIA_URL, exception=aiohttp.ServerDisconnectedError())
    mocked.get(MEDIA_URL, exception=aiohttp.ClientPayloadError("truncated"))
    async with make_client() as fp:
        with pytest.raises(APIConnectionError, match="ClientPayloadError") as caught:
            await fp.media.get("m1")
    assert not isinstance(caught.value, APITimeoutError)
    assert sleeps == [1.0, 2.0]


async def test_a_timeout_is_an_api_timeout_error(mocked: aioresponses, sleeps: list[float]) -> None:
    mocked.get(MEDIA_URL, exception=asyncio.TimeoutError())
    async with make_client(max_retries=0) as fp:
        with pytest.raises(APITimeoutError) as caught:
            await fp.media.get("m1")
    assert isinstance(caught.value, APIConnectionError)
    assert caught.value.url == MEDIA_URL and caught.value.method == "GET"


async def test_credentials_provider_must_return_a_pair(mocked: aioresponses) -> None:
    async def broken() -> tuple[str, str]:
        return ("only-id", "")

    async with AsyncFastPix(base_url=BASE, credentials=broken) as fp:
        with pytest.raises(TypeError, match="access_token_id, secret_key"):
            await fp.media.get("m1")
