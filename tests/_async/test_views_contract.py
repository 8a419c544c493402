"""View operations (list, details, top content, concurrent viewers) match the contract."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from fastpix_async import AsyncPage
from fastpix_async.models import (
    ConcurrentViewersBreakdownItem,
    ConcurrentViewersDimension,
    ConcurrentViewersPoint,
    Timespan,
    TopContentItem,
    View,
)
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

VIEW_CALLS: Calls = {
    "list_video_views": (
        lambda fp: fp.views.list(
            timespan="7:days",
            filter_by=["browser_name:Chrome", "!os_name:iOS"],
            limit=20,
            offset=2,
            viewer_id="viewer-1",
            error_code=1002,
            order_by="view_end",
            sort_order="desc",
        ),
        (AsyncPage, View),
    ),
    "get_video_view_details": (lambda fp: fp.views.get("view-1"), View),
    "list_by_top_content": (
        lambda fp: fp.views.top_content(
            timespan=Timespan.LAST_24_HOURS, filter_by=["country:IN"], limit=5
        ),
        (list, TopContentItem),
    ),
    "get-concurrent-viewers-timeseries": (
        lambda fp: fp.views.concurrent_timeseries(),
        (list, ConcurrentViewersPoint),
    ),
    "get-concurrent-viewers-breakdown": (
        lambda fp: fp.views.concurrent_breakdown(dimension="country", limit=10),
        (list, ConcurrentViewersBreakdownItem),
    ),
}


def test_every_view_operation_is_covered() -> None:
    assert set(VIEW_CALLS) == operations_under("/data/viewlist")
    assert len(VIEW_CALLS) == 5


@pytest.mark.parametrize("operation_id", sorted(VIEW_CALLS))
async def test_request_matches_the_contract_and_response_parses(
    server: ScriptedServer, operation_id: str
) -> None:
    await request_matches_and_example_parses(server, operation_id, *VIEW_CALLS[operation_id])


@pytest.mark.parametrize("operation_id", sorted(VIEW_CALLS))
async def test_generated_responses_parse_too(server: ScriptedServer, operation_id: str) -> None:
    await generated_response_parses(server, operation_id, *VIEW_CALLS[operation_id])


@pytest.mark.parametrize("operation_id", sorted(VIEW_CALLS))
async def test_error_envelope_becomes_not_found(server: ScriptedServer, operation_id: str) -> None:
    await not_found_raises(server, VIEW_CALLS[operation_id][0])


async def test_list_query_uses_the_contract_names(server: ScriptedServer) -> None:
    server.respond_data([], pagination={"totalRecords": 0, "currentOffset": 1, "offsetCount": 0})
    async with make_client(server) as fp:
        await fp.views.list(
            timespan="24:hours",
            filter_by=["browser_name:Chrome", "country:IN"],
            limit=5,
            viewer_id="v1",
            error_code="1002",
            order_by="view_end",
            sort_order="asc",
        )
    assert server.last.query == [
        ("timespan[]", "24:hours"),
        ("filterby[]", "browser_name:Chrome"),
        ("filterby[]", "country:IN"),
        ("limit", "5"),
        ("viewerId", "v1"),
        ("errorCode", "1002"),
        ("orderBy", "view_end"),
        ("sortOrder", "asc"),
        ("offset", "1"),
    ]


@pytest.mark.parametrize(
    "timespan, sent",
    [
        ("60:minutes", ["60:minutes"]),
        (Timespan.LAST_30_DAYS, ["30:days"]),
        (["3:days"], ["3:days"]),
        ((1712910924, 1713515724), ["1712910924", "1713515724"]),
        (
            [
                datetime(2024, 4, 12, 8, 35, 24, tzinfo=timezone.utc),
                datetime(2024, 4, 19, 8, 35, 24),  # naive: read as UTC
            ],
            ["1712910924", "1713515724"],
        ),
    ],
)
async def test_timespan_is_a_duration_or_an_epoch_range(
    server: ScriptedServer, timespan: Any, sent: list[str]
) -> None:
    server.respond_data([])
    async with make_client(server) as fp:
        await fp.views.top_content(timespan=timespan, filter_by="device_type:Mobile")
    assert [v for k, v in server.last.query if k == "timespan[]"] == sent
    assert [v for k, v in server.last.query if k == "filterby[]"] == ["device_type:Mobile"]


async def test_view_details_survive_numbers_as_strings_and_strings_as_numbers(
    server: ScriptedServer,
) -> None:
    data = sample_response(OPERATIONS["get_video_view_details"])["data"]
    data.update(
        {
            "watchTime": "987",  # integer as text
            "averageBitrate": "1512855.5",  # number as text
            "asnId": "55836",
            "playbackScore": "1",
            "errorCode": 1002,  # text as a number
            "errorId": 77,
            "latitude": 17.3669,
            "longitude": "78.5242",
            "fpApiVersion": 1.0,
            "sign": 1,
            "viewStart": 1713156224677,  # epoch milliseconds
            "playerHeight": "383",
            "brandNewField": {"anything": True},  # unknown keys are ignored
        }
    )
    server.respond_data(data)
    async with make_client(server) as fp:
        view = await fp.views.get("202b8e4f-c078-4b98-88c8-6f7c23ba7272")
    assert view.watch_time == 987 and view.asn_id == 55836
    assert view.average_bitrate == 1512855.5 and view.playback_score == 1.0
    assert view.error_code == "1002" and view.error_id == "77"
    assert view.latitude == 17.3669 and view.longitude == "78.5242"
    assert view.fp_api_version == 1.0 and view.sign == 1
    assert view.view_start == 1713156224677 and view.player_height == "383"
    assert view.custom is not None and view.custom.custom is not None
    assert view.custom.custom[0].dimension_name == "custom_1"
    assert view.events[0].e == "playerReady" and view.events[0].vt == "1713156224677"


async def test_view_list_items_read_their_summary_fields(server: ScriptedServer) -> None:
    server.respond(200, sample_response(OPERATIONS["list_video_views"]))
    async with make_client(server) as fp:
        page = await fp.views.list(timespan="7:days")
    first = page.data[0]
    assert first.qoe_score == pytest.approx(0.9559, abs=1e-4)
    assert first.view_start_time == "2024-04-15T04:43:44"
    assert page.has_next_page()


async def test_concurrent_breakdown_reads_snake_case_keys(server: ScriptedServer) -> None:
    rows_sent = [{"dimension_name": "IN", "concurrent_viewers": 12, "metricValue": 12}]
    server.respond(200, {"success": True, "data": rows_sent, "timespan": [1, 2]})
    async with make_client(server) as fp:
        rows = await fp.views.concurrent_breakdown(dimension=ConcurrentViewersDimension.COUNTRY)
    assert rows == [
        ConcurrentViewersBreakdownItem(dimension_name="IN", concurrent_viewers=12, metric_value=12)
    ]
    assert server.last.query == [("dimension", "country")]


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda fp: fp.views.list(timespan="2:weeks"), ValueError, "Timespan"),
        (lambda fp: fp.views.list(timespan=(5, 1)), ValueError, "after it ends"),
        (lambda fp: fp.views.list(timespan=(1, 2, 3)), ValueError, "pair"),
        (lambda fp: fp.views.list(timespan=("a", "b")), TypeError, "epoch"),
        (lambda fp: fp.views.list(timespan=(-1, 5)), ValueError, "negative"),
        (lambda fp: fp.views.list(timespan=24), TypeError, "timespan"),
        (lambda fp: fp.views.list(filter_by=["Chrome"]), ValueError, "browser_name:Chrome"),
        (lambda fp: fp.views.list(filter_by=[":Chrome"]), ValueError, None),
        (lambda fp: fp.views.list(filter_by=[3]), TypeError, None),
        (lambda fp: fp.views.list(limit=0), ValueError, "limit"),
        (lambda fp: fp.views.list(offset=0), ValueError, "offset"),
        (lambda fp: fp.views.list(sort_order="up"), ValueError, "SortOrder"),
        (lambda fp: fp.views.list(error_code=1.5), TypeError, "error_code"),
        (lambda fp: fp.views.list(viewer_id=""), ValueError, "viewer_id"),
        (lambda fp: fp.views.get(""), ValueError, "view_id"),
        (lambda fp: fp.views.top_content(limit=-3), ValueError, "limit"),
        (lambda fp: fp.views.concurrent_breakdown(dimension="browser"), ValueError, None),
    ],
)
async def test_bad_arguments_are_rejected_before_sending(
    server: ScriptedServer, call: Call, error: type[Exception], match: str | None
) -> None:
    await rejected_before_sending(server, call, error, match)
