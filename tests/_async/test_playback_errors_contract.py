"""The playback errors operation matches the contract."""

from __future__ import annotations

import pytest

from fastpix_async.models import PlaybackErrorReport
from tests._server import ScriptedServer
from tests.contract._contract import OPERATIONS, sample_response

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

ERROR_CALLS: Calls = {
    "list_errors": (
        lambda fp: fp.playback_errors.list(
            timespan="24:hours", filter_by=["browser_name:Chrome"], limit=5
        ),
        PlaybackErrorReport,
    ),
}


def test_every_playback_error_operation_is_covered() -> None:
    assert set(ERROR_CALLS) == operations_under("/data/errors")


@pytest.mark.parametrize("operation_id", sorted(ERROR_CALLS))
async def test_request_matches_the_contract_and_response_parses(
    server: ScriptedServer, operation_id: str
) -> None:
    await request_matches_and_example_parses(server, operation_id, *ERROR_CALLS[operation_id])


@pytest.mark.parametrize("operation_id", sorted(ERROR_CALLS))
async def test_generated_responses_parse_too(server: ScriptedServer, operation_id: str) -> None:
    await generated_response_parses(server, operation_id, *ERROR_CALLS[operation_id])


@pytest.mark.parametrize("operation_id", sorted(ERROR_CALLS))
async def test_error_envelope_becomes_not_found(server: ScriptedServer, operation_id: str) -> None:
    await not_found_raises(server, ERROR_CALLS[operation_id][0])


async def test_integer_error_codes_are_read_as_text(server: ScriptedServer) -> None:
    # the contract types code as a string; its own example sends 1003
    server.respond(200, sample_response(OPERATIONS["list_errors"]))
    async with make_client(server) as fp:
        report = await fp.playback_errors.list()
    assert report.errors[0].code == "1003" and report.top_errors[0].code == "1003"
    assert report.top_errors[0].unique_viewers_effected_percentage == pytest.approx(0.0122, 1e-2)
    assert server.last.query == []


async def test_integer_percentages_are_numbers(server: ScriptedServer) -> None:
    server.respond_data({"errors": [{"code": None, "percentage": 1}], "topErrors": []})
    async with make_client(server) as fp:
        report = await fp.playback_errors.list(timespan=(1610025789, 1610025947))
    assert report.errors[0].percentage == 1.0 and report.errors[0].code is None


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda fp: fp.playback_errors.list(limit=0), ValueError, "limit"),
        (lambda fp: fp.playback_errors.list(timespan="forever"), ValueError, "Timespan"),
        (lambda fp: fp.playback_errors.list(filter_by=["code"]), ValueError, None),
    ],
)
async def test_bad_arguments_are_rejected_before_sending(
    server: ScriptedServer, call: Call, error: type[Exception], match: str | None
) -> None:
    await rejected_before_sending(server, call, error, match)
