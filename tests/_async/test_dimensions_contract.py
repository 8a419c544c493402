"""Dimension operations match the contract."""

from __future__ import annotations

import pytest

from fastpix_async.models import Dimension, DimensionValue
from tests._server import ScriptedServer

from ._contract_checks import (
    Call,
    Calls,
    generated_response_parses,
    make_client,
    not_found_raises,
    operations_under,
    rejected_before_sending,
    request_matches_and_example_parses,
)

DIMENSION_CALLS: Calls = {
    "list_dimensions": (lambda fp: fp.dimensions.list(), (list, str)),
    "list_filter_values_for_dimension": (
        lambda fp: fp.dimensions.filter_values(
            "browser_name", timespan="7:days", filter_by=["country:IN"]
        ),
        (list, DimensionValue),
    ),
}


def test_every_dimension_operation_is_covered() -> None:
    assert set(DIMENSION_CALLS) == operations_under("/data/dimensions")


@pytest.mark.parametrize("operation_id", sorted(DIMENSION_CALLS))
async def test_request_matches_the_contract_and_response_parses(
    server: ScriptedServer, operation_id: str
) -> None:
    await request_matches_and_example_parses(server, operation_id, *DIMENSION_CALLS[operation_id])


@pytest.mark.parametrize("operation_id", sorted(DIMENSION_CALLS))
async def test_generated_responses_parse_too(server: ScriptedServer, operation_id: str) -> None:
    await generated_response_parses(server, operation_id, *DIMENSION_CALLS[operation_id])


@pytest.mark.parametrize("operation_id", sorted(DIMENSION_CALLS))
async def test_error_envelope_becomes_not_found(server: ScriptedServer, operation_id: str) -> None:
    await not_found_raises(server, DIMENSION_CALLS[operation_id][0])


async def test_known_dimensions_become_members_and_new_ones_stay_text(
    server: ScriptedServer,
) -> None:
    server.respond_data(["browser_name", "CDN", "custom_10", "shiny_new_dimension"])
    async with make_client(server) as fp:
        names = await fp.dimensions.list()
    assert names == [
        Dimension.BROWSER_NAME,
        Dimension.CDN,
        Dimension.CUSTOM_10,
        "shiny_new_dimension",
    ]
    assert names[1] is Dimension.CDN and type(names[3]) is str


async def test_filter_values_path_and_query(server: ScriptedServer) -> None:
    sent = [{"value": "Chrome", "count": 44, "uniqueCount": 20}]
    server.respond(200, {"success": True, "data": sent, "timespan": [1, 2]})
    async with make_client(server) as fp:
        values = await fp.dimensions.filter_values(Dimension.CUSTOM_3, timespan=(1, 2))
    assert server.last.path == "/data/dimensions/custom_3"
    assert server.last.query == [("timespan[]", "1"), ("timespan[]", "2")]
    assert values == [DimensionValue(value="Chrome", count=44, unique_count=20)]


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda fp: fp.dimensions.filter_values("browser"), ValueError, "Dimension"),
        (lambda fp: fp.dimensions.filter_values(""), ValueError, None),
        (
            lambda fp: fp.dimensions.filter_values("cdn", timespan="1:year"),
            ValueError,
            "Timespan",
        ),
        (lambda fp: fp.dimensions.filter_values("cdn", filter_by=["cdn"]), ValueError, None),
    ],
)
async def test_bad_arguments_are_rejected_before_sending(
    server: ScriptedServer, call: Call, error: type[Exception], match: str | None
) -> None:
    await rejected_before_sending(server, call, error, match)
