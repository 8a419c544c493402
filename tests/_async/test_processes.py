"""Clients and errors across processes, over real sockets.

A client pickles (or copies) with its settings and credentials and opens connections of
its own wherever it lands; an error raised by a real call in a worker process comes back
to the parent as itself; a forked child never uses a connection its parent opened.
"""

from __future__ import annotations

import base64
import copy
import os
import pickle
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pytest

from fastpix_async import AsyncFastPix, NotFoundError, RetryPolicy
from fastpix_async._backend import HTTPSession
from fastpix_async.models import VideoInput
from fastpix_async.testing import FastPixEmulator
from tests.reliability._leaks import no_leaks  # noqa: F401 - autouse guard
from tests.reliability._tcp import answer, raw_server

# Python 3.12+ warns that forking a process that runs threads (the test servers') may
# deadlock the child; these children make a request or two and exit.
pytestmark = pytest.mark.filterwarnings(
    "ignore:.*use of fork\\(\\) may lead to deadlocks:DeprecationWarning"
)

SECRET = "s3cr3t-key-value"
MEDIA_BODY = b'{"success": true, "data": {"id": "m1"}}'


def basic(token_id: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{token_id}:{secret}".encode()).decode()


def head_fields(head: bytes) -> dict[str, str]:
    """A recorded request head's header fields, by lower-cased name."""
    lines = head.decode("latin-1").split("\r\n")[1:]
    return {
        name.strip().lower(): value.strip() for name, _, value in (x.partition(":") for x in lines)
    }


async def fetch(client: AsyncFastPix, media_id: str) -> str:
    """What a worker does with the client it was sent: one call, then close it."""
    async with client:
        return (await client.media.get(media_id)).id


async def test_a_client_sent_to_a_worker_process_calls_from_there_and_its_404_comes_back(
    fastpix_emulator_thread: FastPixEmulator, run_alone: Callable[..., Any]
) -> None:
    emulator = fastpix_emulator_thread
    async with AsyncFastPix(
        emulator.access_token_id, emulator.secret_key, base_url=emulator.base_url
    ) as fp:
        media = await fp.media.create(inputs=[VideoInput(url="https://example.com/a.mp4")])
        emulator.reset_stats()
        with ProcessPoolExecutor(max_workers=1) as pool:
            found = pool.submit(run_alone, fetch, fp, media.id).result(timeout=60)
            missing = pool.submit(run_alone, fetch, fp, "no-such-media")
            with pytest.raises(NotFoundError) as caught:  # not a hung or broken pool
                missing.result(timeout=60)
        assert (await fp.media.get(media.id)).id == media.id  # the parent's client still works
    assert found == media.id
    error = caught.value
    assert error.status_code == 404 and error.method == "GET"
    assert error.url == emulator.base_url + "on-demand/no-such-media"
    assert error.error is not None and error.error.message == "Media not found"
    assert error.headers["content-type"] == error.headers["Content-Type"]
    assert error.headers["Content-Type"].startswith("application/json")
    # the worker's calls carried the credentials the client was built with
    worker_calls = emulator.requests[:2]
    assert [r.path.rsplit("/", 1)[1] for r in worker_calls] == [media.id, "no-such-media"]
    expected = basic(emulator.access_token_id, emulator.secret_key)
    assert {r.headers["Authorization"] for r in worker_calls} == {expected}


async def test_an_error_from_a_real_call_pickles_whole_and_without_the_secret(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    async with AsyncFastPix(
        emulator.access_token_id, emulator.secret_key, base_url=emulator.base_url
    ) as fp:
        with pytest.raises(NotFoundError) as caught:
            await fp.media.get("no-such-media")
    pickled = pickle.dumps(caught.value)
    assert emulator.secret_key.encode() not in pickled
    assert basic(emulator.access_token_id, emulator.secret_key).encode() not in pickled
    back = pickle.loads(pickled)
    assert type(back) is NotFoundError and str(back) == str(caught.value)
    assert dict(back.headers) == dict(caught.value.headers)
    for name in ("status_code", "error", "method", "url", "body", "request_id"):
        assert getattr(back, name) == getattr(caught.value, name), name


def pickled(client: AsyncFastPix) -> AsyncFastPix:
    return pickle.loads(pickle.dumps(client))  # type: ignore[no-any-return]


@pytest.mark.parametrize("duplicate", [pickled, copy.copy, copy.deepcopy])
async def test_a_copied_client_has_the_same_settings_and_a_pool_of_its_own(
    duplicate: Callable[[AsyncFastPix], AsyncFastPix],
) -> None:
    with raw_server(answer(MEDIA_BODY)) as server:
        async with AsyncFastPix(
            "token-id",
            SECRET,
            base_url=server.url,
            timeout=7,
            max_connections=3,
            retry=RetryPolicy(max_attempts=5, initial_interval=0.1),
            user_agent="batch-job/1",
            extra_headers={"X-Team": "video"},
        ) as fp:
            await fp.media.get("m1")
            twin = duplicate(fp)
            assert type(twin) is AsyncFastPix and twin is not fp and not twin.is_closed
            settings = ("base_url", "timeout", "retry", "max_connections")
            assert [getattr(twin, name) for name in settings] == [
                getattr(fp, name) for name in settings
            ]
            async with twin:
                await twin.media.get("m1")
            assert server.connections == 2  # the copy opened its own connection
            await fp.media.get("m1")  # and closing it left the original's pool alone
            assert server.connections == 2
        sent = [head_fields(head) for head in server.requests]
    for name in ("authorization", "user-agent", "x-team"):
        assert sent[0][name] == sent[1][name] == sent[2][name], name
    assert sent[0]["authorization"] == basic("token-id", SECRET)


async def test_a_derived_client_pickles_with_its_options_and_closes_its_own_pool() -> None:
    with raw_server(answer(MEDIA_BODY)) as server:
        async with AsyncFastPix("token-id", SECRET, base_url=server.url) as fp:
            derived = fp.with_options(timeout=5, extra_headers={"X-Job": "7"})
            twin = pickled(derived)
            assert twin.timeout == 5
            await twin.media.get("m1")
            await twin.close()
            assert twin.is_closed and not fp.is_closed
            assert not derived.is_closed  # it shares the original's pool, still open
        assert server.connections == 1
        assert head_fields(server.requests[0])["x-job"] == "7"


async def provide_credentials() -> tuple[str, str]:
    return ("provider-id", SECRET)


async def test_a_client_with_a_credentials_provider_pickles_the_provider() -> None:
    with raw_server(answer(MEDIA_BODY)) as server:
        fp = AsyncFastPix(base_url=server.url, credentials=provide_credentials)
        async with pickled(fp) as twin:
            await twin.media.get("m1")
        assert head_fields(server.requests[0])["authorization"] == basic("provider-id", SECRET)

    async def local_provider() -> tuple[str, str]:  # can't be pickled: pickle says so
        return ("id", SECRET)

    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        pickle.dumps(AsyncFastPix(base_url=server.url, credentials=local_provider))


async def test_a_client_given_a_session_can_not_be_pickled_or_copied() -> None:
    async with HTTPSession() as session:
        fp = AsyncFastPix(
            "token-id", SECRET, base_url="http://127.0.0.1:9/v1/", http_session=session
        )
        with pytest.raises(TypeError, match="http_session"):
            pickle.dumps(fp)
        with pytest.raises(TypeError, match="http_session"):
            copy.copy(fp)


def child_life(run_alone: Callable[..., Any], client: AsyncFastPix) -> int:
    """All a forked child does: one call with the inherited client; its exit status."""
    try:
        run_alone(fetch, client, "m1")
    except BaseException:
        traceback.print_exc()
        return 1
    return 0


def exit_code(child: int) -> int:
    """Wait for a child process (a quick one) and return its exit code."""
    _, status = os.waitpid(child, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
async def test_a_forked_child_opens_its_own_connection_and_the_parent_keeps_its_own(
    run_alone: Callable[..., Any],
) -> None:
    with raw_server(answer(MEDIA_BODY)) as server:
        async with AsyncFastPix("token-id", SECRET, base_url=server.url) as fp:
            await fp.media.get("m1")
            assert server.connections == 1
            child = os.fork()
            if child == 0:
                os._exit(child_life(run_alone, fp))  # never back into pytest
            assert exit_code(child) == 0
            assert len(server.requests) == 2
            assert server.connections == 2  # the child's request came on a new connection
            await fp.media.get("m1")
            assert server.connections == 2  # the parent's is still pooled, and still works
        assert len(server.requests) == 3
