"""Hostile input fuzzed without sockets: path IDs, ``Retry-After`` values and response bodies.

tests/test_models.py fuzzes the Media converter alone; here whole responses (status, raw
bytes, envelope, several endpoints) go through the request pipeline, which must give a
model or one of the SDK's typed errors and nothing else. The sync client is used: its
pipeline is generated from the async one.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fastpix_async import RetryPolicy
from fastpix_async._http import path
from fastpix_async._retry import parse_retry_after
from fastpix_sync import APIStatusError, FastPix, ResponseValidationError
from fastpix_sync._types import Response

# -- path IDs ------------------------------------------------------------------------------


@settings(max_examples=500)
@given(st.text())
def test_any_id_is_rejected_or_becomes_exactly_one_segment(media_id: str) -> None:
    try:
        sent = path("/on-demand/{media_id}", media_id=media_id)
    except ValueError:
        assert media_id.strip() in ("", ".", "..") or any(
            ord(c) < 0x20 or ord(c) == 0x7F for c in media_id
        )
        return
    segment = sent.removeprefix("/on-demand/")
    assert sent == "/on-demand/" + segment
    assert not set(segment) & set("/?#% \\") - {"%"}  # only %-escapes, no separators
    assert segment.isascii() and unquote(segment, errors="strict") == media_id


# -- Retry-After ---------------------------------------------------------------------------

HTTP_DATES = st.datetimes().map(lambda d: d.strftime("%a, %d %b %Y %H:%M:%S GMT"))
NUMBERS = st.floats(allow_nan=True, allow_infinity=True).map(repr) | st.integers().map(str)
RETRY_AFTER = st.text() | HTTP_DATES | NUMBERS | st.sampled_from(["inf", "-inf", "nan", "1e309"])


@settings(max_examples=500)
@given(RETRY_AFTER, st.floats(min_value=0, max_value=120))
def test_no_retry_after_value_escapes_the_cap(value: str, cap: float) -> None:
    policy = RetryPolicy(max_retry_after=cap, max_interval=10, jitter=0)
    parsed = parse_retry_after(value)
    assert parsed is None or parsed >= 0
    delay = policy.delay(1, {"retry-after": value})
    assert math.isfinite(delay) and 0 <= delay <= max(cap, policy.max_interval)


@given(st.integers(min_value=1, max_value=100_000))
def test_backoff_is_finite_and_capped_for_any_attempt(attempt: int) -> None:
    policy = RetryPolicy(max_attempts=100_000, max_interval=10)
    assert 0 <= policy.backoff(attempt) <= 10


# -- response bodies -----------------------------------------------------------------------


class _CannedTransport:
    """Stands in for the urllib3 transport: every request gets the same response."""

    closed = False
    max_connections = 1

    def __init__(self, status: int, body: bytes) -> None:
        self.response = Response(status, {"Content-Type": "application/json"}, body)

    def send(self, *_: object) -> Response:
        return self.response

    def close(self) -> None:
        self.closed = True


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["Ready", "ready", "NotAStatus", "1e400", "2024-13-45T99:99:99Z"]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=25,
)
FIELDS = [
    "id",
    "streamId",
    "status",
    "playbackIds",
    "tracks",
    "createdAt",
    "duration",
    "metadata",
    "name",
    "mediaList",
    "totalRecords",
]
DATA = st.dictionaries(st.sampled_from(FIELDS), JSON, max_size=8) | JSON
DEEP = st.integers(1, 3000).map(lambda depth: "[" * depth + "]" * depth)
HUGE = st.sampled_from(["x" * 200_000, "é" * 100_000])


def _envelope(success: Any, data: Any, pagination: Any) -> bytes:
    return json.dumps({"success": success, "data": data, "pagination": pagination}).encode()


BODIES = (
    st.binary(max_size=200)
    | st.builds(_envelope, st.booleans() | JSON, DATA | HUGE, JSON)
    | DEEP.map(lambda deep: b'{"success": true, "data": ' + deep.encode() + b"}")
    | DEEP.map(str.encode)
    | JSON.map(lambda value: json.dumps(value).encode())
)
CALLS: list[Callable[[FastPix], object]] = [
    lambda fp: fp.media.get("m1"),
    lambda fp: fp.media.list(),
    lambda fp: fp.live_streams.get("s1"),
    lambda fp: fp.playlists.get("p1"),
    lambda fp: fp.signing_keys.list(),
    lambda fp: fp.views.list(),
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([200, 201, 204, 400, 404, 422, 429, 500, 502]), BODIES, st.sampled_from(CALLS)
)
def test_any_response_gives_a_model_or_a_typed_error(
    status: int, body: bytes, call: Callable[[FastPix], object]
) -> None:
    with FastPix("id", "secret", base_url="http://127.0.0.1:9/v1/", max_retries=0) as fp:
        fp._requester.transport = _CannedTransport(status, body)  # type: ignore[assignment]
        try:
            call(fp)
        except ResponseValidationError:
            assert 200 <= status < 300
        except APIStatusError as error:
            assert error.status_code == status


def _answer(status: int, body: bytes, call: Callable[[FastPix], object]) -> BaseException:
    with FastPix("id", "secret", base_url="http://127.0.0.1:9/v1/", max_retries=0) as fp:
        fp._requester.transport = _CannedTransport(status, body)  # type: ignore[assignment]
        try:
            call(fp)
        except Exception as error:
            return error
    raise AssertionError("no error raised")


def test_json_nested_past_the_recursion_limit_is_a_typed_error() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    error = _answer(200, b'{"success": true, "data": ' + deep + b"}", CALLS[0])
    assert isinstance(error, ResponseValidationError) and "not JSON" in str(error)
    error = _answer(502, deep, CALLS[0])
    assert isinstance(error, APIStatusError) and error.status_code == 502


def test_a_string_where_a_list_belongs_is_rejected_whole() -> None:
    body = _envelope(True, "x" * 100_000, None)
    error = _answer(200, body, lambda fp: fp.media.list())
    assert isinstance(error, ResponseValidationError) and "expected a list, got str" in str(error)
