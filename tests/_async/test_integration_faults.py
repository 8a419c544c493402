"""Injected faults on non-media resources, through the SDK over real sockets.

The ``sleeps`` fixture records each backoff instead of waiting it out; the emulator
counts the attempts that actually reached it.
"""

from __future__ import annotations

import pytest

from fastpix_async import InternalServerError, ResponseValidationError
from fastpix_async.testing import FastPixEmulator

from ._integration import make_client

STREAM = "/live/streams/{streamId}"


async def test_503_burst_is_retried_until_it_succeeds(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        stream = await fp.live_streams.create()
        emulator.add_fault("GET", STREAM, status=503, times=2)
        emulator.reset_stats()
        assert (await fp.live_streams.get(stream.stream_id)).stream_id == stream.stream_id
    assert [r.route for r in emulator.requests] == [STREAM] * 3
    assert len(sleeps) == 2


async def test_429_waits_as_long_as_retry_after_says(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:  # its own backoff is milliseconds: 7 s is the header's
        emulator.add_fault("GET", "/on-demand/playlists", status=429, retry_after="7")
        page = await fp.playlists.list()
    assert page.data == [] and len(emulator.requests) == 2
    assert sleeps == [7.0]


async def test_dropped_connection_is_retried(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        configuration = (await fp.drm_configurations.list()).data[0]
        emulator.add_fault(
            "GET", "/on-demand/drm-configurations/{drmConfigurationId}", drop_connection=True
        )
        emulator.reset_stats()
        assert (await fp.drm_configurations.get(configuration.id)).id == configuration.id
    assert len(emulator.requests) == 2 and len(sleeps) == 1


async def test_a_create_whose_answer_is_lost_is_made_once(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        # the stream is created but the answer dies; the retry carries the same
        # Idempotency-Key, so the emulator replays the first answer instead of creating again
        emulator.add_fault("POST", "/live/streams", drop_connection=True)
        stream = await fp.live_streams.create()
        streams = [s.stream_id async for s in fp.live_streams.list_all()]
    assert streams == [stream.stream_id] and len(sleeps) == 1
    first, retry = (r for r in emulator.requests if r.method == "POST")
    assert first.headers["Idempotency-Key"] == retry.headers["Idempotency-Key"]


async def test_truncated_json_is_a_response_validation_error(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    cut_short = b'{"success": true, "data": {"id": "5e1f'
    emulator.add_fault(
        "GET", "/iam/signing-keys", status=200, body=cut_short, content_type="application/json"
    )
    async with make_client(emulator) as fp:
        with pytest.raises(ResponseValidationError) as raised:
            await fp.signing_keys.list()
    assert raised.value.body == cut_short
    assert len(emulator.requests) == 1 and sleeps == []  # a bad body is not retried


async def test_html_502_is_an_internal_server_error_after_retries(
    fastpix_emulator_thread: FastPixEmulator, sleeps: list[float]
) -> None:
    emulator = fastpix_emulator_thread
    page = b"<html><body>502 Bad Gateway</body></html>"
    emulator.add_fault(
        "GET", "/data/errors", status=502, body=page, content_type="text/html", times=3
    )
    async with make_client(emulator) as fp:
        with pytest.raises(InternalServerError) as raised:
            await fp.playback_errors.list()
    assert raised.value.status_code == 502 and raised.value.error is None
    assert raised.value.body == page
    assert len(emulator.requests) == 3 and len(sleeps) == 2
