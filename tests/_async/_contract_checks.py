"""The checks every operation's contract test runs (``tests/_async/test_*_contract.py``).

Each test module holds a table ``operationId -> (call, expected)``: ``call`` makes the SDK
call on a client, ``expected`` is the result's type, or ``(container, item type)`` for
lists and pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from fastpix_async import AsyncFastPix, AsyncPage, NotFoundError
from tests._server import ScriptedServer
from tests.contract._contract import (
    OPERATIONS,
    check_request,
    match_operation,
    sample_error,
    sample_response,
)

Call = Callable[[AsyncFastPix], Any]
Expected = Any  # a type, or (list | AsyncPage, item type)
Calls = dict[str, tuple[Call, Expected]]


def make_client(server: ScriptedServer) -> AsyncFastPix:
    return AsyncFastPix("token-id", "secret-key", base_url=server.url, max_retries=0)


def assert_result(result: Any, expected: Expected) -> None:
    if isinstance(expected, tuple):
        container, item_type = expected
        assert isinstance(result, container), type(result)
        items = result.data if isinstance(result, AsyncPage) else result
        assert items, "the sample response has items"
        assert all(isinstance(item, item_type) for item in items), items
    else:
        assert isinstance(result, expected), type(result)


async def request_matches_and_example_parses(
    server: ScriptedServer, operation_id: str, call: Call, expected: Expected
) -> None:
    op = OPERATIONS[operation_id]
    server.respond(int(op.success_status), sample_response(op))
    async with make_client(server) as fp:
        result = await call(fp)
    assert len(server.requests) == 1
    sent = server.last
    assert match_operation(sent.method, sent.path) is op
    check_request(op, sent.method, sent.path, sent.query, sent.json)
    assert_result(result, expected)


async def generated_response_parses(
    server: ScriptedServer, operation_id: str, call: Call, expected: Expected
) -> None:
    op = OPERATIONS[operation_id]
    server.respond(int(op.success_status), sample_response(op, generated=True))
    async with make_client(server) as fp:
        result = await call(fp)
    assert_result(result, expected)


async def not_found_raises(server: ScriptedServer, call: Call) -> None:
    server.respond(404, sample_error(404))
    async with make_client(server) as fp:
        with pytest.raises(NotFoundError) as caught:
            await call(fp)
    assert caught.value.status_code == 404
    assert caught.value.error is not None and caught.value.error.message == "Not Found"


async def rejected_before_sending(
    server: ScriptedServer, call: Call, error: type[Exception], match: str | None = None
) -> None:
    async with make_client(server) as fp:
        with pytest.raises(error, match=match):
            await call(fp)
    assert server.requests == []


def operations_under(*prefixes: str) -> set[str]:
    return {op_id for op_id, op in OPERATIONS.items() if op.path.startswith(prefixes)}
