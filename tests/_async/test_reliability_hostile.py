"""Hostile input: IDs that try to change the path, arguments out of range, and a server's
malicious ``Retry-After``. What matters is what arrives at the server (or that nothing
does), so each case is checked there. (tests/reliability/test_hostile_pure.py fuzzes the
same rules without sockets.)"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import quote

import pytest

from fastpix_async import AsyncFastPix, RetryPolicy
from fastpix_async.testing import FastPixEmulator
from tests.reliability._leaks import no_leaks  # noqa: F401 - autouse guard
from tests.reliability._tcp import answer, raw_server, request_target

ENVELOPE = b'{"success": true, "data": {"id": "x", "streamId": "x"}}'

HOSTILE_IDS = [
    "a/b",
    "../../signing-keys",
    "..%2F..%2Fsigning-keys",
    "a/../../v2/x",
    "a?limit=1",
    "a#fragment",
    "a b",
    "a+b",
    "a;b=c",
    "a\\b",
    "%00",
    "%2e%2e",
    "...",
    "ünïcödé",
    "🎬\u202e",
    "a\u2028b",
    "\u3000a",
    "/",
    "?",
    "#",
    "@evil.example",
    "http://evil.example/",
]
REJECTED_IDS = ["", " ", "\t", "..", ".", "a\nb", "a\rb", "\x00", "a\x7fb", "a\tb", "a\x1bb"]


def raw_client(url: str, **options: object) -> AsyncFastPix:
    return AsyncFastPix("token-id", "secret-key", base_url=url, **options)  # type: ignore[arg-type]


def emulator_client(emulator: FastPixEmulator, **options: object) -> AsyncFastPix:
    return AsyncFastPix(
        emulator.access_token_id,
        emulator.secret_key,
        base_url=emulator.base_url,
        **options,  # type: ignore[arg-type]
    )


GETTERS: dict[str, tuple[str, Callable[[AsyncFastPix, str], Awaitable[object]]]] = {
    "media": ("/v1/on-demand/", lambda fp, i: fp.media.get(i)),
    "live_streams": ("/v1/live/streams/", lambda fp, i: fp.live_streams.get(i)),
    "playlists": ("/v1/on-demand/playlists/", lambda fp, i: fp.playlists.get(i)),
    "signing_keys": ("/v1/iam/signing-keys/", lambda fp, i: fp.signing_keys.get(i)),
}


@pytest.mark.parametrize("resource", sorted(GETTERS))
async def test_hostile_ids_stay_inside_one_path_segment(resource: str) -> None:
    prefix, get = GETTERS[resource]
    with raw_server(answer(ENVELOPE)) as server:
        async with raw_client(server.url) as fp:
            for hostile in HOSTILE_IDS:
                await get(fp, hostile)
    targets = [request_target(head) for head in server.requests]
    assert targets == [prefix + quote(hostile, safe="") for hostile in HOSTILE_IDS]
    for target in targets:  # nothing outside the last segment moved
        segment = target[len(prefix) :]
        assert "/" not in segment and "?" not in segment and "#" not in segment


@pytest.mark.parametrize("hostile", REJECTED_IDS, ids=repr)
async def test_unusable_ids_are_rejected_before_anything_is_sent(hostile: str) -> None:
    with raw_server(answer(ENVELOPE)) as server:
        async with raw_client(server.url) as fp:
            for _, get in GETTERS.values():
                with pytest.raises(ValueError):
                    await get(fp, hostile)
    assert server.connections == 0


BAD_CALLS: dict[str, tuple[type[Exception], Callable[[AsyncFastPix], Awaitable[object]]]] = {
    "limit 0": (ValueError, lambda fp: fp.live_streams.list(limit=0)),
    "limit too big": (ValueError, lambda fp: fp.playlists.list(limit=10_000)),
    "negative limit": (ValueError, lambda fp: fp.signing_keys.list(limit=-1)),
    "limit as text": (TypeError, lambda fp: fp.media.list(limit="10")),  # type: ignore[arg-type]
    "limit as bool": (TypeError, lambda fp: fp.media.list(limit=True)),
    "limit as float": (TypeError, lambda fp: fp.media.list(limit=2.5)),  # type: ignore[arg-type]
    "offset 0": (ValueError, lambda fp: fp.live_streams.list(offset=0)),
    "unknown order": (ValueError, lambda fp: fp.live_streams.list(order_by="random")),
    "unknown sort order": (ValueError, lambda fp: fp.views.list(sort_order="up")),
    "ID list as text": (TypeError, lambda fp: fp.playlists.add_media("p1", media_ids="m1")),
    "empty ID list": (ValueError, lambda fp: fp.playlists.add_media("p1", media_ids=[])),
    "ID list with a blank ID": (
        ValueError,
        lambda fp: fp.playlists.add_media("p1", media_ids=["m1", " "]),
    ),
    "ID list with a number": (
        ValueError,
        lambda fp: fp.playlists.add_media("p1", media_ids=[42]),  # type: ignore[list-item]
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CALLS))
async def test_bad_arguments_are_rejected_before_anything_is_sent(
    fastpix_emulator_thread: FastPixEmulator, case: str
) -> None:
    error, call = BAD_CALLS[case]
    async with emulator_client(fastpix_emulator_thread) as fp:
        with pytest.raises(error):
            await call(fp)
    assert fastpix_emulator_thread.requests == []


MALICIOUS_RETRY_AFTER = {
    "inf": 1.0,  # not delta-seconds: the client's own backoff
    "-inf": 1.0,
    "NaN": 1.0,
    "1e999": 1.0,
    "1_000": 1.0,
    "0x10": 1.0,
    "soon, I promise": 1.0,
    "99999999999999999999999999999999": 60.0,  # capped at max_retry_after
    "Fri, 31 Dec 9999 23:59:59 GMT": 60.0,
    "-30": 0.0,  # in the past
    "Thu, 01 Jan 1970 00:00:00 GMT": 0.0,
}


@pytest.mark.parametrize("value", sorted(MALICIOUS_RETRY_AFTER))
async def test_a_malicious_retry_after_cannot_stall_the_client(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float], value: str
) -> None:
    emulator = fastpix_emulator_thread
    emulator.add_fault("GET", "/on-demand", status=503, retry_after=value)
    async with emulator_client(emulator, retry=RetryPolicy(jitter=0)) as fp:
        await fp.media.list()
    assert sleeps == [MALICIOUS_RETRY_AFTER[value]]


async def test_the_retry_after_cap_is_the_policy_s(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    emulator.add_fault("GET", "/on-demand", status=429, retry_after="3600", times=2)
    async with emulator_client(emulator, retry=RetryPolicy(max_retry_after=5)) as fp:
        await fp.media.list()
    assert sleeps == [5.0, 5.0]
