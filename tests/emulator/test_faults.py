"""Injected faults, and what the emulator records of the traffic it gets."""

from __future__ import annotations

import asyncio
import json
import time

import aiohttp
import pytest

from fastpix_async.testing import FastPixEmulator
from tests.emulator._client import Api

MEDIA = {"inputs": [{"type": "video", "url": "https://x/y.mp4"}], "accessPolicy": "public"}


async def test_a_burst_of_503s_then_success(api: Api, emu: FastPixEmulator) -> None:
    fault = emu.add_fault("GET", "/on-demand", status=503, times=2)
    statuses = [(await api.get("on-demand")).status for _ in range(3)]
    assert statuses == [503, 503, 200]
    assert fault.hits == 2
    reply = await api.get("on-demand")
    assert reply.status == 200


async def test_a_fault_with_a_probability_disturbs_about_that_share(
    api: Api, emu: FastPixEmulator
) -> None:
    fault = emu.add_fault("GET", "/on-demand", status=503, probability=0.25, times=1000)
    statuses = [(await api.get("on-demand")).status for _ in range(400)]
    failed = statuses.count(503)
    assert failed == fault.hits and statuses.count(200) == 400 - failed
    assert 50 <= failed <= 150  # 100 expected; outside this, far under one run in a million
    with pytest.raises(ValueError, match="probability"):
        emu.add_fault("GET", "/on-demand", status=503, probability=0)


async def test_503_comes_in_the_error_envelope(api: Api, emu: FastPixEmulator) -> None:
    emu.add_fault("GET", "/on-demand/{mediaId}", status=503)
    reply = await api.get("on-demand/anything")
    assert reply.status == 503
    assert reply.error["code"] == 503 and reply.error["message"]


async def test_429_with_retry_after(api: Api, emu: FastPixEmulator) -> None:
    emu.add_fault("POST", "/on-demand", status=429, retry_after="1")
    reply = await api.post("on-demand", json=MEDIA)
    assert reply.status == 429
    assert reply.headers["Retry-After"] == "1"
    assert reply.error["code"] == 429
    assert (await api.get("on-demand")).data == []  # the create never happened
    assert (await api.post("on-demand", json=MEDIA)).status == 201


async def test_latency_delays_the_real_answer(api: Api, emu: FastPixEmulator) -> None:
    emu.add_fault("GET", "/on-demand", latency=0.3)
    started = time.monotonic()
    reply = await api.get("on-demand")
    assert time.monotonic() - started >= 0.3
    assert reply.status == 200 and reply.data == []


async def test_a_dropped_connection_after_the_create_happened(
    api: Api, emu: FastPixEmulator
) -> None:
    emu.add_fault("POST", "/on-demand", drop_connection=True)
    headers = {"Idempotency-Key": "retry-me"}
    with pytest.raises(aiohttp.ClientError):
        await api.post("on-demand", json=MEDIA, headers=headers)
    listed = (await api.get("on-demand")).data
    assert len(listed) == 1  # the server did create it; only the answer was lost
    retried = await api.post("on-demand", json=MEDIA, headers=headers)
    assert retried.status == 201 and retried.data["id"] == listed[0]["id"]
    assert len((await api.get("on-demand")).data) == 1


async def test_a_dropped_connection_with_a_status(api: Api, emu: FastPixEmulator) -> None:
    emu.add_fault("GET", "*", status=500, drop_connection=True)
    with pytest.raises(aiohttp.ClientError):
        await api.get("on-demand")
    assert (await api.get("on-demand")).status == 200


async def test_a_truncated_body_fails_while_reading(api: Api, emu: FastPixEmulator) -> None:
    media = await api.create_media()
    emu.add_fault("GET", "/on-demand/{mediaId}", truncate_body=True)
    async with aiohttp.ClientSession() as session:
        async with session.get(
            f"{emu.base_url}on-demand/{media['id']}", headers={"Authorization": api.authorization}
        ) as response:
            assert response.status == 200
            assert int(response.headers["Content-Length"]) > 0
            with pytest.raises(aiohttp.ClientPayloadError):
                await response.read()
    assert (await api.get(f"on-demand/{media['id']}")).status == 200


