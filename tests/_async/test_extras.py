"""Per-call extras through ``with_options``: headers, query parameters and body fields."""

from __future__ import annotations

import json

import pytest

from fastpix_async.models import VideoInput
from fastpix_async.testing import FastPixEmulator

from ._integration import VIDEO, make_client


async def test_extra_body_is_merged_into_the_json_body_at_the_top_level(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        media = await fp.with_options(extra_body={"newField": 1}).media.create(
            inputs=[VideoInput(url=VIDEO)], title="clip"
        )
    [sent] = emulator.requests
    body = json.loads(sent.body)
    assert body["newField"] == 1 and body["title"] == "clip" and "inputs" in body
    assert media.id  # the API took it


async def test_extra_body_wins_over_a_field_the_sdk_sends(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        await fp.with_options(extra_body={"accessPolicy": "private"}).media.create(
            inputs=[VideoInput(url=VIDEO)]
        )
    assert json.loads(emulator.requests[0].body)["accessPolicy"] == "private"


async def test_a_call_without_a_body_sends_none_despite_extra_body(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        await fp.with_options(extra_body={"newField": 1}).media.list()
    assert emulator.requests[0].body == b""


async def test_extra_query_is_appended_to_the_query(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        media = await fp.media.create(inputs=[VideoInput(url=VIDEO)])
        emulator.reset_stats()
        extra = fp.with_options(extra_query={"expand": ["tracks", "ids"], "beta": True})
        await extra.media.list(limit=5)
        await extra.media.get(media.id)
    listed, got = emulator.requests
    assert listed.query == [
        ("limit", "5"),
        ("offset", "1"),
        ("expand", "tracks"),
        ("expand", "ids"),
        ("beta", "true"),
    ]
    assert got.query == [("expand", "tracks"), ("expand", "ids"), ("beta", "true")]


async def test_extras_add_up_over_with_options_and_leave_the_parent_alone(
    fastpix_emulator_thread: FastPixEmulator,
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        first = fp.with_options(extra_headers={"X-One": "1"}, extra_query={"a": 1})
        both = first.with_options(extra_headers={"X-Two": "2"}, extra_query={"b": 2})
        await both.media.list()
        await fp.media.list()
    derived, plain = emulator.requests
    assert derived.headers["X-One"] == "1" and derived.headers["X-Two"] == "2"
    assert derived.query[-2:] == [("a", "1"), ("b", "2")]
    assert "X-One" not in plain.headers and plain.query == [("offset", "1")]


@pytest.mark.parametrize(
    "options, message",
    [
        ({"extra_body": {"when": object()}}, "extra_body must be JSON-serializable"),
        ({"extra_body": {1: "x"}}, "extra_body keys"),
        ({"extra_query": {"when": None}}, r"extra_query\['when'\]"),
        ({"extra_query": {"": "x"}}, "extra_query names"),
    ],
)
async def test_bad_extras_are_refused_before_anything_is_sent(
    fastpix_emulator_thread: FastPixEmulator, options: dict[str, object], message: str
) -> None:
    emulator = fastpix_emulator_thread
    async with make_client(emulator) as fp:
        with pytest.raises(TypeError, match=message):
            fp.with_options(**options)  # type: ignore[arg-type]
    assert emulator.requests == []
