"""Metric operations (overall, breakdown, timeseries, comparison) match the contract."""

from __future__ import annotations

import pytest

from fastpix_async import AsyncPage
from fastpix_async.models import (
    Dimension,
    Measurement,
    Metric,
    MetricBreakdownItem,
    MetricComparison,
    MetricTimeseriesPoint,
    MetricValue,
)
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

METRIC_CALLS: Calls = {
    "list_overall_values": (
        lambda fp: fp.metrics.overall(
            "quality_of_experience_score",
            timespan="7:days",
            measurement="avg",
            filter_by=["browser_name:Chrome"],
        ),
        MetricValue,
    ),
    "list_breakdown_values": (
        lambda fp: fp.metrics.breakdown(
            Metric.VIEWS,
            timespan="24:hours",
            filter_by=["country:IN"],
            limit=10,
            offset=1,
            group_by="browser_name",
            order_by="views",
            sort_order="desc",
            measurement=Measurement.COUNT,
        ),
        (AsyncPage, MetricBreakdownItem),
    ),
    "get_timeseries_data": (
        lambda fp: fp.metrics.timeseries(
            "playback_score",
            timespan=(1712910924, 1713515724),
            group_by="hour",
            sort_order="asc",
            measurement="95th",
            filter_by=["device_type:Mobile"],
        ),
        (list, MetricTimeseriesPoint),
    ),
    "list_comparison_values": (
        lambda fp: fp.metrics.comparison(
            timespan="30:days",
            filter_by=["os_name:Android"],
            dimension="browser_name",
            value="Chrome",
        ),
        (list, MetricComparison),
    ),
}


def test_every_metric_operation_is_covered() -> None:
    assert set(METRIC_CALLS) == operations_under("/data/metrics")
    assert len(METRIC_CALLS) == 4


@pytest.mark.parametrize("operation_id", sorted(METRIC_CALLS))
async def test_request_matches_the_contract_and_response_parses(
    server: ScriptedServer, operation_id: str
) -> None:
    await request_matches_and_example_parses(server, operation_id, *METRIC_CALLS[operation_id])


@pytest.mark.parametrize("operation_id", sorted(METRIC_CALLS))
async def test_generated_responses_parse_too(server: ScriptedServer, operation_id: str) -> None:
    await generated_response_parses(server, operation_id, *METRIC_CALLS[operation_id])


@pytest.mark.parametrize("operation_id", sorted(METRIC_CALLS))
async def test_error_envelope_becomes_not_found(server: ScriptedServer, operation_id: str) -> None:
    await not_found_raises(server, METRIC_CALLS[operation_id][0])


async def test_overall_query_and_path(server: ScriptedServer) -> None:
    server.respond_data({"value": 0.74, "globalValue": 0.7, "totalViews": 195})
    async with make_client(server) as fp:
        result = await fp.metrics.overall(
            Metric.VIEWS, timespan="24:hours", filter_by=["country:IN", "!cdn:akamai"]
        )
    assert server.last.path == "/data/metrics/views/overall"
    assert server.last.query == [
        ("timespan[]", "24:hours"),
        ("filterby[]", "country:IN"),
        ("filterby[]", "!cdn:akamai"),
    ]
    assert result == MetricValue(value=0.74, global_value=0.7, total_views=195)


async def test_comparison_items_nest(server: ScriptedServer) -> None:
    server.respond_data(
        [
            {
                "name": "Views",
                "metric": "views",
                "value": 6,
                "items": [{"name": "Playing Time", "metric": "playingTime", "value": "503934"}],
            }
        ]
    )
    async with make_client(server) as fp:
        rows = await fp.metrics.comparison(dimension=Dimension.BROWSER_NAME, value="Chrome")
    assert rows[0].value == 6.0
    assert rows[0].items is not None and rows[0].items[0].value == 503934.0
    assert rows[0].items[0].items is None


async def test_breakdown_all_walks_the_pages(server: ScriptedServer) -> None:
    server.respond_data(
        [{"field": "Chrome", "value": 28}],
        pagination={"totalRecords": 2, "currentOffset": 1, "offsetCount": 2},
    )
    server.respond_data(
        [{"field": "Safari", "value": 3}],
        pagination={"totalRecords": 2, "currentOffset": 2, "offsetCount": 2},
    )
    async with make_client(server) as fp:
        fields = [
            row.field
            async for row in fp.metrics.breakdown_all(
                "views", timespan="7:days", group_by="browser_name", limit=1
            )
        ]
    assert fields == ["Chrome", "Safari"]
    assert [dict(r.query)["offset"] for r in server.requests] == ["1", "2"]
    assert all(dict(r.query)["groupBy"] == "browser_name" for r in server.requests)


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda fp: fp.metrics.overall("viewz"), ValueError, "Metric"),
        (lambda fp: fp.metrics.overall("views", measurement="mean"), ValueError, "Measurement"),
        (lambda fp: fp.metrics.overall("views", timespan="1:day"), ValueError, "Timespan"),
        (lambda fp: fp.metrics.breakdown("views", group_by="browser"), ValueError, "Dimension"),
        (lambda fp: fp.metrics.breakdown("views", limit=0), ValueError, "limit"),
        (lambda fp: fp.metrics.breakdown("views", offset=0), ValueError, "offset"),
        (lambda fp: fp.metrics.breakdown("views", sort_order="up"), ValueError, "SortOrder"),
        (lambda fp: fp.metrics.breakdown("views", order_by=""), ValueError, "order_by"),
        (lambda fp: fp.metrics.timeseries("views", group_by="week"), ValueError, None),
        (lambda fp: fp.metrics.timeseries("views", filter_by=["os_name"]), ValueError, None),
        (lambda fp: fp.metrics.comparison(dimension="nope"), ValueError, "Dimension"),
        (lambda fp: fp.metrics.comparison(value=""), ValueError, "value"),
    ],
)
async def test_bad_arguments_are_rejected_before_sending(
    server: ScriptedServer, call: Call, error: type[Exception], match: str | None
) -> None:
    await rejected_before_sending(server, call, error, match)