async def test_a_raw_non_json_body(api: Api, emu: FastPixEmulator) -> None:
    page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    emu.add_fault("*", "*", status=502, body=page, content_type="text/html")
    reply = await api.get("live/streams")
    assert (reply.status, reply.raw) == (502, page)
    assert reply.headers["Content-Type"].startswith("text/html")


async def test_faults_match_method_and_template_only(api: Api, emu: FastPixEmulator) -> None:
    emu.add_fault("DELETE", "/on-demand/{mediaId}", status=500)
    emu.add_fault("GET", "/v1/live/streams", status=418)  # the /v1 prefix is optional
    media = await api.create_media()
    assert (await api.get(f"on-demand/{media['id']}")).status == 200
    assert (await api.get("live/streams")).status == 418
    assert (await api.delete(f"on-demand/{media['id']}")).status == 500
    assert (await api.delete(f"on-demand/{media['id']}")).status == 200


async def test_clear_faults(api: Api, emu: FastPixEmulator) -> None:
    emu.add_fault("*", "*", status=500, times=10)
    emu.add_upload_fault("expire", times=10)
    emu.clear_faults()
    assert (await api.get("on-demand")).status == 200
    upload = (await api.post("on-demand/upload", json={"corsOrigin": "*"})).data
    put = await api.put(
        upload["url"], data=b"abc", headers={"Content-Range": "bytes 0-2/3"}, auth=False
    )
    assert put.status == 200


async def test_the_upload_url_takes_http_faults_too(api: Api, emu: FastPixEmulator) -> None:
    upload = (await api.post("on-demand/upload", json={"corsOrigin": "*"})).data
    emu.add_fault("PUT", "/upload/{uploadId}", status=503)
    first = await api.put(
        upload["url"], data=b"abc", headers={"Content-Range": "bytes 0-2/3"}, auth=False
    )
    assert first.status == 503
    assert emu.upload_size(upload["uploadId"]) == 0
    again = await api.put(
        upload["url"], data=b"abc", headers={"Content-Range": "bytes 0-2/3"}, auth=False
    )
    assert again.status == 200


async def test_bad_fault_arguments(emu: FastPixEmulator) -> None:
    with pytest.raises(ValueError, match="times"):
        emu.add_fault("GET", "/on-demand", status=500, times=0)
    with pytest.raises(ValueError, match="path"):
        emu.add_fault("GET", "on-demand", status=500)
    with pytest.raises(ValueError, match="kind"):
        emu.add_upload_fault("explode")  # type: ignore[arg-type]


async def test_requests_are_recorded(api: Api, emu: FastPixEmulator) -> None:
    await api.post("on-demand", json=MEDIA, params={"a": "1"}, headers={"X-Trace": "t1"})
    await api.get("on-demand", params=[("limit", "5"), ("limit", "6")])
    first, second = emu.requests
    assert (first.method, first.path, first.route) == ("POST", "/v1/on-demand", "/on-demand")
    assert first.query == [("a", "1")]
    assert first.headers["X-Trace"] == "t1"
    assert json.loads(first.body) == MEDIA
    assert second.query == [("limit", "5"), ("limit", "6")] and second.body == b""
    assert first.time <= second.time
    emu.reset_stats()
    assert emu.requests == [] and emu.max_in_flight == 0
    media = await api.create_media()
    await api.get(f"on-demand/{media['id']}")
    assert emu.requests[-1].route == "/on-demand/{mediaId}"


async def test_max_in_flight_is_the_peak_of_concurrent_requests(
    api: Api, emu: FastPixEmulator
) -> None:
    await api.get("on-demand")
    assert emu.max_in_flight == 1
    emu.add_fault("GET", "/on-demand", latency=0.2, times=5)
    replies = await asyncio.gather(*(api.get("on-demand") for _ in range(5)))
    assert [r.status for r in replies] == [200] * 5
    assert emu.max_in_flight == 5
